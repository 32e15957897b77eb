-- Training consent: every change is a row (the history); the state at a time is the latest row
-- at or before it. item_id '' is the creator's default, anything else an override for one item.
CREATE TABLE rights_consent (
    id                    BIGINT PRIMARY KEY,
    author_id             TEXT   NOT NULL,
    item_id               TEXT   NOT NULL,
    state                 TEXT,             -- denied | platform_models | licensed; NULL: item override cleared
    licence_terms         TEXT,
    licence_expires_at_ms BIGINT,
    changed_at_ms         BIGINT NOT NULL,
    changed_by            TEXT   NOT NULL,
    changed_by_role       TEXT   NOT NULL,
    surface               TEXT   NOT NULL
);
CREATE INDEX rights_consent_scope ON rights_consent (author_id, item_id, changed_at_ms);
CREATE INDEX rights_consent_item ON rights_consent (item_id, changed_at_ms);

-- An item linked as a near-copy of an earlier item by another author: it inherits that item's consent.
CREATE TABLE rights_copies (
    item_id            TEXT PRIMARY KEY,
    author_id          TEXT   NOT NULL,
    original_id        TEXT   NOT NULL,
    original_author_id TEXT   NOT NULL,
    similarity         DOUBLE PRECISION NOT NULL,
    linked_at_ms       BIGINT NOT NULL
);
CREATE INDEX rights_copies_original ON rights_copies (original_id);
