package io.redline.decision;

import io.redline.store.Database;

/**
 * The decision capability's tables ({@code policies}, {@code policy_activations},
 * {@code decisions}, {@code decision_heads}). Their scripts (under {@code db/decision}) are
 * versions 1 and 4 of the Flyway history {@code review}, which they shared with the review
 * tables before the capabilities were split; the history keeps its name and versions so existing
 * databases upgrade untouched (see {@link Database#migrateShared}). Review's scripts index these
 * tables, so this runs before {@code ReviewSchema}.
 */
public final class DecisionSchema {
    public static final String CAPABILITY = "decision";
    /** The Flyway history these scripts belong to (table {@code flyway_history_review}). */
    static final String HISTORY = "review";

    private DecisionSchema() {}

    /** Idempotent; safe on every start. */
    public static void migrate(Database db) {
        db.migrateShared(HISTORY, "db/decision", CAPABILITY);
    }
}
