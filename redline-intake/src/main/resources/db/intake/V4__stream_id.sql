-- The live room or comment thread an item was posted in (surfaces live and comment; null elsewhere).
-- Decisions read the same author's last few items in the same stream (docs/decisions.md, "Streams"):
-- newest first below the item's id, so the index ends in id. Partial, since most content has no stream.
ALTER TABLE contents ADD COLUMN stream_id TEXT;
CREATE INDEX contents_stream ON contents (stream_id, author_id, id) WHERE stream_id IS NOT NULL;
