-- API tokens are stored only as SHA-256 hashes of the secret; the secret is shown once at creation.
CREATE TABLE api_tokens (
    id            TEXT PRIMARY KEY,
    secret_sha256 TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL,
    author_id     TEXT,
    name          TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    revoked_at_ms BIGINT
);
CREATE INDEX api_tokens_role ON api_tokens (role);
