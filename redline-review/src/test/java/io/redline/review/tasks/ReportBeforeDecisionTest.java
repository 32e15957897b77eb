package io.redline.review.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.review.ReviewException;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
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

    /**
     * The soak suite's stall: the report ran inside the one group-commit writer's transaction and
     * asked the pool for a second connection to see whether the content exists. With the pool
     * taken by requests that wait on that writer, the writer waited on them. With every other
     * connection of the pool taken, the check must still answer at once.
     */
    @Test
    void reportingContentNotDecidedYetNeedsNoSecondConnection() {
        StoreConfig pg = TestDatabases.postgresConfig();
        Database db = Database.open(new StoreConfig(pg.jdbcUrl(), pg.user(), pg.password(), 2));
        try (TasksFixture f = new TasksFixture(db)) {
            long id = f.insert("live", "streamer", "好看!");
            // Another request holds the other connection: the writer has exactly the one it writes with.
            org.jdbi.v3.core.Handle held = db.jdbi().open();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> f.tasks.report(id, TasksFixture.READER, "harassment", ""))
                    .isInstanceOf(ReviewException.NotDecidedYet.class);
            // The pool's connection timeout is 10 s; a nested acquisition would wait that long and fail.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThatThrownBy(() -> f.tasks.report(987_654_321L, TasksFixture.READER, "harassment", ""))
                    .isInstanceOf(ReviewException.NotFound.class);
            held.close();
        }
    }
}
