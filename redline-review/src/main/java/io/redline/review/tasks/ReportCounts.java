package io.redline.review.tasks;

import io.redline.decision.OpenReports;
import io.redline.store.HotStatements;
import io.redline.store.Ids;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy's {@code openReports} fact, for the decision capability: distinct reporters with a
 * report on the author's content whose task is still open, each weighted by its track record. One
 * token reporting five posts is one voice, not five.
 */
public final class ReportCounts implements OpenReports {
    /**
     * How far back a reporter's track record reaches. Bounded so a decision batch reads at most
     * a window of each reporter's reports (30 days at the 30-an-hour quota: 21,600 rows at worst),
     * not its whole history; as a range of the {@code (reporter, id)} index, since ids are time-ordered.
     */
    static final Duration TRACK_RECORD_WINDOW = Duration.ofDays(30);

    private final Clock clock;

    public ReportCounts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Map<String, Integer> count(Connection c, Collection<String> authorIds) {
        if (authorIds.isEmpty()) return Map.of();
        if (authorIds.size() > 1_000) throw new IllegalArgumentException("at most 1000 authors at a time");
        Map<String, List<String>> reportersByAuthor = new HashMap<>();
        // Every decision reads it (plain JDBC: see HotStatements). The task's state is a scalar
        // subquery, not a join, so the query always starts from the authors' reports (their index)
        // and looks each task up by key: as a join, PostgreSQL planned it from the open tasks when
        // its statistics lagged a growing table, reading every open task for every decision
        // (2.9 ms at 1,706 open tasks, against 0.03 ms; docs/benchmarks.md, session 10).
        HotStatements.queryIn(
                c,
                """
                SELECT DISTINCT r.author_id, r.reporter FROM review_reports r
                 WHERE r.author_id IN (<in>) AND (SELECT t.state FROM review_tasks t WHERE t.id = r.task_id) = 'open'""",
                List.copyOf(authorIds),
                rs -> reportersByAuthor
                        .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2)));
        if (reportersByAuthor.isEmpty()) return Map.of();
        Map<String, Double> weight = reporterWeights(
                c,
                Ids.lowestAt(clock.millis() - TRACK_RECORD_WINDOW.toMillis()),
                reportersByAuthor.values().stream()
                        .flatMap(List::stream)
                        .distinct()
                        .toList());
        Map<String, Integer> out = new HashMap<>();
        reportersByAuthor.forEach((author, reporters) -> out.put(author, (int) Math.floor(
                reporters.stream().mapToDouble(r -> weight.getOrDefault(r, 1.0)).sum() + 1e-9)));
        return out;
    }

    /**
     * How much a reporter's voice counts, from its track record (as Discourse weighs flaggers): the
     * share of its decided reports that reviewers upheld (content rejected), smoothed so a new
     * reporter counts fully: {@code (upheld + 1) / (decided + 1)}. A token whose reports reviewers
     * keep dismissing fades towards zero; nobody counts more than once. Only reports with an id of
     * at least {@code lowId} count (the {@link #TRACK_RECORD_WINDOW}).
     */
    static Map<String, Double> reporterWeights(Connection c, long lowId, List<String> reporters) {
        Map<String, Double> out = new HashMap<>();
        for (int from = 0; from < reporters.size(); from += 500) {
            HotStatements.queryIn(
                    c,
                    """
                    SELECT r.reporter,
                           SUM(CASE WHEN t.verdict = 'reject' THEN 1 ELSE 0 END),
                           SUM(CASE WHEN t.verdict IS NOT NULL THEN 1 ELSE 0 END)
                      FROM review_reports r JOIN review_tasks t ON t.id = r.task_id
                     WHERE r.reporter IN (<in>) AND r.id >= ? AND t.state <> 'open'
                     GROUP BY r.reporter""",
                    reporters.subList(from, Math.min(reporters.size(), from + 500)),
                    rs -> out.put(rs.getString(1), (rs.getLong(2) + 1.0) / (rs.getLong(3) + 1.0)),
                    lowId);
        }
        return out;
    }
}
