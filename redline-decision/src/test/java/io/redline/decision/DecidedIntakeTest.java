package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.intake.Intake;
import io.redline.intake.IntakeLimits;
import io.redline.intake.Receipt;
import io.redline.intake.Submission;
import io.redline.store.Database;
import io.redline.store.Ids;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@code POST /v1/contents} answers about decisions without {@code ?wait}: SQLite and PostgreSQL. */
class DecidedIntakeTest {
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void withoutWaitANewItemIsPendingAndItsReplayCarriesTheDecisionTheWorkerMade(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            Intake intake =
                    new Intake(f.db, f.writes, IntakeLimits.defaults(), Clock.systemUTC(), new Ids(5), null, f.audit);
            AtomicInteger nudges = new AtomicInteger();
            DecidedIntake decided = new DecidedIntake(intake, f.decisions, nudges::incrementAndGet);
            Submission note =
                    new Submission("comment", "u1", null, null, "加我微信 abc12345", List.of(), List.of(), false, null);

            DecidedIntake.Submitted first = decided.submit(Fixture.SERVICE, note, List.of(), "k-1", false);
            Receipt stored = first.receipts().getFirst();
            assertThat(stored.replayed()).isFalse();
            assertThat(first.decisionOf(stored))
                    .as("new, so not decided yet: pending")
                    .isNull();
            assertThat(nudges).hasValue(1);

            assertThat(f.decisions.decidePending(10)).isEqualTo(1); // the worker
            DecidedIntake.Submitted replay = decided.submit(Fixture.SERVICE, note, List.of(), "k-1", false);
            Receipt again = replay.receipts().getFirst();
            assertThat(again.replayed()).isTrue();
            assertThat(replay.decisionOf(again))
                    .as("a replay is looked up: the worker's decision")
                    .isEqualTo(f.decisions.current(stored.content().id()).orElseThrow());
            assertThat(nudges).as("nothing left to nudge the worker for").hasValue(1);
        }
    }
}
