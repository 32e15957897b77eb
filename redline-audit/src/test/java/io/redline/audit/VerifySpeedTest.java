package io.redline.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operator's expectation: `redline audit verify` over 100k entries answers in seconds. The
 * measured figure is printed so it can be quoted (docs/audit.md).
 */
class VerifySpeedTest {
    static final int ENTRIES = 100_000;

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void verifyingOneHundredThousandEntriesTakesSeconds(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = AuditLogTest.open(db);
            long appendStartNs = System.nanoTime();
            for (int batch = 0; batch < ENTRIES / AuditLog.APPEND_BATCH_MAX; batch++) {
                List<AuditEvent> events = new ArrayList<>(AuditLog.APPEND_BATCH_MAX);
                for (int i = 0; i < AuditLog.APPEND_BATCH_MAX; i++)
                    events.add(AuditLogTest.event(batch * AuditLog.APPEND_BATCH_MAX + i));
                log.appendAll(events);
            }
            long appendMs = (System.nanoTime() - appendStartNs) / 1_000_000;

            long verifyStartNs = System.nanoTime();
            VerifyResult result = log.verify();
            long verifyMs = (System.nanoTime() - verifyStartNs) / 1_000_000;

            assertThat(result.ok()).as(result.toString()).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(ENTRIES);
            System.out.printf(
                    "audit verify on %s: %d entries in %d ms (%.0f entries/s); appending them in batches of %d took %d ms%n",
                    db.dialect(),
                    ENTRIES,
                    verifyMs,
                    ENTRIES * 1000.0 / Math.max(1, verifyMs),
                    AuditLog.APPEND_BATCH_MAX,
                    appendMs);
            assertThat(verifyMs).as("verify time").isLessThan(15_000);

            int singles = 300;
            long singleStartNs = System.nanoTime();
            for (int i = 0; i < singles; i++) log.append(AuditLogTest.event(i));
            long singleMs = (System.nanoTime() - singleStartNs) / 1_000_000;
            System.out.printf(
                    "audit append on %s: %d single appends (own transaction each) in %d ms (%.0f/s)%n",
                    db.dialect(), singles, singleMs, singles * 1000.0 / Math.max(1, singleMs));
        }
    }
}
