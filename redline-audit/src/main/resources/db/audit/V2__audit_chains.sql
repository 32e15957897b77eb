-- Sharded chains (docs/audit.md, "Chains"): one head row per chain instead of the single row
-- every append had to lock. Chain k owns the seqs k * 2^40 + 1 .. (k + 1) * 2^40 - 1, so seq stays
-- the entries' unique key and each entry's hash binds it to its chain; the existing entries
-- (1, 2, 3, ...) are chain 0 and keep their hashes. The head table is rebuilt because SQLite
-- cannot drop the old CHECK (id = 1); its key is named so that it cannot collide with the old
-- table's on PostgreSQL while both exist.
ALTER TABLE audit_head RENAME TO audit_head_v1;
CREATE TABLE audit_head (
    chain INTEGER NOT NULL CHECK (chain >= 0 AND chain < 64),
    seq   BIGINT  NOT NULL,
    hash  TEXT    NOT NULL,
    CONSTRAINT audit_head_chain_key PRIMARY KEY (chain)
);
INSERT INTO audit_head (chain, seq, hash) SELECT 0, seq, hash FROM audit_head_v1;
DROP TABLE audit_head_v1;
