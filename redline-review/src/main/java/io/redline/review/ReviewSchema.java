package io.redline.review;

import io.redline.store.Database;

/**
 * The review capability's tables ({@code review_tasks}, {@code review_reports},
 * {@code review_sweeps}, {@code webhook_deliveries}): versions 2 and 3 of the Flyway history
 * {@code review}, shared with the decision tables' versions 1 and 4 since before the split (see
 * {@link Database#migrateShared}). Version 2 also indexes {@code decisions}, so the decision
 * capability migrates first.
 */
public final class ReviewSchema {
    public static final String CAPABILITY = "review";

    private ReviewSchema() {}

    /** Idempotent; safe on every start. Needs {@code DecisionSchema} migrated first. */
    public static void migrate(Database db) {
        db.migrateShared("review", "db/review", CAPABILITY);
    }
}
