package io.redline.review.tasks;

import io.redline.decision.OpenReports;
import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reports on an author's content whose task is still open: the policy's {@code openReports} fact, for the decision capability. */
public final class ReportCounts implements OpenReports {
    @Override
    public Map<String, Integer> count(Handle h, Collection<String> authorIds) {
        if (authorIds.isEmpty()) return Map.of();
        if (authorIds.size() > 1_000) throw new IllegalArgumentException("at most 1000 authors at a time");
        Map<String, Integer> out = new HashMap<>();
        h.createQuery("""
                        SELECT r.author_id, count(*) FROM review_reports r JOIN review_tasks t ON t.id = r.task_id
                         WHERE r.author_id IN (<authors>) AND t.state = 'open' GROUP BY r.author_id""")
                .bindList("authors", List.copyOf(authorIds))
                .map((rs, ctx) -> out.put(rs.getString(1), rs.getInt(2))).list();
        return out;
    }
}
