-- Submitted content. Ids are time-ordered (see io.redline.store.Ids), so "newest first" is ORDER BY id DESC.
CREATE TABLE contents (
    id              BIGINT PRIMARY KEY,
    surface         TEXT NOT NULL,
    author_id       TEXT NOT NULL,
    external_id     TEXT,
    title           TEXT,
    body            TEXT NOT NULL,
    tags_json       TEXT NOT NULL,
    images_json     TEXT NOT NULL,
    submitted_by    TEXT NOT NULL,
    idempotency_key TEXT,
    request_sha256  TEXT,
    created_at_ms   BIGINT NOT NULL
);
-- A replayed Idempotency-Key from the same token finds the original row; NULL keys never collide.
CREATE UNIQUE INDEX contents_idempotency ON contents (submitted_by, idempotency_key);
-- The host platform's own id is unique per surface.
CREATE UNIQUE INDEX contents_external ON contents (surface, external_id);
CREATE INDEX contents_author ON contents (author_id, id);
CREATE INDEX contents_surface ON contents (surface, id);
