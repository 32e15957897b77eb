-- The copy backfill's progress (docs/rights.md, "Backfill"): content stored before copy detection
-- ran at intake has no signatures or links. One row per backfill: the id range it covers (fixed
-- when it starts) and how far it got, committed with each batch's rows, so it resumes exactly.
CREATE TABLE rights_copy_backfill (
    name             TEXT   PRIMARY KEY,   -- 'copies'
    until_id         BIGINT NOT NULL,      -- the last content id that existed when it started
    after_id         BIGINT NOT NULL,      -- every content id up to this one is done
    scanned          BIGINT NOT NULL,
    hashed           BIGINT NOT NULL,
    linked           BIGINT NOT NULL,
    started_at_ms    BIGINT NOT NULL,
    updated_at_ms    BIGINT NOT NULL,
    finished_at_ms   BIGINT
);
