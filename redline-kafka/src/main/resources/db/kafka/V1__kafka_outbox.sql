-- The Kafka outbox: messages for topics (decisions, review tasks, accepted items in intake mode),
-- written in the same transaction as what they announce, so a message exists exactly when its
-- cause committed. The relay (OutboxRelay) claims rows under a lease, produces them, waits for
-- the broker's acknowledgement and deletes them: at least once, consumers deduplicate on the
-- redline-event-id header. Plain SQL for SQLite and PostgreSQL alike.
CREATE TABLE kafka_outbox (
    id             BIGINT PRIMARY KEY,
    topic          TEXT NOT NULL,
    -- The record key (the author id: one author's messages stay in one partition, in order).
    msg_key        TEXT,
    payload        TEXT NOT NULL,
    -- Record headers as a JSON object of strings.
    headers_json   TEXT NOT NULL,
    created_at_ms  BIGINT NOT NULL,
    -- A relay's claim: compare-and-set on lease_until_ms; the delete is guarded by leased_by.
    lease_until_ms BIGINT,
    leased_by      TEXT
);
CREATE INDEX kafka_outbox_lease ON kafka_outbox (lease_until_ms, id);
