package io.redline.review.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.policy.Action;
import io.redline.review.Decision;
import io.redline.review.EvidenceHit;
import io.redline.review.Origin;
import io.redline.review.ReviewException;
import io.redline.review.webhooks.WebhookEvent;
import io.redline.review.webhooks.Webhooks;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The human review queue: tasks with priorities, deadlines and leases; reviewer verdicts that
 * append decisions; escalation; blind quality samples; creators' appeals; users' reports.
 *
 * <p>Every write goes through the group committer with its audit entries in the same transaction.
 * A claim is a compare-and-set {@code UPDATE … WHERE claimed_by IS NULL OR lease_until_ms < now}
 * whose row count decides the winner, so two reviewers (or two server processes on one
 * PostgreSQL) never hold one task. An expired lease needs no reaper: the claim query treats it as
 * free.
 *
 * <p>A verdict appends a decision ({@code seq + 1}, origin {@code review}, or {@code appeal} for
 * an appeal task) that copies the evidence, labels and versions of the decision it replaces, and
 * moves {@code decision_heads} with a compare-and-set on the previous seq. Quality samples never
 * change a decision; a disagreement sends the content to the senior queue. A verdict that appends a
 * decision also enqueues its webhook event ({@code decision.final} or {@code appeal.resolved}) in
 * the same transaction, through {@link Webhooks}.
 *
 * <p>Back of the envelope: at 1 % of a few million items a day sent to review, tens of thousands
 * of tasks a day, a few claims a second at peak: the claim runs in the writer thread (one
 * indexed query and one update), well inside the group committer's budget.
 */
public final class ReviewTasks {
    /** Most tasks one bulk decision, one {@link #openFor} call or one sweep batch handles. */
    public static final int BATCH_MAX = 500;
    public static final int BULK_MAX = 100;
    public static final int NOTE_CHARS_MAX = 2_000;
    public static final int LIST_MAX = 500;
    /** Candidates one claim tries before reporting the queue empty; more than concurrent claimers in practice. */
    static final int CLAIM_CANDIDATES = 16;
    static final long WATERMARK_LAG_MS = 60_000;
    static final long FULL_SCAN_INTERVAL_MS = 10 * 60_000;
    static final String AUTO_ALLOW_SWEEP = "quality_auto_allow";
    static final long BULK_LEASE_MS = 60_000;
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Principal SWEEP = Principal.system("review-sweep");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final GroupCommit writes;
    private final AuditLog audit;
    private final TaskConfig config;
    private final Clock clock;
    private final Ids ids;
    private final Webhooks webhooks;
    private final ReentrantLock sweepLock = new ReentrantLock();
    private long reviewedBelowId; // guarded by sweepLock: every current review decision with id <= this has a task
    private long rescreenedBelowId; // guarded by sweepLock: every rescreen decision with id <= this has closed the tasks it superseded
    private long fullScanAtMs;

    /** Without webhook subscriptions: verdicts enqueue no webhook events. */
    public ReviewTasks(Database db, GroupCommit writes, AuditLog audit, TaskConfig config, Clock clock, Ids ids) {
        this(db, writes, audit, config, clock, ids, Webhooks.none(db, writes, audit, clock, ids));
    }

    /** Needs the review capability migrated (constructing {@code Decisions} or {@code PolicyStore} does it). */
    public ReviewTasks(Database db, GroupCommit writes, AuditLog audit, TaskConfig config, Clock clock, Ids ids,
                       Webhooks webhooks) {
        this.webhooks = Objects.requireNonNull(webhooks);
        this.db = Objects.requireNonNull(db);
        this.writes = Objects.requireNonNull(writes);
        this.audit = Objects.requireNonNull(audit);
        this.config = Objects.requireNonNull(config);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        this.fullScanAtMs = clock.millis();
    }

    public TaskConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- opening tasks

    /**
     * Opens a task for each review decision given that is still its content's current decision
     * (e.g. right after {@code decideNow} returned one). Idempotent: one task per content and seq.
     * Returns how many tasks this call opened.
     */
    public int openFor(List<Decision> decisions) {
        if (decisions.size() > BATCH_MAX) throw new IllegalArgumentException("at most " + BATCH_MAX + " decisions at a time");
        List<Decision> review = decisions.stream().filter(d -> d.action() == Action.REVIEW).toList();
        if (review.isEmpty()) return 0;
        long nowMs = clock.millis();
        return writes.write(h -> {
            record Head(String author, int seq) {}
            Map<Long, Head> heads = new HashMap<>();
            h.createQuery("SELECT content_id, author_id, seq FROM decision_heads WHERE content_id IN (<ids>)")
                    .bindList("ids", review.stream().map(Decision::contentId).distinct().toList())
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), new Head(rs.getString(2), rs.getInt(3))))
                    .forEach(e -> heads.put(e.getKey(), e.getValue()));
            if (heads.isEmpty()) return 0;
            Set<Long> busy = new HashSet<>(h.createQuery("""
                            SELECT content_id FROM review_tasks WHERE content_id IN (<ids>) AND state = 'open' AND kind <> 'quality'""")
                    .bindList("ids", List.copyOf(heads.keySet())).mapTo(Long.class).list());
            List<AuditEvent> events = new ArrayList<>();
            for (Decision d : review) {
                Head head = heads.get(d.contentId());
                if (head == null || head.seq() != d.seq()) continue; // superseded: nothing to review
                if (busy.contains(d.contentId())) continue; // a report or appeal task already has a person on it
                TaskRows.NewTask t = new TaskRows.NewTask(ids.next(), TaskKind.DECISION, d.contentId(), d.seq(),
                        head.author(), category(d.evidence(), d.review().queue()), d.review().queue(),
                        d.review().priority(), d.review().deadlineAt().toEpochMilli(), nowMs, null, null, null, null, null);
                if (TaskRows.insert(h, t)) events.add(openEvent(t));
            }
            if (!events.isEmpty()) audit.appendAll(h, events);
            return events.size();
        });
    }

    /**
     * The sweep the decision worker loop calls: opens tasks for up to {@code batchMax} current
     * review decisions that have none, then samples automatic allow decisions for blind second
     * review (scanning at most {@code 20 × batchMax} of them). Returns the tasks opened.
     *
     * <p>Review decisions are found with an anti-join above an in-memory watermark (as the
     * decision worker finds pending content); the allow scan keeps a durable cursor in
     * {@code review_sweeps} that trails wall time by {@link TaskConfig#sweepLag()}.
     */
    public int openPending(int batchMax) {
        if (batchMax < 1 || batchMax > BATCH_MAX) throw new IllegalArgumentException("batchMax must be 1.." + BATCH_MAX);
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
    private int closeSuperseded(int batchMax) {
        long nowMs = clock.millis();
        long floor = rescreenedBelowId;
        record Rescreen(long id, long contentId, int seq) {}
        List<Rescreen> rescreens = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id, d.content_id, d.seq FROM decisions d
                         WHERE d.origin = 'rescreen' AND d.id > :floor
                           AND EXISTS (SELECT 1 FROM review_tasks t
                                        WHERE t.content_id = d.content_id AND t.state = 'open' AND t.kind = 'decision'
                                          AND t.decision_seq < d.seq)
                         ORDER BY d.id LIMIT :n""")
                .bind("floor", floor).bind("n", batchMax)
                .map((rs, ctx) -> new Rescreen(rs.getLong(1), rs.getLong(2), rs.getInt(3))).list());
        long settled = Ids.lowestAt(nowMs - WATERMARK_LAG_MS) - 1;
        rescreenedBelowId = Math.max(floor, rescreens.size() < batchMax ? settled : Math.min(settled, rescreens.getLast().id()));
        if (rescreens.isEmpty()) return 0;
        AuditEvent.Actor actor = TaskRows.actor(SWEEP);
        return writes.write(h -> {
            int closed = 0;
            for (Rescreen r : rescreens) {
                List<Long> stale = h.createQuery("""
                                SELECT t.id FROM review_tasks t
                                 WHERE t.content_id = :c AND t.state = 'open' AND t.kind = 'decision' AND t.decision_seq < :seq
                                   AND NOT EXISTS (SELECT 1 FROM review_reports rr WHERE rr.task_id = t.id)""")
                        .bind("c", r.contentId()).bind("seq", r.seq()).mapTo(Long.class).list();
                for (long id : stale) {
                    int done = h.createUpdate("""
                                    UPDATE review_tasks SET state = 'done', reason_code = 'superseded', decided_by = :by,
                                           decided_at_ms = :now, result_seq = :seq, claimed_by = NULL, lease_until_ms = NULL
                                     WHERE id = :id AND state = 'open'""")
                            .bind("by", actor.id()).bind("now", nowMs).bind("seq", r.seq()).bind("id", id).execute();
                    if (done != 1) continue;
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("reason", "superseded");
                    details.put("contentId", Long.toString(r.contentId()));
                    details.put("bySeq", r.seq());
                    audit.append(h, event(actor, "task.close", id, nowMs, details));
                    closed++;
                }
            }
            return closed;
        });
    }

    private int openReviewTasks(int batchMax) {
        long nowMs = clock.millis();
        if (nowMs - fullScanAtMs >= FULL_SCAN_INTERVAL_MS) {
            reviewedBelowId = 0;
            rescreenedBelowId = 0;
            fullScanAtMs = nowMs;
        }
        long floor = reviewedBelowId;
        record Pending(long id, long contentId, int seq, String queue, int priority, long deadlineMs, String evidence, String author) {}
        List<Pending> pending = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id, d.content_id, d.seq, d.review_queue, d.review_priority, d.review_deadline_at_ms,
                               d.evidence_json, hd.author_id
                          FROM decisions d JOIN decision_heads hd ON hd.content_id = d.content_id AND hd.seq = d.seq
                         WHERE d.action = 'review' AND d.id > :floor
                           AND NOT EXISTS (SELECT 1 FROM review_tasks t
                                            WHERE t.content_id = d.content_id
                                              AND ((t.kind = 'decision' AND t.decision_seq = d.seq)
                                                OR (t.state = 'open' AND t.kind <> 'quality')))
                         ORDER BY d.id LIMIT :n""")
                .bind("floor", floor).bind("n", batchMax)
                .map((rs, ctx) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getInt(5),
                        rs.getLong(6), rs.getString(7), rs.getString(8))).list());
        long settled = Ids.lowestAt(nowMs - WATERMARK_LAG_MS) - 1;
        reviewedBelowId = Math.max(floor, pending.isEmpty() ? settled : Math.min(settled, pending.getFirst().id() - 1));
        if (pending.isEmpty()) return 0;
        return writes.write(h -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Pending p : pending) {
                TaskRows.NewTask t = new TaskRows.NewTask(ids.next(), TaskKind.DECISION, p.contentId(), p.seq(), p.author(),
                        category(p.evidence(), p.queue()), p.queue(), p.priority(), p.deadlineMs(), nowMs, null, null, null, null, null);
                if (TaskRows.insert(h, t)) events.add(openEvent(t));
            }
            if (!events.isEmpty()) audit.appendAll(h, events);
            return events.size();
        });
    }

    private int sampleAutoAllows(int scanMax) {
        long nowMs = clock.millis();
        long to = Ids.lowestAt(nowMs - config.sweepLag().toMillis()) - 1;
        // First start: sample from a day back rather than all of history.
        long from = db.jdbi().withHandle(h -> h.createQuery("SELECT position FROM review_sweeps WHERE name = :n")
                .bind("n", AUTO_ALLOW_SWEEP).mapTo(Long.class).findOne()).orElse(Ids.lowestAt(nowMs - Duration.ofDays(1).toMillis()));
        if (from >= to) return 0;
        record Allowed(long id, long contentId, int seq, String origin, String decidedBy, String evidence, String author) {}
        List<Allowed> scanned = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT d.id, d.content_id, d.seq, d.origin, d.decided_by, d.evidence_json, hd.author_id
                          FROM decisions d JOIN decision_heads hd ON hd.content_id = d.content_id
                         WHERE d.action = 'allow' AND d.id > :from AND d.id <= :to
                         ORDER BY d.id LIMIT :n""")
                .bind("from", from).bind("to", to).bind("n", scanMax)
                .map((rs, ctx) -> new Allowed(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7))).list());
        long next = scanned.size() < scanMax ? to : scanned.getLast().id();
        return writes.write(h -> {
            List<AuditEvent> events = new ArrayList<>();
            for (Allowed a : scanned) {
                Origin origin = Origin.fromCode(a.origin());
                boolean automatic = origin != Origin.REVIEW && origin != Origin.APPEAL;
                if (!automatic || !Sampling.sampled(a.contentId(), Sampling.AUTO_ALLOW, config.autoAllowSampleRate())) continue;
                TaskRows.NewTask t = new TaskRows.NewTask(ids.next(), TaskKind.QUALITY, a.contentId(), a.seq(), a.author(),
                        category(a.evidence(), "none"), config.qualityQueue(), config.qualityPriority(),
                        nowMs + config.qualityResponse().toMillis(), nowMs, null, TaskVerdict.APPROVE, a.decidedBy(), null, null);
                if (TaskRows.insert(h, t)) events.add(openEvent(t));
            }
            h.createUpdate("""
                    INSERT INTO review_sweeps (name, position) VALUES (:n, :p)
                    ON CONFLICT (name) DO UPDATE SET position = excluded.position""")
                    .bind("n", AUTO_ALLOW_SWEEP).bind("p", next).execute();
            if (!events.isEmpty()) audit.appendAll(h, events);
            return events.size();
        });
    }

    // ---------------------------------------------------------------- leases

    /**
     * Leases the most urgent claimable task of {@code queue} to the reviewer: priority first, then
     * the earliest deadline. Claimable = open, not under a live lease, and not excluded for this
     * reviewer (an appeal's original decider, a quality sample's first reviewer). Empty when none.
     *
     * @throws ReviewException.Forbidden for roles other than reviewer and admin, or the senior queue
     *                                   when {@link TaskConfig#seniorReviewers()} does not list the reviewer
     */
    public Optional<ReviewTask> claim(String queue, Principal reviewer, Duration lease) {
        requireReviewer(reviewer);
        requireQueue(queue);
        requireLease(lease);
        AuditEvent.Actor actor = TaskRows.actor(reviewer);
        if (queue.equals(config.seniorQueue()) && !config.seniorReviewers().isEmpty()
                && !config.seniorReviewers().contains(actor.id())) {
            throw new ReviewException.Forbidden("only senior reviewers may claim from queue '" + queue + "'");
        }
        return writes.write(h -> {
            long nowMs = clock.millis();
            long untilMs = nowMs + lease.toMillis();
            record Candidate(long id, String holder) {}
            List<Candidate> candidates = h.createQuery("""
                            SELECT id, claimed_by FROM review_tasks
                             WHERE state = 'open' AND queue = :queue
                               AND (claimed_by IS NULL OR lease_until_ms < :now)
                               AND (excluded_reviewer IS NULL OR excluded_reviewer <> :me)
                             ORDER BY priority, deadline_at_ms, id LIMIT :n""")
                    .bind("queue", queue).bind("now", nowMs).bind("me", actor.id()).bind("n", CLAIM_CANDIDATES)
                    .map((rs, ctx) -> new Candidate(rs.getLong(1), rs.getString(2))).list();
            for (Candidate c : candidates) {
                // The compare-and-set: of two claimers (in this process or another), one updates the row, the other none.
                int won = h.createUpdate("""
                                UPDATE review_tasks SET claimed_by = :me, lease_until_ms = :until
                                 WHERE id = :id AND state = 'open' AND (claimed_by IS NULL OR lease_until_ms < :now)""")
                        .bind("me", actor.id()).bind("until", untilMs).bind("id", c.id()).bind("now", nowMs).execute();
                if (won != 1) continue;
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("queue", queue);
                details.put("leaseUntil", Instant.ofEpochMilli(untilMs).toString());
                if (c.holder() != null) details.put("expiredLeaseOf", c.holder());
                audit.append(h, event(actor, "task.claim", c.id(), nowMs, details));
                return TaskRows.find(h, c.id());
            }
            return Optional.<ReviewTask>empty();
        });
    }

    /** Renews the reviewer's live lease on a task to {@code lease} from now (a reviewer still reading). */
    public ReviewTask extend(long taskId, Principal reviewer, Duration lease) {
        requireReviewer(reviewer);
        requireLease(lease);
        AuditEvent.Actor actor = TaskRows.actor(reviewer);
        return writes.write(h -> {
            long nowMs = clock.millis();
            ReviewTask t = leased(h, taskId, actor, nowMs);
            long untilMs = nowMs + lease.toMillis();
            requireStillHeld(h.createUpdate("UPDATE review_tasks SET lease_until_ms = :until WHERE id = :id AND claimed_by = :me AND state = 'open'")
                    .bind("until", untilMs).bind("id", t.id()).bind("me", actor.id()).execute(), taskId);
            audit.append(h, event(actor, "task.extend", t.id(), nowMs, Map.of("leaseUntil", Instant.ofEpochMilli(untilMs).toString())));
            return TaskRows.find(h, taskId).orElseThrow();
        });
    }

    /** Gives a leased task back to its queue before the lease runs out. */
    public ReviewTask release(long taskId, Principal reviewer) {
        requireReviewer(reviewer);
        AuditEvent.Actor actor = TaskRows.actor(reviewer);
        return writes.write(h -> {
            long nowMs = clock.millis();
            ReviewTask t = leased(h, taskId, actor, nowMs);
            requireStillHeld(h.createUpdate("""
                            UPDATE review_tasks SET claimed_by = NULL, lease_until_ms = NULL
                             WHERE id = :id AND claimed_by = :me AND state = 'open'""")
                    .bind("id", t.id()).bind("me", actor.id()).execute(), taskId);
            audit.append(h, event(actor, "task.release", t.id(), nowMs, Map.of("queue", t.queue())));
            return TaskRows.find(h, taskId).orElseThrow();
        });
    }

    // ---------------------------------------------------------------- verdicts

    /**
     * Decides a task the reviewer holds. For a decision, report or appeal task this appends a
     * decision ({@code seq + 1}, origin review or appeal, action allow or block, decided by the
     * reviewer) and closes the task; a sample of these verdicts opens a blind quality task. For a
     * quality task it records the verdict only, and a disagreement opens a senior review.
     *
     * @throws TaskConflict when the reviewer holds no live lease on the task or it is decided already
     */
    public ReviewTask decide(long taskId, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        requireReviewer(reviewer);
        Objects.requireNonNull(verdict, "verdict");
        requireCode(reasonCode);
        requireNote(note);
        AuditEvent.Actor actor = TaskRows.actor(reviewer);
        return writes.write(h -> decideIn(h, taskId, actor, verdict, reasonCode, note));
    }

    /**
     * {@link #decide} for up to {@link #BULK_MAX} tasks with one verdict, in one transaction: when
     * any task is not leased to the caller, nothing is decided.
     */
    public List<ReviewTask> decideAll(List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        List<Long> distinct = requireBulk(taskIds, reviewer, verdict, reasonCode, note);
        AuditEvent.Actor actor = TaskRows.actor(reviewer);
        return writes.write(h -> {
            List<ReviewTask> out = new ArrayList<>(distinct.size());
            for (long id : distinct) out.add(decideIn(h, id, actor, verdict, reasonCode, note));
            return out;
        });
    }

    /**
     * Bulk review from a queue page: takes up to {@link #BULK_MAX} selected tasks — each free, or
     * already leased to the caller — and decides them all with one verdict, in one transaction.
     * When any task is held by someone else, closed, or excluded for the caller (an appeal of the
     * caller's own decision, a quality sample of it), nothing is claimed or decided.
     *
     * @throws TaskConflict naming the first task that could not be taken
     */
    public List<ReviewTask> claimAndDecideAll(List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode,
                                              String note) {
        List<Long> distinct = requireBulk(taskIds, reviewer, verdict, reasonCode, note);
        AuditEvent.Actor actor = TaskRows.actor(reviewer);
        return writes.write(h -> {
            long nowMs = clock.millis();
            List<ReviewTask> out = new ArrayList<>(distinct.size());
            for (long id : distinct) {
                claimIn(h, id, actor, nowMs);
                out.add(decideIn(h, id, actor, verdict, reasonCode, note));
            }
            return out;
        });
    }

    /** Checks a bulk decision's arguments; returns the task ids without repeats. */
    private static List<Long> requireBulk(List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        requireReviewer(reviewer);
        Objects.requireNonNull(verdict, "verdict");
        requireCode(reasonCode);
        requireNote(note);
        List<Long> distinct = taskIds.stream().distinct().toList();
        if (distinct.isEmpty() || distinct.size() > BULK_MAX) {
            throw new IllegalArgumentException("a bulk decision takes 1.." + BULK_MAX + " task ids, got " + distinct.size());
        }
        return distinct;
    }

    /** Takes one named task for the caller inside a bulk decision (a short lease: the decision follows in the same transaction). */
    private void claimIn(Handle h, long taskId, AuditEvent.Actor actor, long nowMs) {
        ReviewTask t = TaskRows.find(h, taskId).orElseThrow(() -> new ReviewException.NotFound("no task has id " + taskId));
        if (t.queue().equals(config.seniorQueue()) && !config.seniorReviewers().isEmpty() && !config.seniorReviewers().contains(actor.id())) {
            throw new ReviewException.Forbidden("only senior reviewers may decide task " + taskId + " in queue '" + t.queue() + "'");
        }
        if (t.leasedTo(actor.id(), Instant.ofEpochMilli(nowMs))) return;
        int won = h.createUpdate("""
                        UPDATE review_tasks SET claimed_by = :me, lease_until_ms = :until
                         WHERE id = :id AND state = 'open' AND (claimed_by IS NULL OR lease_until_ms < :now)
                           AND (excluded_reviewer IS NULL OR excluded_reviewer <> :me)""")
                .bind("me", actor.id()).bind("until", nowMs + BULK_LEASE_MS).bind("id", taskId).bind("now", nowMs).execute();
        if (won != 1) {
            throw new TaskConflict("task " + taskId + " is closed, claimed by another reviewer, or not yours to decide; nothing was decided");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queue", t.queue());
        details.put("bulk", true);
        audit.append(h, event(actor, "task.claim", taskId, nowMs, details));
    }

    private ReviewTask decideIn(Handle h, long taskId, AuditEvent.Actor actor, TaskVerdict verdict, String reasonCode, String note) {
        long nowMs = clock.millis();
        ReviewTask t = leased(h, taskId, actor, nowMs);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", t.kind().code());
        details.put("queue", t.queue());
        details.put("verdict", verdict.code());
        details.put("reasonCode", reasonCode);
        if (note != null) details.put("note", note);
        Integer resultSeq = null;
        if (t.kind() == TaskKind.QUALITY) {
            String first = h.createQuery("SELECT first_verdict FROM review_tasks WHERE id = :id").bind("id", t.id())
                    .mapTo(String.class).one();
            boolean agreed = verdict.code().equals(first);
            details.put("agreed", agreed);
            if (!agreed) {
                // Two people (or the machine and a person) disagree: a senior decides the content itself,
                // as urgently as a user report, since the content may be wrongly up (or down) meanwhile.
                TaskRows.NewTask senior = new TaskRows.NewTask(ids.next(), TaskKind.DECISION, t.contentId(), t.decisionSeq(),
                        t.authorId(), t.category(), config.seniorQueue(), 2, nowMs + config.reportResponse().toMillis(), nowMs,
                        null, null, null, t.id(), "quality disagreement on task " + t.id());
                if (TaskRows.insert(h, senior)) audit.append(h, openEvent(senior));
            }
        } else {
            Origin origin = t.kind() == TaskKind.APPEAL ? Origin.APPEAL : Origin.REVIEW;
            resultSeq = appendDecision(h, t.contentId(), origin, verdict, reasonCode, actor, nowMs);
            details.put("seq", resultSeq);
            webhooks.enqueue(h, webhookEvent(h, t, new WebhookEvent.FinalDecision(resultSeq, verdict.action(), reasonCode,
                    origin, Instant.ofEpochMilli(nowMs))));
        }
        int closed = h.createUpdate("""
                        UPDATE review_tasks SET state = 'done', verdict = :verdict, reason_code = :reason, decided_by = :me,
                               decided_at_ms = :now, result_seq = :result, claimed_by = NULL, lease_until_ms = NULL
                         WHERE id = :id AND state = 'open' AND claimed_by = :me""")
                .bind("verdict", verdict.code()).bind("reason", reasonCode).bind("me", actor.id()).bind("now", nowMs)
                .bind("result", resultSeq).bind("id", t.id()).execute();
        requireStillHeld(closed, t.id());
        audit.append(h, event(actor, "task.decide", t.id(), nowMs, details));
        if (resultSeq != null && Sampling.sampled(t.contentId(), Sampling.REVIEWER, config.reviewerSampleRate())) {
            TaskRows.NewTask q = new TaskRows.NewTask(ids.next(), TaskKind.QUALITY, t.contentId(), resultSeq, t.authorId(),
                    t.category(), config.qualityQueue(), config.qualityPriority(), nowMs + config.qualityResponse().toMillis(),
                    nowMs, actor.id(), verdict, actor.id(), t.id(), null);
            if (TaskRows.insert(h, q)) audit.append(h, openEvent(q));
        }
        return TaskRows.find(h, t.id()).orElseThrow();
    }

    /**
     * Appends {@code seq = head + 1} for the content, copying the evidence, labels, risk score and
     * versions of the decision it replaces (what the reviewer looked at), and moves the head with a
     * compare-and-set on the previous seq. Same rows and audit entry as {@code Decisions} writes.
     */
    private int appendDecision(Handle h, long contentId, Origin origin, TaskVerdict verdict, String reasonCode,
                               AuditEvent.Actor actor, long nowMs) {
        record Head(int seq, String policyVersion, String engineVersion) {}
        Head head = h.createQuery("""
                        SELECT d.seq, d.policy_version, d.engine_version
                          FROM decision_heads hd JOIN decisions d ON d.content_id = hd.content_id AND d.seq = hd.seq
                         WHERE hd.content_id = :c""")
                .bind("c", contentId).map((rs, ctx) -> new Head(rs.getInt(1), rs.getString(2), rs.getString(3))).findOne()
                .orElseThrow(() -> new IllegalStateException("content " + contentId + " has a task but no decision"));
        int seq = head.seq() + 1;
        long decisionId = ids.next();
        Action action = verdict.action();
        // INSERT … SELECT needs its WHERE for SQLite to parse the ON CONFLICT clause; it has one.
        int inserted = h.createUpdate("""
                        INSERT INTO decisions (id, content_id, seq, origin, action, reason_code, rule_id, matched_rule_ids_json,
                            labels_json, review_queue, review_priority, review_deadline_at_ms, reach, evidence_json, evidence_total,
                            risk_score, policy_version, engine_version, latency_micros, decided_at_ms, decided_by)
                        SELECT :id, content_id, :seq, :origin, :action, :reason, NULL, '[]', labels_json, NULL, NULL, NULL, NULL,
                               evidence_json, evidence_total, risk_score, policy_version, engine_version, 0, :at, :by
                          FROM decisions WHERE content_id = :c AND seq = :previous
                        ON CONFLICT (content_id, seq) DO NOTHING""")
                .bind("id", decisionId).bind("seq", seq).bind("origin", origin.code()).bind("action", action.code())
                .bind("reason", reasonCode).bind("at", nowMs).bind("by", actor.id()).bind("c", contentId)
                .bind("previous", head.seq()).execute();
        int moved = inserted != 1 ? 0 : h.createUpdate("""
                        UPDATE decision_heads SET seq = :seq, action = :action, reason_code = :reason, decided_at_ms = :at
                         WHERE content_id = :c AND seq = :previous""")
                .bind("seq", seq).bind("action", action.code()).bind("reason", reasonCode).bind("at", nowMs)
                .bind("c", contentId).bind("previous", head.seq()).execute();
        if (moved != 1) throw new TaskConflict("the decision on content " + contentId + " changed meanwhile; reload the task and decide again");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", action.code());
        details.put("reasonCode", reasonCode);
        details.put("ruleId", null);
        details.put("policyVersion", head.policyVersion());
        details.put("engineVersion", head.engineVersion());
        details.put("seq", seq);
        details.put("origin", origin.code());
        details.put("decisionId", Long.toString(decisionId));
        audit.append(h, new AuditEvent(actor, "content.decide", new AuditEvent.Target("content", Long.toString(contentId)),
                Instant.ofEpochMilli(nowMs), details));
        return seq;
    }

    /** The event a verdict on {@code t} announces: an appeal's outcome, or the reviewer's final decision. */
    private static WebhookEvent webhookEvent(Handle h, ReviewTask t, WebhookEvent.FinalDecision decision) {
        if (t.kind() != TaskKind.APPEAL) return new WebhookEvent.DecisionFinal(t.contentId(), t.authorId(), decision);
        String appealed = h.createQuery("SELECT action FROM decisions WHERE content_id = :c AND seq = :s")
                .bind("c", t.contentId()).bind("s", t.decisionSeq()).mapTo(String.class).one();
        return new WebhookEvent.AppealResolved(t.contentId(), t.authorId(), decision, t.id(), t.decisionSeq(), Action.fromCode(appealed));
    }

    /** Moves a task the reviewer holds to the senior queue, releasing the lease. */
    public ReviewTask escalate(long taskId, Principal reviewer, String note) {
        requireReviewer(reviewer);
        requireNote(note);
        AuditEvent.Actor actor = TaskRows.actor(reviewer);
        return writes.write(h -> {
            long nowMs = clock.millis();
            ReviewTask t = leased(h, taskId, actor, nowMs);
            if (t.queue().equals(config.seniorQueue())) {
                throw new TaskConflict("task " + taskId + " is in the senior queue already; decide it");
            }
            requireStillHeld(h.createUpdate("""
                            UPDATE review_tasks SET queue = :senior, claimed_by = NULL, lease_until_ms = NULL, note = :note,
                                   escalations = escalations + 1
                             WHERE id = :id AND claimed_by = :me AND state = 'open'""")
                    .bind("senior", config.seniorQueue()).bind("note", note).bind("id", t.id()).bind("me", actor.id())
                    .execute(), taskId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", t.queue());
            details.put("to", config.seniorQueue());
            if (note != null) details.put("note", note);
            audit.append(h, event(actor, "task.escalate", t.id(), nowMs, details));
            return TaskRows.find(h, taskId).orElseThrow();
        });
    }

    // ---------------------------------------------------------------- appeals

    /**
     * A creator appeals the current decision on their own content, once per decision. The appeal
     * task goes to the appeals queue and may not be claimed by whoever made the appealed decision.
     *
     * @throws ReviewException.Forbidden when the caller is not the content's author (or not a creator)
     * @throws ReviewException.NotFound  when the content has no decision
     * @throws TaskConflict              when this decision was appealed already, allows the content unconditionally,
     *                                   or is still waiting for a reviewer
     */
    public Appeal appeal(long contentId, Principal creator, String message) {
        if (creator.role() != Role.CREATOR) throw new ReviewException.Forbidden("only the author's creator token can appeal");
        if (message == null || message.isBlank() || message.length() > NOTE_CHARS_MAX) {
            throw new IllegalArgumentException("an appeal needs a message of 1.." + NOTE_CHARS_MAX + " characters");
        }
        AuditEvent.Actor actor = TaskRows.actor(creator);
        return writes.write(h -> {
            long nowMs = clock.millis();
            record Current(String author, int seq, String action, String labels, String decidedBy, String evidence) {}
            Current c = h.createQuery("""
                            SELECT hd.author_id, d.seq, d.action, d.labels_json, d.decided_by, d.evidence_json
                              FROM decision_heads hd JOIN decisions d ON d.content_id = hd.content_id AND d.seq = hd.seq
                             WHERE hd.content_id = :c""")
                    .bind("c", contentId).map((rs, ctx) -> new Current(rs.getString(1), rs.getInt(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6))).findOne()
                    .orElseThrow(() -> new ReviewException.NotFound("content " + contentId + " has no decision to appeal"));
            if (!creator.canActFor(c.author())) {
                throw new ReviewException.Forbidden("you can appeal decisions on your own content only");
            }
            Action action = Action.fromCode(c.action());
            if (action == Action.ALLOW && "[]".equals(c.labels())) {
                throw new TaskConflict("content " + contentId + " is allowed without labels; there is nothing to appeal");
            }
            if (action == Action.REVIEW) {
                throw new TaskConflict("content " + contentId + " is waiting for a reviewer; appeal the outcome once it is decided");
            }
            TaskRows.NewTask t = new TaskRows.NewTask(ids.next(), TaskKind.APPEAL, contentId, c.seq(), c.author(),
                    category(c.evidence(), "appeal"), config.appealsQueue(), config.appealPriority(),
                    nowMs + config.appealResponse().toMillis(), nowMs, c.decidedBy(), null, null, null, message);
            if (!TaskRows.insert(h, t)) {
                throw new TaskConflict("decision " + c.seq() + " on content " + contentId + " was appealed already; one appeal per decision");
            }
            audit.append(h, new AuditEvent(actor, "content.appeal", new AuditEvent.Target("content", Long.toString(contentId)),
                    Instant.ofEpochMilli(nowMs), Map.of("taskId", Long.toString(t.id()), "seq", c.seq())));
            return new Appeal(t.id(), contentId, c.seq(), message, Instant.ofEpochMilli(nowMs), Instant.ofEpochMilli(t.deadlineAtMs()), null);
        });
    }

    /** The creator's appeals, newest first, with the outcome once decided. */
    public List<Appeal> appeals(Principal creator, int limit) {
        if (creator.role() != Role.CREATOR) throw new ReviewException.Forbidden("appeals are listed for creator tokens");
        requireLimit(limit);
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT t.id, t.content_id, t.decision_seq, t.note, t.created_at_ms, t.deadline_at_ms,
                               d.action, d.reason_code, d.labels_json, d.decided_at_ms
                          FROM review_tasks t LEFT JOIN decisions d ON d.content_id = t.content_id AND d.seq = t.result_seq
                         WHERE t.author_id = :a AND t.kind = 'appeal' ORDER BY t.id DESC LIMIT :n""")
                .bind("a", creator.authorId()).bind("n", limit)
                .map((rs, ctx) -> {
                    String action = rs.getString(7);
                    Decision.CreatorView outcome = action == null ? null : new Decision.CreatorView(Action.fromCode(action),
                            rs.getString(8), labels(rs.getString(9)), Instant.ofEpochMilli(rs.getLong(10)));
                    return new Appeal(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), outcome);
                }).list());
    }

    // ---------------------------------------------------------------- reports

    /**
     * Anyone with a token reports content. When the content has an open task (other than a quality
     * sample), the report raises its priority by one step and pulls its deadline in to the report's
     * response deadline; otherwise it opens a task in the reports queue. A reporter reports one task once.
     *
     * @throws ReviewException.NotFound when no content has this id
     * @throws TaskConflict             when the reporter reported this task already, or the content is not decided yet
     */
    public Report report(long contentId, Principal reporter, String category, String text) {
        requireName(category, "category");
        if (text == null || text.length() > NOTE_CHARS_MAX) {
            throw new IllegalArgumentException("a report's text must be 0.." + NOTE_CHARS_MAX + " characters");
        }
        AuditEvent.Actor actor = TaskRows.actor(reporter);
        requireReportQuota(actor);
        return writes.write(h -> {
            long nowMs = clock.millis();
            long respondByMs = nowMs + config.reportResponse().toMillis();
            record Head(String author, int seq) {}
            Head head = h.createQuery("SELECT author_id, seq FROM decision_heads WHERE content_id = :c").bind("c", contentId)
                    .map((rs, ctx) -> new Head(rs.getString(1), rs.getInt(2))).findOne().orElse(null);
            if (head == null) {
                boolean exists = h.createQuery("SELECT count(*) FROM contents WHERE id = :c").bind("c", contentId).mapTo(Long.class).one() > 0;
                if (!exists) throw new ReviewException.NotFound("no content has id " + contentId);
                throw new TaskConflict("content " + contentId + " is being decided; report it again in a few seconds");
            }
            record Open(long id, int priority, long deadlineMs) {}
            Optional<Open> open = h.createQuery("""
                            SELECT id, priority, deadline_at_ms FROM review_tasks
                             WHERE content_id = :c AND state = 'open' AND kind <> 'quality' ORDER BY priority, id LIMIT 1""")
                    .bind("c", contentId).map((rs, ctx) -> new Open(rs.getLong(1), rs.getInt(2), rs.getLong(3))).findOne();
            long taskId;
            boolean raised = open.isPresent();
            if (raised) {
                taskId = open.get().id();
            } else {
                // A review decision the sweep has not reached yet gets its own task (its queue and deadline), raised below.
                record Route(String queue, int priority, long deadlineMs, String evidence) {}
                Optional<Route> route = h.createQuery("""
                                SELECT review_queue, review_priority, review_deadline_at_ms, evidence_json FROM decisions
                                 WHERE content_id = :c AND seq = :s AND action = 'review'""")
                        .bind("c", contentId).bind("s", head.seq())
                        .map((rs, ctx) -> new Route(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4))).findOne();
                TaskRows.NewTask t = route.map(r -> new TaskRows.NewTask(ids.next(), TaskKind.DECISION, contentId, head.seq(),
                                head.author(), category(r.evidence(), r.queue()), r.queue(), Math.max(1, r.priority() - 1),
                                Math.min(r.deadlineMs(), respondByMs), nowMs, null, null, null, null, null))
                        .orElseGet(() -> new TaskRows.NewTask(ids.next(), TaskKind.REPORT, contentId, head.seq(), head.author(),
                                category, config.reportsQueue(), config.reportPriority(), respondByMs, nowMs, null, null, null, null, null));
                if (TaskRows.insert(h, t)) {
                    audit.append(h, openEvent(t));
                    taskId = t.id();
                } else {
                    taskId = h.createQuery("SELECT id FROM review_tasks WHERE kind = :k AND content_id = :c AND decision_seq = :s")
                            .bind("k", t.kind().code()).bind("c", contentId).bind("s", head.seq()).mapTo(Long.class).one();
                }
            }
            long reportId = ids.next();
            int stored = h.createUpdate("""
                            INSERT INTO review_reports (id, content_id, author_id, reporter, category, body, task_id, created_at_ms,
                                respond_by_ms)
                            VALUES (:id, :c, :author, :reporter, :category, :body, :task, :now, :respondBy)
                            ON CONFLICT (task_id, reporter) DO NOTHING""")
                    .bind("id", reportId).bind("c", contentId).bind("author", head.author()).bind("reporter", actor.id())
                    .bind("category", category).bind("body", text).bind("task", taskId).bind("now", nowMs)
                    .bind("respondBy", respondByMs).execute();
            if (stored != 1) throw new TaskConflict("you reported content " + contentId + " already; its review is pending");
            if (raised) {
                h.createUpdate("""
                                UPDATE review_tasks SET priority = :priority, deadline_at_ms = :deadline WHERE id = :id""")
                        .bind("priority", Math.max(1, open.get().priority() - 1))
                        .bind("deadline", Math.min(open.get().deadlineMs(), respondByMs)).bind("id", taskId).execute();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reportId", Long.toString(reportId));
            details.put("category", category);
            details.put("taskId", Long.toString(taskId));
            details.put("raisedPriority", raised);
            audit.append(h, new AuditEvent(actor, "content.report", new AuditEvent.Target("content", Long.toString(contentId)),
                    Instant.ofEpochMilli(nowMs), details));
            return new Report(reportId, contentId, category, text, taskId, Instant.ofEpochMilli(nowMs),
                    Instant.ofEpochMilli(respondByMs), null, null, null);
        });
    }

    /**
     * Reports one reporter may file per {@link #REPORT_WINDOW}: far above what a person reports, far
     * below a flood (one token once pushed other authors into review with a handful of reports).
     */
    public static final int REPORTS_PER_WINDOW_MAX = 30;
    public static final Duration REPORT_WINDOW = Duration.ofHours(1);
    /** Reporters already audited as flooding, by the window start they flooded in: one audit entry per flood, not per refusal. */
    private final Map<String, Long> floodsAudited = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Refuses a reporter over its quota with {@link ReviewException.TooMany} and audits the flood
     * once per window. A soft limit: concurrent reports may pass it by a few.
     */
    private void requireReportQuota(AuditEvent.Actor actor) {
        long nowMs = clock.millis();
        long windowMs = REPORT_WINDOW.toMillis();
        long filed = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM review_reports WHERE reporter = :r AND created_at_ms > :since")
                .bind("r", actor.id()).bind("since", nowMs - windowMs).mapTo(Long.class).one());
        if (filed < REPORTS_PER_WINDOW_MAX) return;
        long windowStart = nowMs - nowMs % windowMs;
        if (floodsAudited.size() > 10_000) floodsAudited.clear(); // bounded: forgetting means one more audit entry, no more
        if (!Long.valueOf(windowStart).equals(floodsAudited.put(actor.id(), windowStart))) {
            audit.append(new AuditEvent(actor, "content.report_flood", new AuditEvent.Target("reporter", actor.id()),
                    Instant.ofEpochMilli(nowMs), Map.of("reportsInWindow", filed, "windowSeconds", REPORT_WINDOW.toSeconds())));
        }
        throw new ReviewException.TooMany("at most " + REPORTS_PER_WINDOW_MAX + " reports an hour per reporter; this token filed "
                + filed + " in the last hour", Math.max(1, REPORT_WINDOW.toSeconds() / REPORTS_PER_WINDOW_MAX));
    }

    private static final String REPORT_COLUMNS = """
            SELECT r.id, r.content_id, r.category, r.body, r.task_id, r.created_at_ms, r.respond_by_ms,
                   t.verdict, t.reason_code, t.decided_at_ms
              FROM review_reports r JOIN review_tasks t ON t.id = r.task_id
            """;

    /** The reporter's own reports, newest first, each with its task's outcome once decided. */
    public List<Report> reports(Principal reporter, int limit) {
        requireLimit(limit);
        return db.jdbi().withHandle(h -> h.createQuery(REPORT_COLUMNS + " WHERE r.reporter = :me ORDER BY r.id DESC LIMIT :n")
                .bind("me", TaskRows.actor(reporter).id()).bind("n", limit)
                .map((rs, ctx) -> reportRow(rs)).list());
    }

    /**
     * The staff's report inbox: unanswered reports by response deadline (most urgent first), or
     * answered ones newest first. Reporters' identities stay out of it.
     */
    public List<Report> reportInbox(boolean answered, int limit) {
        requireLimit(limit);
        String sql = REPORT_COLUMNS + (answered
                ? " WHERE t.state = 'done' ORDER BY t.decided_at_ms DESC, r.id DESC LIMIT :n"
                : " WHERE t.state = 'open' ORDER BY r.respond_by_ms, r.id LIMIT :n");
        return db.jdbi().withHandle(h -> h.createQuery(sql).bind("n", limit).map((rs, ctx) -> reportRow(rs)).list());
    }

    /** Every report on one content item, oldest first (the reviewer's view of the complaints). */
    public List<Report> reportsOn(long contentId) {
        return db.jdbi().withHandle(h -> h.createQuery(REPORT_COLUMNS + " WHERE r.content_id = :c ORDER BY r.id LIMIT :n")
                .bind("c", contentId).bind("n", LIST_MAX).map((rs, ctx) -> reportRow(rs)).list());
    }

    private static Report reportRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        String verdict = rs.getString(8);
        return new Report(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                verdict == null ? null : TaskVerdict.fromCode(verdict), rs.getString(9),
                TaskRows.instant(rs, "decided_at_ms"));
    }

    /** Reports on the author's content whose task is still open: the policy's {@code openReports} fact. */
    public Map<String, Integer> openReports(Collection<String> authorIds) {
        if (authorIds.size() > 1_000) throw new IllegalArgumentException("at most 1000 authors at a time");
        return db.jdbi().withHandle(h -> openReports(h, authorIds));
    }

    /** {@link #openReports(Collection)} inside the caller's handle (the decision path reads it per batch). */
    public static Map<String, Integer> openReports(Handle h, Collection<String> authorIds) {
        if (authorIds.isEmpty()) return Map.of();
        // Distinct reporters with an open report on each author: one token reporting five posts is one voice, not five.
        Map<String, List<String>> reportersByAuthor = new HashMap<>();
        h.createQuery("""
                        SELECT DISTINCT r.author_id, r.reporter FROM review_reports r JOIN review_tasks t ON t.id = r.task_id
                         WHERE r.author_id IN (<authors>) AND t.state = 'open'""")
                .bindList("authors", List.copyOf(authorIds))
                .map((rs, ctx) -> reportersByAuthor.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        if (reportersByAuthor.isEmpty()) return Map.of();
        Map<String, Double> weight = reporterWeights(h, reportersByAuthor.values().stream().flatMap(List::stream).distinct().toList());
        Map<String, Integer> out = new HashMap<>();
        reportersByAuthor.forEach((author, reporters) -> out.put(author,
                (int) Math.floor(reporters.stream().mapToDouble(r -> weight.getOrDefault(r, 1.0)).sum() + 1e-9)));
        return out;
    }

    /**
     * How much a reporter's voice counts, from its track record (as Discourse weighs flaggers): the
     * share of its decided reports that reviewers upheld (content rejected), smoothed so a new
     * reporter counts fully: {@code (upheld + 1) / (decided + 1)}. A token whose reports reviewers
     * keep dismissing fades towards zero; nobody counts more than once.
     */
    static Map<String, Double> reporterWeights(Handle h, List<String> reporters) {
        Map<String, Double> out = new HashMap<>();
        for (int from = 0; from < reporters.size(); from += 500) {
            h.createQuery("""
                            SELECT r.reporter,
                                   SUM(CASE WHEN t.verdict = 'reject' THEN 1 ELSE 0 END),
                                   SUM(CASE WHEN t.verdict IS NOT NULL THEN 1 ELSE 0 END)
                              FROM review_reports r JOIN review_tasks t ON t.id = r.task_id
                             WHERE r.reporter IN (<reporters>) AND t.state <> 'open'
                             GROUP BY r.reporter""")
                    .bindList("reporters", reporters.subList(from, Math.min(reporters.size(), from + 500)))
                    .map((rs, ctx) -> out.put(rs.getString(1), (rs.getLong(2) + 1.0) / (rs.getLong(3) + 1.0))).list();
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    public Optional<ReviewTask> task(long id) {
        return db.jdbi().withHandle(h -> TaskRows.find(h, id));
    }

    /** Open tasks of a queue in claim order (most urgent first). */
    public List<ReviewTask> openTasks(String queue, int limit) {
        requireQueue(queue);
        requireLimit(limit);
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT * FROM review_tasks WHERE state = 'open' AND queue = :q
                         ORDER BY priority, deadline_at_ms, id LIMIT :n""")
                .bind("q", queue).bind("n", limit).map((rs, ctx) -> TaskRows.map(rs)).list());
    }

    /** Tasks of one kind: open ones in claim order, or decided ones newest first (the appeal inbox). */
    public List<ReviewTask> tasksOfKind(TaskKind kind, boolean open, int limit) {
        requireLimit(limit);
        String sql = open
                ? "SELECT * FROM review_tasks WHERE kind = :k AND state = 'open' ORDER BY priority, deadline_at_ms, id LIMIT :n"
                : "SELECT * FROM review_tasks WHERE kind = :k AND state = 'done' ORDER BY decided_at_ms DESC, id DESC LIMIT :n";
        return db.jdbi().withHandle(h -> h.createQuery(sql).bind("k", kind.code()).bind("n", limit)
                .map((rs, ctx) -> TaskRows.map(rs)).list());
    }

    /** Every task ever opened on the content, oldest first. */
    public List<ReviewTask> tasksOf(long contentId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM review_tasks WHERE content_id = :c ORDER BY id")
                .bind("c", contentId).map((rs, ctx) -> TaskRows.map(rs)).list());
    }

    /** Depth, leased tasks, oldest age and SLA breaches (open past deadline) per queue with open tasks. */
    public List<QueueStats> queueStats() {
        long nowMs = clock.millis();
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT queue, count(*),
                               sum(CASE WHEN claimed_by IS NOT NULL AND lease_until_ms >= :now THEN 1 ELSE 0 END),
                               min(created_at_ms),
                               sum(CASE WHEN deadline_at_ms < :now THEN 1 ELSE 0 END)
                          FROM review_tasks WHERE state = 'open' GROUP BY queue ORDER BY queue""")
                .bind("now", nowMs)
                .map((rs, ctx) -> new QueueStats(rs.getString(1), rs.getLong(2), rs.getLong(3), Instant.ofEpochMilli(rs.getLong(4)),
                        Math.max(0, nowMs - rs.getLong(4)), rs.getLong(5))).list());
    }

    /** Tasks each reviewer decided since {@code since}, busiest first. */
    public List<ReviewerThroughput> throughput(Instant since) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT decided_by, count(*) FROM review_tasks WHERE decided_at_ms >= :since AND verdict IS NOT NULL
                         GROUP BY decided_by ORDER BY count(*) DESC, decided_by""")
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new ReviewerThroughput(rs.getString(1), rs.getLong(2))).list());
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
        return db.jdbi().withHandle(h -> h.createQuery(sql)
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new Disagreement(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
    }

    // ---------------------------------------------------------------- helpers

    /** The task, when the actor holds a live lease on it. */
    private static ReviewTask leased(Handle h, long taskId, AuditEvent.Actor actor, long nowMs) {
        ReviewTask t = TaskRows.find(h, taskId).orElseThrow(() -> new ReviewException.NotFound("no task has id " + taskId));
        if (!t.open()) throw new TaskConflict("task " + taskId + " was decided already");
        if (!t.leasedTo(actor.id(), Instant.ofEpochMilli(nowMs))) {
            throw new TaskConflict("you hold no lease on task " + taskId + "; claim a task first (leases expire)");
        }
        return t;
    }

    /**
     * The row count of an update guarded by {@code claimed_by = me}: 0 means another process took
     * the task over between our read and our write (our lease ran out in between).
     */
    private static void requireStillHeld(int updated, long taskId) {
        if (updated != 1) throw new TaskConflict("task " + taskId + " changed meanwhile (your lease ran out); reload it");
    }

    private static AuditEvent openEvent(TaskRows.NewTask t) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", t.kind().code());
        details.put("queue", t.queue());
        details.put("contentId", Long.toString(t.contentId()));
        details.put("seq", t.decisionSeq());
        details.put("priority", t.priority());
        return event(TaskRows.actor(SWEEP), "task.open", t.id(), t.createdAtMs(), details);
    }

    private static AuditEvent event(AuditEvent.Actor actor, String action, long taskId, long atMs, Map<String, Object> details) {
        return new AuditEvent(actor, action, new AuditEvent.Target("task", Long.toString(taskId)), Instant.ofEpochMilli(atMs), details);
    }

    /** The category a task is counted under: the first decisive hit's, else the first hit's, else {@code fallback}. */
    static String category(List<EvidenceHit> evidence, String fallback) {
        return evidence.stream().filter(EvidenceHit::decisive).findFirst().or(() -> evidence.stream().findFirst())
                .map(EvidenceHit::category).orElse(fallback);
    }

    private static String category(String evidenceJson, String fallback) {
        try {
            JsonNode hits = JSON.readTree(evidenceJson);
            String first = null;
            for (JsonNode hit : hits) {
                String c = hit.path("category").asText(null);
                if (hit.path("decisive").asBoolean(false) && c != null) return c;
                if (first == null) first = c;
            }
            return first == null ? fallback : first;
        } catch (JsonProcessingException e) {
            return fallback; // a task is better filed under a generic category than not opened
        }
    }

    private static List<String> labels(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt labels JSON in decisions row", e);
        }
    }

    private static void requireReviewer(Principal p) {
        if (p.role() != Role.REVIEWER && p.role() != Role.ADMIN) {
            throw new ReviewException.Forbidden("reviewing tasks needs the reviewer or admin role, not " + p.role().wireName());
        }
    }

    /** Shortest lease a claim may ask for; the longest is {@link #leaseMax()}. The HTTP API checks against both. */
    public static final Duration LEASE_MIN = Duration.ofSeconds(1);

    /** Longest lease a claim or extension may ask for ({@link TaskConfig#leaseMax()}). */
    public Duration leaseMax() {
        return config.leaseMax();
    }

    private void requireLease(Duration lease) {
        if (lease.compareTo(LEASE_MIN) < 0 || lease.compareTo(config.leaseMax()) > 0) {
            throw new IllegalArgumentException("lease must be 1 s .. " + config.leaseMax() + ", was " + lease);
        }
    }

    private static void requireCode(String reasonCode) {
        if (reasonCode == null || !CODE.matcher(reasonCode).matches()) {
            throw new IllegalArgumentException("reasonCode '" + reasonCode + "' must match " + CODE);
        }
    }

    private static void requireNote(String note) {
        if (note != null && note.length() > NOTE_CHARS_MAX) {
            throw new IllegalArgumentException("a note holds at most " + NOTE_CHARS_MAX + " characters, got " + note.length());
        }
    }

    /** Queue names follow the policy's one rule ({@link io.redline.policy.ReviewRouting#QUEUE_NAME}). */
    private static void requireQueue(String queue) {
        if (!io.redline.policy.ReviewRouting.isQueueName(queue)) {
            throw new IllegalArgumentException("queue '" + queue + "' must be " + io.redline.policy.ReviewRouting.QUEUE_NAME_RULE);
        }
    }

    private static void requireName(String value, String what) {
        if (value == null || !TaskConfig.NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must match " + TaskConfig.NAME);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > LIST_MAX) throw new IllegalArgumentException("limit must be 1.." + LIST_MAX + ", was " + limit);
    }
}
