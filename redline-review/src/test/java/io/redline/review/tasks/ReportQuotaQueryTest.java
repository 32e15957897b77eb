package io.redline.review.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-reporter quota runs on every report, so its count must be a range of the
 * {@code (reporter, id)} index, not a walk over the reporter's whole history.
 */
class ReportQuotaQueryTest {

    @Test
    void theQuotaCountIsARangeOfTheReporterIndex() {
        try (TasksFixture f = new TasksFixture(TestDatabases.sqlite())) {
            List<String> plan = f.db.jdbi()
                    .withHandle(h -> h.createQuery("EXPLAIN QUERY PLAN " + Reports.REPORTS_SINCE_SQL)
                            .bind("r", "tok_someone")
                            .bind("low", 1L)
                            .map((rs, ctx) -> rs.getString("detail"))
                            .list());
            assertThat(plan)
                    .anySatisfy(step -> assertThat(step)
                            .contains("review_reports_reporter")
                            .contains("reporter=?")
                            .contains("id>"));
        }
    }
}
