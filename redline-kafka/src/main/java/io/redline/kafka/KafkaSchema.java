package io.redline.kafka;

import io.redline.store.Database;

/** The Kafka capability's table ({@code kafka_outbox}), Flyway history {@code kafka}. */
public final class KafkaSchema {
    public static final String CAPABILITY = "kafka";

    private KafkaSchema() {}

    /** Idempotent; safe on every start. */
    public static void migrate(Database db) {
        db.migrate(CAPABILITY);
    }
}
