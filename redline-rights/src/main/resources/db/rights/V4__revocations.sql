-- Revocation impact: an item of a dataset version whose consent was withdrawn (or that was removed)
-- after the export. One row per version and item; the creator sees it, retraining reads the delta.
CREATE TABLE rights_revocations (
    name        TEXT   NOT NULL,
    version     TEXT   NOT NULL,
    item_id     TEXT   NOT NULL,
    author_id   TEXT   NOT NULL,
    reason      TEXT   NOT NULL,     -- consent_withdrawn | content_removed
    found_at_ms BIGINT NOT NULL,
    PRIMARY KEY (name, version, item_id)
);
CREATE INDEX rights_revocations_author ON rights_revocations (author_id, found_at_ms);
