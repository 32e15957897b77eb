-- Every column type BulkInsert carries, NULLs included (BulkInsertTest).
CREATE TABLE store_bulk_probe (
    id      BIGINT PRIMARY KEY,
    n4      INTEGER,
    n2      SMALLINT,
    ratio   DOUBLE PRECISION,
    label   TEXT
);
