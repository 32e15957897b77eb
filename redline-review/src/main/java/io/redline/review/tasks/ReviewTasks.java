package io.redline.review.tasks;

import io.redline.audit.AuditLog;
import io.redline.decision.Decision;
import io.redline.decision.Decisions;
import io.redline.identity.Principal;
import io.redline.intake.ContentReader;
import io.redline.review.ReviewSchema;
import io.redline.review.webhooks.Webhooks;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The human review queue: tasks with priorities, deadlines and leases; reviewer verdicts that
 * append decisions; escalation; blind quality samples; creators' appeals; users' reports. This
 * class is the queue's API; each concern lives in its own class: {@link TaskSweep} (opening and
 * closing tasks), {@link Leases}, {@link Verdicts}, {@link Appeals}, {@link Reports} and
 * {@link TaskReads}, with the shared checks in {@link TaskRules}.
 *
 * <p>Every write goes through the group committer with its audit entries in the same transaction.
 * A verdict appends a decision through the decision capability's one writer
 * ({@code DecisionLog.append}: {@code seq + 1}, origin {@code review}, or {@code appeal} for an
 * appeal task, copying the evidence, labels and versions of the decision it replaces) and
 * enqueues its webhook event ({@code decision.final} or {@code appeal.resolved}) in the same
 * transaction, through {@link Webhooks}.
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

    static final String AUTO_ALLOW_SWEEP = "quality_auto_allow";
    static final long BULK_LEASE_MS = 60_000;
    /**
     * Reports one reporter may file per {@link #REPORT_WINDOW}: far above what a person reports, far
     * below a flood (one token once pushed other authors into review with a handful of reports).
     */
    public static final int REPORTS_PER_WINDOW_MAX = 30;

    public static final Duration REPORT_WINDOW = Duration.ofHours(1);

    private final TaskConfig config;
    private final TaskSweep sweep;
    private final Leases leases;
    private final Verdicts verdicts;
    private final Appeals appeals;
    private final Reports reports;
    private final TaskReads reads;

    private final java.util.concurrent.atomic.AtomicReference<OpenedTasks> announcer;

    /** Without webhook subscriptions: verdicts enqueue no webhook events. */
    public ReviewTasks(
            Database db,
            GroupCommit writes,
            AuditLog audit,
            Decisions decisions,
            TaskConfig config,
            Clock clock,
            Ids ids) {
        this(db, writes, audit, decisions, config, clock, ids, Webhooks.none(db, writes, audit, clock, ids));
    }

    /**
     * Migrates the review tables (the decision capability, which {@code decisions} belongs to,
     * has migrated its own). Verdicts store their decisions through {@code decisions.log()}.
     */
    public ReviewTasks(
            Database db,
            GroupCommit writes,
            AuditLog audit,
            Decisions decisions,
            TaskConfig config,
            Clock clock,
            Ids ids,
            Webhooks webhooks) {
        ReviewSchema.migrate(db);
        this.announcer = new java.util.concurrent.atomic.AtomicReference<>(OpenedTasks.NONE);
        TaskContext c = new TaskContext(
                Objects.requireNonNull(db),
                Objects.requireNonNull(writes),
                Objects.requireNonNull(audit),
                Objects.requireNonNull(config),
                Objects.requireNonNull(clock),
                Objects.requireNonNull(ids),
                Objects.requireNonNull(webhooks),
                Objects.requireNonNull(decisions),
                new ContentReader(db),
                announcer);
        this.config = config;
        this.sweep = new TaskSweep(c);
        this.leases = new Leases(c);
        this.verdicts = new Verdicts(c, leases);
        this.appeals = new Appeals(c);
        this.reports = new Reports(c);
        this.reads = new TaskReads(c);
    }

    /**
     * Plugs in what announces each task as it opens, in the transaction that opens it (the
     * composition root's choice; in Kafka mode, the outbox). Before any task opens.
     */
    public void announceOpenedTo(OpenedTasks to) {
        announcer.set(Objects.requireNonNull(to));
    }

    public TaskConfig config() {
        return config;
    }

    /** Shortest lease a claim may ask for; the longest is {@link #leaseMax()}. The HTTP API checks against both. */
    public static final Duration LEASE_MIN = TaskRules.LEASE_MIN;

    /** Longest lease a claim or extension may ask for ({@link TaskConfig#leaseMax()}). */
    public Duration leaseMax() {
        return config.leaseMax();
    }

    // Opening and closing tasks: TaskSweep.

    /**
     * Opens a task for each review decision given that is still its content's current decision
     * (e.g. right after {@code decideNow} returned one). Idempotent: one task per content and seq.
     * Returns how many tasks this call opened.
     */
    public int openFor(List<Decision> decisions) {
        return sweep.openFor(decisions);
    }

    /** The sweep the task sweeper calls: see {@link TaskSweep#openPending}. Returns the tasks opened. */
    public int openPending(int batchMax) {
        return sweep.openPending(batchMax);
    }

    // Leases.

    /** See {@link Leases#claim}. */
    public Optional<ReviewTask> claim(String queue, Principal reviewer, Duration lease) {
        return leases.claim(queue, reviewer, lease);
    }

    /** See {@link Leases#extend}. */
    public ReviewTask extend(long taskId, Principal reviewer, Duration lease) {
        return leases.extend(taskId, reviewer, lease);
    }

    /** See {@link Leases#release}. */
    public ReviewTask release(long taskId, Principal reviewer) {
        return leases.release(taskId, reviewer);
    }

    // Verdicts.

    /** See {@link Verdicts#decide}. */
    public ReviewTask decide(long taskId, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        return verdicts.decide(taskId, reviewer, verdict, reasonCode, note);
    }

    /** See {@link Verdicts#decideAll}. */
    public List<ReviewTask> decideAll(
            List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        return verdicts.decideAll(taskIds, reviewer, verdict, reasonCode, note);
    }

    /** See {@link Verdicts#claimAndDecideAll}. */
    public List<ReviewTask> claimAndDecideAll(
            List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        return verdicts.claimAndDecideAll(taskIds, reviewer, verdict, reasonCode, note);
    }

    /** See {@link Verdicts#escalate}. */
    public ReviewTask escalate(long taskId, Principal reviewer, String note) {
        return verdicts.escalate(taskId, reviewer, note);
    }

    // Appeals.

    /** See {@link Appeals#appeal}. */
    public Appeal appeal(long contentId, Principal creator, String message) {
        return appeals.appeal(contentId, creator, message);
    }

    /** See {@link Appeals#appeals}. */
    public List<Appeal> appeals(Principal creator, int limit) {
        return appeals.appeals(creator, limit);
    }

    // Reports.

    /** See {@link Reports#report}. */
    public Report report(long contentId, Principal reporter, String category, String text) {
        return reports.report(contentId, reporter, category, text);
    }

    /** See {@link Reports#reports}. */
    public List<Report> reports(Principal reporter, int limit) {
        return reports.reports(reporter, limit);
    }

    /** See {@link Reports#reportInbox}. */
    public List<Report> reportInbox(boolean answered, int limit) {
        return reports.reportInbox(answered, limit);
    }

    /** See {@link Reports#reportsOn}. */
    public List<Report> reportsOn(long contentId) {
        return reports.reportsOn(contentId);
    }

    /** See {@link Reports#openReports}. */
    public Map<String, Integer> openReports(Collection<String> authorIds) {
        return reports.openReports(authorIds);
    }

    // Reading.

    public Optional<ReviewTask> task(long id) {
        return reads.task(id);
    }

    /** See {@link TaskReads#openTasks}. */
    public List<ReviewTask> openTasks(String queue, int limit) {
        return reads.openTasks(queue, limit);
    }

    /** See {@link TaskReads#tasksOfKind}. */
    public List<ReviewTask> tasksOfKind(TaskKind kind, boolean open, int limit) {
        return reads.tasksOfKind(kind, open, limit);
    }

    /** See {@link TaskReads#tasksOf}. */
    public List<ReviewTask> tasksOf(long contentId) {
        return reads.tasksOf(contentId);
    }

    /** See {@link TaskReads#queueStats}. */
    public List<QueueStats> queueStats() {
        return reads.queueStats();
    }

    /** See {@link TaskReads#throughput}. */
    public List<ReviewerThroughput> throughput(Instant since) {
        return reads.throughput(since);
    }

    /** See {@link TaskReads#disagreementByReviewer}. */
    public List<Disagreement> disagreementByReviewer(Instant since) {
        return reads.disagreementByReviewer(since);
    }

    /** See {@link TaskReads#disagreementByCategory}. */
    public List<Disagreement> disagreementByCategory(Instant since) {
        return reads.disagreementByCategory(since);
    }
}
