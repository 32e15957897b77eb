-- Webhook outbox: one row per (event, subscription), written in the same transaction as the
-- decision that caused the event, so an event exists exactly when its decision does. The
-- dispatcher delivers due rows at least once; receivers deduplicate on event_id.
-- Plain SQL for SQLite and PostgreSQL alike: BIGINT epoch millis, TEXT codes and JSON.
CREATE TABLE webhook_deliveries (
    id                 BIGINT PRIMARY KEY,
    -- Shared by the deliveries of one event to several subscriptions; sent as Redline-Event-Id.
    event_id           BIGINT NOT NULL,
    -- decision.final | appeal.resolved
    event_type         TEXT NOT NULL,
    -- The subscription's configured name; its URL and secret are read from configuration at delivery
    -- time, so a moved receiver or a rotated secret applies to deliveries still pending.
    subscription       TEXT NOT NULL,
    content_id         BIGINT NOT NULL,
    -- The exact bytes signed and sent (UTF-8 JSON).
    payload            TEXT NOT NULL,
    -- pending | delivered | failed (failed = dead letter: gave up after the maximum attempts)
    state              TEXT NOT NULL,
    attempts           INTEGER NOT NULL,
    next_attempt_at_ms BIGINT NOT NULL,
    -- A dispatcher's claim: compare-and-set on lease_until_ms, result writes guarded by leased_by.
    lease_until_ms     BIGINT,
    leased_by          TEXT,
    last_attempt_at_ms BIGINT,
    -- HTTP status of the last attempt; null when it got no response (timeout, connection error).
    last_status        INTEGER,
    last_error         TEXT,
    created_at_ms      BIGINT NOT NULL,
    delivered_at_ms    BIGINT,
    CONSTRAINT webhook_deliveries_event_subscription UNIQUE (event_id, subscription)
);
-- The dispatcher's sweep: due pending rows in time order.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at_ms, id);
-- The admin listing: newest first, by state.
CREATE INDEX webhook_deliveries_state_id ON webhook_deliveries (state, id);
