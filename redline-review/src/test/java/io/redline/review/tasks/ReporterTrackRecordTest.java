package io.redline.review.tasks;

import static io.redline.review.tasks.TasksFixture.ANNA;
import static org.assertj.core.api.Assertions.assertThat;

import io.redline.decision.Decision;
import io.redline.store.Database;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reporter's weight comes from its recent track record only: dismissed reports lower it for
 * {@link ReportCounts#TRACK_RECORD_WINDOW}, then age out (so weighing a batch never reads a
 * reporter's whole history).
 */
class ReporterTrackRecordTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void dismissedReportsWeighAReporterDownUntilTheyLeaveTheWindow(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision harmless = f.allowedComment("bob");
            f.tasks.report(harmless.contentId(), TasksFixture.READER, "harassment", "");
            f.tasks.decide(f.claim("reports", ANNA).id(), ANNA, TaskVerdict.APPROVE, "not_harassment", null);

            Decision another = f.allowedComment("carol");
            f.tasks.report(another.contentId(), TasksFixture.READER, "harassment", "");
            // One dismissed report of one: (0 + 1) / (1 + 1) = half a voice, which is no whole report.
            assertThat(f.tasks.openReports(List.of("carol"))).containsEntry("carol", 0);

            f.clock.advance(ReportCounts.TRACK_RECORD_WINDOW.plus(Duration.ofDays(1)));
            assertThat(f.tasks.openReports(List.of("carol"))).containsEntry("carol", 1);
        }
    }
}
