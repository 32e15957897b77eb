CREATE TABLE store_probe (
    id    BIGINT PRIMARY KEY,
    label TEXT NOT NULL
);
