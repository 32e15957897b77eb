package io.redline.review.tasks;

import static io.redline.review.tasks.ReviewTasks.*;
import static io.redline.review.tasks.TaskRules.*;

import io.redline.audit.AuditEvent;
import io.redline.decision.Decision;
import io.redline.decision.Origin;
import io.redline.policy.Action;
import io.redline.store.HotStatements;
import io.redline.store.Ids;
import io.redline.store.WatermarkSweep;
import io.redline.vocabulary.Actor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/** Opens tasks: for review decisions (right after they are made, and by the sweep that finds those without a task), closes tasks a rescreen made moot, and samples automatic allow decisions for blind second review. Part of {@link ReviewTasks}. */
final class TaskSweep {
    private final ReentrantLock sweepLock = new ReentrantLock();
    /** Current review decisions with id at or below its watermark have a task. */
    private final WatermarkSweep reviewDecisions;
    /** Rescreen decisions with id at or below its watermark have closed the tasks they superseded. */
    private final WatermarkSweep rescreens;

    private final TaskContext context;

    TaskSweep(TaskContext c) {
        this.context = c;
        this.reviewDecisions = new WatermarkSweep(c.clock(), WatermarkSweep.Found.STILL_WAITING);
        this.rescreens = new WatermarkSweep(c.clock(), WatermarkSweep.Found.DONE_WHEN_SEEN);
    }

    /**
     * Opens a task for each review decision given that is still its content's current decision
     * (e.g. right after {@code decideNow} returned one). Idempotent: one task per content and seq.
     * Returns how many tasks this call opened.
     */
    public int openFor(List<Decision> decisions) {
        if (decisions.size() > BATCH_MAX)
            throw new IllegalArgumentException("at most " + BATCH_MAX + " decisions at a time");
        List<Decision> review =
                decisions.stream().filter(d -> d.action() == Action.REVIEW).toList();
        if (review.isEmpty()) return 0;
        long nowMs = context.clock().millis();
        return context.writes().write(h -> {
            record Head(String author, int seq) {}
            Map<Long, Head> heads = new HashMap<>();
            // On the group-commit writer for every review decision: cached statements (HotStatements).
            HotStatements.queryIn(
                    h,
                    "SELECT content_id, author_id, seq FROM decision_heads WHERE content_id IN (" + HotStatements.IN
                            + ")",
                    review.stream().map(Decision::contentId).distinct().toList(),
                    rs -> heads.put(rs.getLong(1), new Head(rs.getString(2), rs.getInt(3))));
            if (heads.isEmpty()) return 0;
            Set<Long> busy = new HashSet<>();
            HotStatements.queryIn(
                    h,
                    "SELECT content_id FROM review_tasks WHERE content_id IN (" + HotStatements.IN
                            + ") AND state = 'open' AND kind <> 'quality'",
                    List.copyOf(heads.keySet()),
                    rs -> busy.add(rs.getLong(1)));
            List<AuditEvent> events = new ArrayList<>();
            for (Decision d : review) {
                Head head = heads.get(d.contentId());
                if (head == null || head.seq() != d.seq()) continue; // superseded: nothing to review
                if (busy.contains(d.contentId())) continue; // a report or appeal task already has a person on it
                TaskRows.NewTask t = new TaskRows.NewTask(
                        context.ids().next(),
                        TaskKind.DECISION,
                        d.contentId(),
                        d.seq(),
                        head.author(),
                        category(d.evidence(), d.review().queue()),
                        d.review().queue(),
                        d.review().priority(),
                        d.review().deadlineAt().toEpochMilli(),
                        nowMs,
                        null,
                        null,
                        null,
                        null,
                        null);
                if (context.open(h, t)) events.add(openEvent(t));
            }
            if (!events.isEmpty()) context.audit().appendAll(h, events);
            return events.size();
        });
    }

    /**
     * The sweep the server's task sweeper (its own {@code DrainLoop}, every half second) calls:
     * every {@code review} decision gets its task here, whoever made it. Opens tasks for up to {@code batchMax} current
     * review decisions that have none, then samples automatic allow decisions for blind second
     * review (scanning at most {@code 20 × batchMax} of them). Returns the tasks opened.
     *
     * <p>Review decisions are found with an anti-join above an in-memory watermark (as the
     * decision worker finds pending content: {@code WatermarkSweep}); the allow scan keeps a durable cursor in
     * {@code review_sweeps} that trails wall time by {@link TaskConfig#sweepLag()}.
     */
    public int openPending(int batchMax) {
        if (batchMax < 1 || batchMax > BATCH_MAX)
            throw new IllegalArgumentException("batchMax must be 1.." + BATCH_MAX);
        sweepLock.lock();
        try {
            closeSuperseded(batchMax);
            return openReviewTasks(batchMax) + sampleAutoAllows(batchMax * 20);
        } finally {
            sweepLock.unlock();
        }
    }

    /**
     * Closes review tasks a rescreen made moot: an open {@code decision} task about a decision that a
     * later rescreen decision replaced (a policy or lexicon change decided the content anew). Without
     * this a reviewer would spend time on a question the machine already re-answered, and a verdict
     * would land on top of the newer decision. Tasks a user report is waiting on stay open: the
     * reporter is owed a person's answer. If the rescreen still says {@code review}, the next sweep
     * opens a task for the new decision (in the queue it now routes to). Returns how many it closed.
     */
    private record Rescreen(long id, long contentId, int seq) {}

    private int closeSuperseded(int batchMax) {
        return rescreens.step(
                batchMax,
                floor -> context.db()
                        .jdbi()
                        .withHandle(h -> h.createQuery("""
                        SELECT d.id, d.content_id, d.seq FROM decisions d
                         WHERE d.origin = 'rescreen' AND d.id > :floor
                           AND EXISTS (SELECT 1 FROM review_tasks t
                                        WHERE t.content_id = d.content_id AND t.state = 'open' AND t.kind = 'decision'
                                          AND t.decision_seq < d.seq)
                         ORDER BY d.id LIMIT :n""")
                                .bind("floor", floor)
                                .bind("n", batchMax)
                                .map((rs, ctx) -> new Rescreen(rs.getLong(1), rs.getLong(2), rs.getInt(3)))
                                .list()),
                Rescreen::id,
                this::closeTasksOf);
    }

    private int closeTasksOf(List<Rescreen> rescreens) {
        long nowMs = context.clock().millis();
        Actor actor = SWEEP.actor();
        return context.writes().write(h -> {
            int closed = 0;
            for (Rescreen r : rescreens) {
                List<Long> stale = h.createQuery("""
                                SELECT t.id FROM review_tasks t
                                 WHERE t.content_id = :c AND t.state = 'open' AND t.kind = 'decision' AND t.decision_seq < :seq
                                   AND NOT EXISTS (SELECT 1 FROM review_reports rr WHERE rr.task_id = t.id)""")
                        .bind("c", r.contentId())
                        .bind("seq", r.seq())
                        .mapTo(Long.class)
                        .list();
                for (long id : stale) {
                    int done = TaskRows.closeSuperseded(h, id, actor.id(), nowMs, r.seq());
                    if (done != 1) continue;
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("reason", "superseded");
                    details.put("contentId", Long.toString(r.contentId()));
                    details.put("bySeq", r.seq());
                    context.audit().append(h, event(actor, "task.close", id, nowMs, details));
                    closed++;
                }
            }
            return closed;
        });
    }

    private record Pending(
            long id,
            long contentId,
            int seq,
            String queue,
            int priority,
            long deadlineMs,
            String evidence,
            String author) {}

    private int openReviewTasks(int batchMax) {
        return reviewDecisions.step(
                batchMax,
                floor -> context.db()
                        .jdbi()
                        .withHandle(h -> h.createQuery("""
                        SELECT d.id, d.content_id, d.seq, d.review_queue, d.review_priority, d.review_deadline_at_ms,
                               d.evidence_json, hd.author_id
                          FROM decisions d JOIN decision_heads hd ON hd.content_id = d.content_id AND hd.seq = d.seq
                         WHERE d.action = 'review' AND d.id > :floor
                           AND NOT EXISTS (SELECT 1 FROM review_tasks t
                                            WHERE t.content_id = d.content_id
                                              AND ((t.kind = 'decision' AND t.decision_seq = d.seq)
                                                OR (t.state = 'open' AND t.kind <> 'quality')))
                         ORDER BY d.id LIMIT :n""")
                                .bind("floor", floor)
                                .bind("n", batchMax)
                                .map((rs, ctx) -> new Pending(
                                        rs.getLong(1),
                                        rs.getLong(2),
                                        rs.getInt(3),
                                        rs.getString(4),
                                        rs.getInt(5),
                                        rs.getLong(6),
                                        rs.getString(7),
                                        rs.getString(8)))
                                .list()),
                Pending::id,
                this::openTasksFor);
    }

    private int openTasksFor(List<Pending> pending) {
        long nowMs = context.clock().millis();
        return context.writes().write(h -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Pending p : pending) {
                TaskRows.NewTask t = new TaskRows.NewTask(
                        context.ids().next(),
                        TaskKind.DECISION,
                        p.contentId(),
                        p.seq(),
                        p.author(),
                        category(p.evidence(), p.queue()),
                        p.queue(),
                        p.priority(),
                        p.deadlineMs(),
                        nowMs,
                        null,
                        null,
                        null,
                        null,
                        null);
                if (context.open(h, t)) events.add(openEvent(t));
            }
            if (!events.isEmpty()) context.audit().appendAll(h, events);
            return events.size();
        });
    }

    private int sampleAutoAllows(int scanMax) {
        long nowMs = context.clock().millis();
        long to = Ids.lowestAt(nowMs - context.config().sweepLag().toMillis()) - 1;
        // First start: sample from a day back rather than all of history.
        long from = context.db()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT position FROM review_sweeps WHERE name = :n")
                        .bind("n", AUTO_ALLOW_SWEEP)
                        .mapTo(Long.class)
                        .findOne())
                .orElse(Ids.lowestAt(nowMs - Duration.ofDays(1).toMillis()));
        if (from >= to) return 0;
        record Allowed(
                long id, long contentId, int seq, String origin, String decidedBy, String evidence, String author) {}
        List<Allowed> scanned = context.db()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT d.id, d.content_id, d.seq, d.origin, d.decided_by, d.evidence_json, hd.author_id
                          FROM decisions d JOIN decision_heads hd ON hd.content_id = d.content_id
                         WHERE d.action = 'allow' AND d.id > :from AND d.id <= :to
                         ORDER BY d.id LIMIT :n""")
                        .bind("from", from)
                        .bind("to", to)
                        .bind("n", scanMax)
                        .map((rs, ctx) -> new Allowed(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getInt(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7)))
                        .list());
        long next = scanned.size() < scanMax ? to : scanned.getLast().id();
        return context.writes().write(h -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Allowed a : scanned) {
                Origin origin = Origin.fromCode(a.origin());
                boolean automatic = origin != Origin.REVIEW && origin != Origin.APPEAL;
                if (!automatic
                        || !Sampling.sampled(
                                a.contentId(),
                                Sampling.AUTO_ALLOW,
                                context.config().autoAllowSampleRate())) continue;
                TaskRows.NewTask t = new TaskRows.NewTask(
                        context.ids().next(),
                        TaskKind.QUALITY,
                        a.contentId(),
                        a.seq(),
                        a.author(),
                        category(a.evidence(), "none"),
                        context.config().qualityQueue(),
                        context.config().qualityPriority(),
                        nowMs + context.config().qualityResponse().toMillis(),
                        nowMs,
                        null,
                        TaskVerdict.APPROVE,
                        a.decidedBy(),
                        null,
                        null);
                if (context.open(h, t)) events.add(openEvent(t));
            }
            h.createUpdate("""
                    INSERT INTO review_sweeps (name, position) VALUES (:n, :p)
                    ON CONFLICT (name) DO UPDATE SET position = excluded.position""").bind("n", AUTO_ALLOW_SWEEP).bind("p", next).execute();
            if (!events.isEmpty()) context.audit().appendAll(h, events);
            return events.size();
        });
    }
}
