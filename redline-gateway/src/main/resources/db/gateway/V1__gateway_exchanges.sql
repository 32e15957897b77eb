-- One row per call through the AI gateway, linking the stored prompt and output contents (intake)
-- to the token and end user. Hashes always; the texts themselves live in contents when
-- gateway.storeFullText is on. Ids are time-ordered (io.redline.store.Ids): newest first is ORDER BY id DESC.
CREATE TABLE gateway_exchanges (
    id                BIGINT PRIMARY KEY,
    created_at_ms     BIGINT NOT NULL,
    token_id          TEXT NOT NULL,
    end_user          TEXT NOT NULL,
    minor             SMALLINT NOT NULL,
    operation         TEXT NOT NULL,
    model             TEXT NOT NULL,
    upstream          TEXT,
    outcome           TEXT NOT NULL,
    status            INTEGER NOT NULL,
    prompt_content_id BIGINT,
    output_content_id BIGINT,
    prompt_sha256     TEXT NOT NULL,
    output_sha256     TEXT,
    prompt_action     TEXT NOT NULL,
    prompt_reason     TEXT NOT NULL,
    output_action     TEXT,
    output_reason     TEXT,
    evidence_json     TEXT NOT NULL,
    upstream_micros   BIGINT NOT NULL,
    added_micros      BIGINT NOT NULL
);
CREATE INDEX gateway_exchanges_user ON gateway_exchanges (end_user, id);
