package io.redline.review.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.review.ReviewException;
import io.redline.store.Database;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A reader reports a live-chat line the moment it appears, often before the worker has decided it
 * (the soak suite found this under load: a 409 that told the client to retry without saying
 * when). The report is refused as "not decided yet", which the server answers with Retry-After,
 * and the same report a moment later, once decided, is taken.
 */
class ReportBeforeDecisionTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aReportOfContentNotDecidedYetIsRetryableAndTakenOnceDecided(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            long id = f.insert("live", "streamer", "好看!");

            assertThatThrownBy(() -> f.tasks.report(id, TasksFixture.READER, "harassment", ""))
                    .isInstanceOf(ReviewException.NotDecidedYet.class)
                    .hasMessageContaining("is being decided");
            assertThat(ReviewException.NotDecidedYet.RETRY_AFTER_SECONDS).isPositive();

            f.decide(id);
            assertThat(f.tasks.report(id, TasksFixture.READER, "harassment", "").contentId())
                    .isEqualTo(id);
        }
    }
}
