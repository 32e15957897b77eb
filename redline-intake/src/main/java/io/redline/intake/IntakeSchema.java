package io.redline.intake;

import io.redline.store.Database;

/** The intake capability's tables ({@code contents}, {@code content_images}), Flyway history {@code intake}. */
public final class IntakeSchema {
    private IntakeSchema() {}

    /** Idempotent; safe on every start. */
    public static void migrate(Database db) {
        db.migrate(Intake.CAPABILITY);
    }
}
