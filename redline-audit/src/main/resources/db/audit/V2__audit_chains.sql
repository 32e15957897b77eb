-- Sharded chains (docs/audit.md, "Chains"): one head row per chain instead of the single row
-- every append had to lock. Chain k owns the seqs k * 2^40 + 1 .. (k + 1) * 2^40 - 1, so seq stays
-- the entries' unique key and each entry's hash binds it to its chain; the existing entries
-- (1, 2, 3, ...) are chain 0 and keep their hashes. The table is rebuilt because SQLite cannot drop
-- the old CHECK (id = 1).
CREATE TABLE audit_head_chains (
    chain INTEGER PRIMARY KEY CHECK (chain >= 0 AND chain < 64),
    seq   BIGINT  NOT NULL,
    hash  TEXT    NOT NULL
);
INSERT INTO audit_head_chains (chain, seq, hash) SELECT 0, seq, hash FROM audit_head;
DROP TABLE audit_head;
ALTER TABLE audit_head_chains RENAME TO audit_head;
