-- Stored policy versions. The key is Policy.version() (SHA-256 of the canonical form), so a
-- version's source can never change: saving the same meaning again finds the same row.
CREATE TABLE policies (
    version       TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    source        TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by    TEXT NOT NULL
);

-- Activation history; the row with the highest id (time-ordered, see io.redline.store.Ids) is in force.
CREATE TABLE policy_activations (
    id               BIGINT PRIMARY KEY,
    version          TEXT NOT NULL REFERENCES policies (version),
    previous_version TEXT,
    activated_at_ms  BIGINT NOT NULL,
    activated_by     TEXT NOT NULL
);

-- Every decision ever made, append-only: a rescreen or an appeal adds seq + 1, never overwrites.
-- content_id refers to intake's contents table; no foreign key, because each capability owns its
-- tables and migrates them independently.
CREATE TABLE decisions (
    id                    BIGINT PRIMARY KEY,
    content_id            BIGINT NOT NULL,
    seq                   INTEGER NOT NULL,
    origin                TEXT NOT NULL,
    action                TEXT NOT NULL,
    reason_code           TEXT NOT NULL,
    rule_id               TEXT,
    matched_rule_ids_json TEXT NOT NULL,
    labels_json           TEXT NOT NULL,
    review_queue          TEXT,
    review_priority       INTEGER,
    review_deadline_at_ms BIGINT,
    reach                 TEXT,
    evidence_json         TEXT NOT NULL,
    risk_score            INTEGER NOT NULL,
    policy_version        TEXT NOT NULL,
    engine_version        TEXT NOT NULL,
    latency_micros        BIGINT NOT NULL,
    decided_at_ms         BIGINT NOT NULL,
    decided_by            TEXT NOT NULL,
    -- The guard against double decisions: two writers racing for seq 1 (or seq n + 1) cannot both win.
    CONSTRAINT decisions_content_seq UNIQUE (content_id, seq)
);

-- The current (highest-seq) decision per content, maintained in the same transaction as the
-- decisions row. It makes "pending" an index-backed anti-join and prior strikes an index scan.
CREATE TABLE decision_heads (
    content_id    BIGINT PRIMARY KEY,
    author_id     TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    action        TEXT NOT NULL,
    reason_code   TEXT NOT NULL,
    decided_at_ms BIGINT NOT NULL
);
CREATE INDEX decision_heads_author_action ON decision_heads (author_id, action, content_id);
