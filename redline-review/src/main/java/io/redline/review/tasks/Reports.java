package io.redline.review.tasks;

import static io.redline.review.tasks.ReviewTasks.*;
import static io.redline.review.tasks.TaskRules.*;

import io.redline.audit.AuditEvent;
import io.redline.identity.Principal;
import io.redline.review.ReviewException;
import io.redline.store.Ids;
import io.redline.vocabulary.Actor;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users' reports: they raise the priority of an open task or open one in the reports queue; a reporter reports one task once. Part of {@link ReviewTasks}. */
final class Reports {

    private final TaskContext context;

    Reports(TaskContext c) {
        this.context = c;
    }

    /**
     * Anyone with a token reports content. When the content has an open task (other than a quality
     * sample), the report raises its priority by one step and pulls its deadline in to the report's
     * response deadline; otherwise it opens a task in the reports queue. A reporter reports one task once.
     *
     * @throws ReviewException.NotFound when no content has this id
     * @throws TaskConflict             when the reporter reported this task already
     * @throws ReviewException.NotDecidedYet when the content is stored but not decided yet (retry in a second)
     */
    public Report report(long contentId, Principal reporter, String category, String text) {
        requireName(category, "category");
        if (text == null || text.length() > NOTE_CHARS_MAX) {
            throw new IllegalArgumentException("a report's text must be 0.." + NOTE_CHARS_MAX + " characters");
        }
        Actor actor = reporter.actor();
        requireReportQuota(actor);
        return context.writes().write(h -> {
            long nowMs = context.clock().millis();
            long respondByMs = nowMs + context.config().reportResponse().toMillis();
            record Head(String author, int seq) {}
            Head head = h.createQuery("SELECT author_id, seq FROM decision_heads WHERE content_id = :c")
                    .bind("c", contentId)
                    .map((rs, ctx) -> new Head(rs.getString(1), rs.getInt(2)))
                    .findOne()
                    .orElse(null);
            if (head == null) {
                // On this transaction's handle: a second pool connection here would make the one writer wait on the
                // pool.
                if (!io.redline.intake.ContentReader.exists(h, contentId))
                    throw new ReviewException.NotFound("no content has id " + contentId);
                throw new ReviewException.NotDecidedYet(
                        "content " + contentId + " is being decided; report it again in a second");
            }
            record Open(long id, int priority, long deadlineMs) {}
            Optional<Open> open = h.createQuery("""
                            SELECT id, priority, deadline_at_ms FROM review_tasks
                             WHERE content_id = :c AND state = 'open' AND kind <> 'quality' ORDER BY priority, id LIMIT 1""")
                    .bind("c", contentId)
                    .map((rs, ctx) -> new Open(rs.getLong(1), rs.getInt(2), rs.getLong(3)))
                    .findOne();
            long taskId;
            boolean raised = open.isPresent();
            if (raised) {
                taskId = open.get().id();
            } else {
                // A review decision the sweep has not reached yet gets its own task (its queue and deadline), raised
                // below.
                record Route(String queue, int priority, long deadlineMs, String evidence) {}
                Optional<Route> route = h.createQuery("""
                                SELECT review_queue, review_priority, review_deadline_at_ms, evidence_json FROM decisions
                                 WHERE content_id = :c AND seq = :s AND action = 'review'""")
                        .bind("c", contentId)
                        .bind("s", head.seq())
                        .map((rs, ctx) -> new Route(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4)))
                        .findOne();
                TaskRows.NewTask t = route.map(r -> new TaskRows.NewTask(
                                context.ids().next(),
                                TaskKind.DECISION,
                                contentId,
                                head.seq(),
                                head.author(),
                                category(r.evidence(), r.queue()),
                                r.queue(),
                                Math.max(1, r.priority() - 1),
                                Math.min(r.deadlineMs(), respondByMs),
                                nowMs,
                                null,
                                null,
                                null,
                                null,
                                null))
                        .orElseGet(() -> new TaskRows.NewTask(
                                context.ids().next(),
                                TaskKind.REPORT,
                                contentId,
                                head.seq(),
                                head.author(),
                                category,
                                context.config().reportsQueue(),
                                context.config().reportPriority(),
                                respondByMs,
                                nowMs,
                                null,
                                null,
                                null,
                                null,
                                null));
                if (context.open(h, t)) {
                    context.audit().append(h, openEvent(t));
                    taskId = t.id();
                } else {
                    taskId = h.createQuery(
                                    "SELECT id FROM review_tasks WHERE kind = :k AND content_id = :c AND decision_seq = :s")
                            .bind("k", t.kind().code())
                            .bind("c", contentId)
                            .bind("s", head.seq())
                            .mapTo(Long.class)
                            .one();
                }
            }
            long reportId = context.ids().next();
            int stored = h.createUpdate("""
                            INSERT INTO review_reports (id, content_id, author_id, reporter, category, body, task_id, created_at_ms,
                                respond_by_ms)
                            VALUES (:id, :c, :author, :reporter, :category, :body, :task, :now, :respondBy)
                            ON CONFLICT (task_id, reporter) DO NOTHING""")
                    .bind("id", reportId)
                    .bind("c", contentId)
                    .bind("author", head.author())
                    .bind("reporter", actor.id())
                    .bind("category", category)
                    .bind("body", text)
                    .bind("task", taskId)
                    .bind("now", nowMs)
                    .bind("respondBy", respondByMs)
                    .execute();
            if (stored != 1)
                throw new TaskConflict("you reported content " + contentId + " already; its review is pending");
            if (raised) {
                TaskRows.raise(
                        h,
                        taskId,
                        Math.max(1, open.get().priority() - 1),
                        Math.min(open.get().deadlineMs(), respondByMs));
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reportId", Long.toString(reportId));
            details.put("category", category);
            details.put("taskId", Long.toString(taskId));
            details.put("raisedPriority", raised);
            context.audit()
                    .append(
                            h,
                            new AuditEvent(
                                    actor,
                                    "content.report",
                                    new AuditEvent.Target("content", Long.toString(contentId)),
                                    Instant.ofEpochMilli(nowMs),
                                    details));
            return new Report(
                    reportId,
                    contentId,
                    category,
                    text,
                    taskId,
                    Instant.ofEpochMilli(nowMs),
                    Instant.ofEpochMilli(respondByMs),
                    null,
                    null,
                    null);
        });
    }

    private static final String REPORT_COLUMNS = """
            SELECT r.id, r.content_id, r.category, r.body, r.task_id, r.created_at_ms, r.respond_by_ms,
                   t.verdict, t.reason_code, t.decided_at_ms
              FROM review_reports r JOIN review_tasks t ON t.id = r.task_id
            """;

    /** The reporter's own reports, newest first, each with its task's outcome once decided. */
    public List<Report> reports(Principal reporter, int limit) {
        requireLimit(limit);
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery(REPORT_COLUMNS + " WHERE r.reporter = :me ORDER BY r.id DESC LIMIT :n")
                        .bind("me", reporter.actor().id())
                        .bind("n", limit)
                        .map((rs, ctx) -> reportRow(rs))
                        .list());
    }

    /**
     * The staff's report inbox: unanswered reports by response deadline (most urgent first), or
     * answered ones newest first. Reporters' identities stay out of it.
     */
    public List<Report> reportInbox(boolean answered, int limit) {
        requireLimit(limit);
        String sql = REPORT_COLUMNS
                + (answered
                        ? " WHERE t.state = 'done' ORDER BY t.decided_at_ms DESC, r.id DESC LIMIT :n"
                        : " WHERE t.state = 'open' ORDER BY r.respond_by_ms, r.id LIMIT :n");
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery(sql)
                        .bind("n", limit)
                        .map((rs, ctx) -> reportRow(rs))
                        .list());
    }

    /** Every report on one content item, oldest first (the reviewer's view of the complaints). */
    public List<Report> reportsOn(long contentId) {
        return context.db()
                .jdbi()
                .withHandle(h -> h.createQuery(REPORT_COLUMNS + " WHERE r.content_id = :c ORDER BY r.id LIMIT :n")
                        .bind("c", contentId)
                        .bind("n", LIST_MAX)
                        .map((rs, ctx) -> reportRow(rs))
                        .list());
    }

    private static Report reportRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        String verdict = rs.getString(8);
        return new Report(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                Instant.ofEpochMilli(rs.getLong(6)),
                Instant.ofEpochMilli(rs.getLong(7)),
                verdict == null ? null : TaskVerdict.fromCode(verdict),
                rs.getString(9),
                TaskRows.instant(rs, "decided_at_ms"));
    }

    /**
     * A reporter's reports in the window, as a range of the {@code (reporter, id)} index: ids are
     * time-ordered, so the window's start is an id ({@link Ids#lowestAt}). Counting by
     * {@code created_at_ms} instead read every report the reporter ever filed.
     */
    static final String REPORTS_SINCE_SQL = "SELECT count(*) FROM review_reports WHERE reporter = :r AND id >= :low";

    /** Reporters already audited as flooding, by the window start they flooded in: one audit entry per flood, not per refusal. */
    private final Map<String, Long> floodsAudited = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Refuses a reporter over its quota with {@link ReviewException.TooMany} and audits the flood
     * once per window. A soft limit: concurrent reports may pass it by a few.
     */
    private void requireReportQuota(Actor actor) {
        long nowMs = context.clock().millis();
        long windowMs = REPORT_WINDOW.toMillis();
        long filed = context.db()
                .jdbi()
                .withHandle(h -> h.createQuery(REPORTS_SINCE_SQL)
                        .bind("r", actor.id())
                        .bind("low", Ids.lowestAt(nowMs - windowMs))
                        .mapTo(Long.class)
                        .one());
        if (filed < REPORTS_PER_WINDOW_MAX) return;
        long windowStart = nowMs - nowMs % windowMs;
        if (floodsAudited.size() > 10_000)
            floodsAudited.clear(); // bounded: forgetting means one more audit entry, no more
        if (!Long.valueOf(windowStart).equals(floodsAudited.put(actor.id(), windowStart))) {
            context.audit()
                    .append(new AuditEvent(
                            actor,
                            "content.report_flood",
                            new AuditEvent.Target("reporter", actor.id()),
                            Instant.ofEpochMilli(nowMs),
                            Map.of("reportsInWindow", filed, "windowSeconds", REPORT_WINDOW.toSeconds())));
        }
        throw new ReviewException.TooMany(
                "at most " + REPORTS_PER_WINDOW_MAX + " reports an hour per reporter; this token filed " + filed
                        + " in the last hour",
                Math.max(1, REPORT_WINDOW.toSeconds() / REPORTS_PER_WINDOW_MAX));
    }

    /** Reports on the author's content whose task is still open: the policy's {@code openReports} fact. */
    public Map<String, Integer> openReports(Collection<String> authorIds) {
        if (authorIds.size() > 1_000) throw new IllegalArgumentException("at most 1000 authors at a time");
        return context.db()
                .jdbi()
                .withHandle(h -> new ReportCounts(context.clock()).count(h.getConnection(), authorIds));
    }
}
