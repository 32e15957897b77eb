-- AI-generated content duties (docs/aigc-labels.md): the author's declaration, the mark derived
-- from it and from the labels found in uploaded images, and the uploaded images themselves.
ALTER TABLE contents ADD COLUMN ai_declared SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE contents ADD COLUMN ai_mark TEXT NOT NULL DEFAULT 'none';

CREATE TABLE content_images (
    content_id     BIGINT NOT NULL,
    idx            INTEGER NOT NULL,
    media_type     TEXT NOT NULL,
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    bytes          BIGINT NOT NULL,
    sha256         TEXT NOT NULL,
    ai_mark        TEXT NOT NULL,
    evidence_json  TEXT NOT NULL,
    aigc_json      TEXT,
    stored_path    TEXT NOT NULL,
    PRIMARY KEY (content_id, idx)
);
