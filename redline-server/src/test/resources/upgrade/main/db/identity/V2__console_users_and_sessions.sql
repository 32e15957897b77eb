-- Console users sign in with a username and password; only a salted PBKDF2 hash is stored
-- (pbkdf2-sha256$<iterations>$<salt>$<hash>). Usernames are stored lower-cased, so the unique
-- constraint is case-insensitive on both engines without engine-specific collations.
CREATE TABLE console_users (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL,
    author_id       TEXT,
    display_name    TEXT,
    created_by      TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    disabled_at_ms  BIGINT,
    -- Lockout: consecutive failed sign-ins (attempts in flight count until they succeed), and
    -- until when sign-in is refused after too many.
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until_ms BIGINT
);

-- Browser sessions of the web console. Only the SHA-256 of the cookie secret is stored (the
-- secret has 256 random bits, so a fast hash suffices); the CSRF token is a separate random value.
-- principal_kind/principal_id name the token or user signed in, re-checked on every use.
CREATE TABLE console_sessions (
    id              TEXT PRIMARY KEY,
    secret_sha256   TEXT NOT NULL UNIQUE,
    csrf_token      TEXT NOT NULL,
    principal_kind  TEXT NOT NULL CHECK (principal_kind IN ('token', 'user')),
    principal_id    TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    last_seen_at_ms BIGINT NOT NULL,
    expires_at_ms   BIGINT NOT NULL
);
CREATE INDEX console_sessions_principal ON console_sessions (principal_id);
CREATE INDEX console_sessions_expiry ON console_sessions (expires_at_ms);
