package io.redline.review.tasks;

import static io.redline.review.tasks.ReviewTasks.*;
import static io.redline.review.tasks.TaskRules.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reading tasks: queues in claim order, a content's tasks, queue statistics, reviewer throughput and disagreement rates. Part of {@link ReviewTasks}. */
final class TaskReads {

    private final TaskContext context;

    TaskReads(TaskContext c) {
        this.context = c;
    }

    public Optional<ReviewTask> task(long id) {
        return context.db().jdbi().withHandle(h -> TaskRows.find(h, id));
    }

    /** Open tasks of a queue in claim order (most urgent first). */
    public List<ReviewTask> openTasks(String queue, int limit) {
        requireQueue(queue);
        requireLimit(limit);
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT * FROM review_tasks WHERE state = 'open' AND queue = :q
                         ORDER BY priority, deadline_at_ms, id LIMIT :n""")
                        .bind("q", queue)
                        .bind("n", limit)
                        .map((rs, ctx) -> TaskRows.map(rs))
                        .list());
    }

    /** Tasks of one kind: open ones in claim order, or decided ones newest first (the appeal inbox). */
    public List<ReviewTask> tasksOfKind(TaskKind kind, boolean open, int limit) {
        requireLimit(limit);
        String sql = open
                ? "SELECT * FROM review_tasks WHERE kind = :k AND state = 'open' ORDER BY priority, deadline_at_ms, id LIMIT :n"
                : "SELECT * FROM review_tasks WHERE kind = :k AND state = 'done' ORDER BY decided_at_ms DESC, id DESC LIMIT :n";
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery(sql)
                        .bind("k", kind.code())
                        .bind("n", limit)
                        .map((rs, ctx) -> TaskRows.map(rs))
                        .list());
    }

    /** Every task ever opened on the content, oldest first. */
    public List<ReviewTask> tasksOf(long contentId) {
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM review_tasks WHERE content_id = :c ORDER BY id")
                        .bind("c", contentId)
                        .map((rs, ctx) -> TaskRows.map(rs))
                        .list());
    }

    /** Depth, leased tasks, oldest age and SLA breaches (open past deadline) per queue with open tasks. */
    public List<QueueStats> queueStats() {
        long nowMs = context.clock().millis();
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT queue, count(*),
                               sum(CASE WHEN claimed_by IS NOT NULL AND lease_until_ms >= :now THEN 1 ELSE 0 END),
                               min(created_at_ms),
                               sum(CASE WHEN deadline_at_ms < :now THEN 1 ELSE 0 END)
                          FROM review_tasks WHERE state = 'open' GROUP BY queue ORDER BY queue""")
                        .bind("now", nowMs)
                        .map((rs, ctx) -> new QueueStats(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getLong(3),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                Math.max(0, nowMs - rs.getLong(4)),
                                rs.getLong(5)))
                        .list());
    }

    /** Tasks each reviewer decided since {@code since}, busiest first. */
    public List<ReviewerThroughput> throughput(Instant since) {
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT decided_by, count(*) FROM review_tasks WHERE decided_at_ms >= :since AND verdict IS NOT NULL
                         GROUP BY decided_by ORDER BY count(*) DESC, decided_by""")
                        .bind("since", since.toEpochMilli())
                        .map((rs, ctx) -> new ReviewerThroughput(rs.getString(1), rs.getLong(2)))
                        .list());
    }

    /** Quality samples decided since {@code since}, by the first decider (a reviewer, or {@code system:…}). */
    public List<Disagreement> disagreementByReviewer(Instant since) {
        return disagreement("first_decider", since);
    }

    /** Quality samples decided since {@code since}, by category. */
    public List<Disagreement> disagreementByCategory(Instant since) {
        return disagreement("category", since);
    }

    private List<Disagreement> disagreement(String column, Instant since) {
        // column is one of two constants above, never caller input.
        String sql = "SELECT " + column + ", count(*), sum(CASE WHEN verdict <> first_verdict THEN 1 ELSE 0 END)"
                + " FROM review_tasks WHERE kind = 'quality' AND state = 'done' AND decided_at_ms >= :since"
                + " GROUP BY " + column + " ORDER BY " + column;
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery(sql)
                        .bind("since", since.toEpochMilli())
                        .map((rs, ctx) -> new Disagreement(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                        .list());
    }
}
