package io.redline.identity;

import io.redline.store.Database;

/** The identity capability's tables (tokens, console users and sessions), Flyway history {@code identity}. */
public final class IdentitySchema {
    public static final String CAPABILITY = "identity";

    private IdentitySchema() {}

    /** Idempotent; safe on every start. */
    public static void migrate(Database db) {
        db.migrate(CAPABILITY);
    }
}
