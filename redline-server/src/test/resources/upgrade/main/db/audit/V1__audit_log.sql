-- The audit log (docs/audit.md). Entries are append-only and hash-chained; audit_head is the
-- single row every append compare-and-sets, which serialises appenders on both engines;
-- audit_anchors records checkpoints of the head and the horizon left by retention purges.
CREATE TABLE audit_entries (
    seq            BIGINT PRIMARY KEY,
    occurred_at_ms BIGINT NOT NULL,
    actor_id       TEXT   NOT NULL,
    actor_role     TEXT   NOT NULL,
    action         TEXT   NOT NULL,
    target_type    TEXT   NOT NULL,
    target_id      TEXT   NOT NULL,
    details        TEXT   NOT NULL,
    prev_hash      TEXT   NOT NULL,
    hash           TEXT   NOT NULL
);
CREATE INDEX audit_entries_occurred ON audit_entries (occurred_at_ms, seq);
CREATE INDEX audit_entries_action ON audit_entries (action, seq);
CREATE INDEX audit_entries_actor ON audit_entries (actor_id, seq);
CREATE INDEX audit_entries_target ON audit_entries (target_type, target_id, seq);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT  NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_anchors (
    id             BIGINT PRIMARY KEY,
    kind           TEXT   NOT NULL,
    seq            BIGINT NOT NULL,
    hash           TEXT   NOT NULL,
    anchored_at_ms BIGINT NOT NULL
);
CREATE INDEX audit_anchors_kind_seq ON audit_anchors (kind, seq);
CREATE INDEX audit_anchors_seq ON audit_anchors (seq);
