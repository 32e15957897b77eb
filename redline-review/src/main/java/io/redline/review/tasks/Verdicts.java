package io.redline.review.tasks;

import static io.redline.review.tasks.ReviewTasks.*;
import static io.redline.review.tasks.TaskRules.*;

import io.redline.audit.AuditLog;
import io.redline.decision.Decision;
import io.redline.decision.DecisionLog;
import io.redline.decision.Decisions;
import io.redline.decision.Origin;
import io.redline.identity.Principal;
import io.redline.policy.Action;
import io.redline.review.ReviewException;
import io.redline.review.webhooks.WebhookEvent;
import io.redline.review.webhooks.Webhooks;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.vocabulary.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/** Reviewer verdicts and escalation. A verdict on a decision, report or appeal task appends a decision through the decision capability's one writer ({@code DecisionLog.append}) and enqueues its webhook event in the same transaction; a quality sample records the verdict only, and a disagreement opens a senior review. Part of {@link ReviewTasks}. */
final class Verdicts {
    private final GroupCommit writes;
    private final AuditLog audit;
    private final TaskConfig config;
    private final Clock clock;
    private final Ids ids;
    private final Webhooks webhooks;
    private final Decisions decisions;
    private final Leases leases;

    private final TaskContext context;

    Verdicts(TaskContext c, Leases leases) {
        this.context = c;
        this.writes = c.writes();
        this.audit = c.audit();
        this.config = c.config();
        this.clock = c.clock();
        this.ids = c.ids();
        this.webhooks = c.webhooks();
        this.decisions = c.decisions();
        this.leases = leases;
    }

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
        Actor actor = reviewer.actor();
        return writes.write(h -> decideIn(h, taskId, actor, verdict, reasonCode, note));
    }

    /**
     * {@link #decide} for up to {@link #BULK_MAX} tasks with one verdict, in one transaction: when
     * any task is not leased to the caller, nothing is decided.
     */
    public List<ReviewTask> decideAll(
            List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        List<Long> distinct = requireBulk(taskIds, reviewer, verdict, reasonCode, note);
        Actor actor = reviewer.actor();
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
    public List<ReviewTask> claimAndDecideAll(
            List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        List<Long> distinct = requireBulk(taskIds, reviewer, verdict, reasonCode, note);
        Actor actor = reviewer.actor();
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
    private static List<Long> requireBulk(
            List<Long> taskIds, Principal reviewer, TaskVerdict verdict, String reasonCode, String note) {
        requireReviewer(reviewer);
        Objects.requireNonNull(verdict, "verdict");
        requireCode(reasonCode);
        requireNote(note);
        List<Long> distinct = taskIds.stream().distinct().toList();
        if (distinct.isEmpty() || distinct.size() > BULK_MAX) {
            throw new IllegalArgumentException(
                    "a bulk decision takes 1.." + BULK_MAX + " task ids, got " + distinct.size());
        }
        return distinct;
    }

    /** Takes one named task for the caller inside a bulk decision (a short lease: the decision follows in the same transaction). */
    void claimIn(Handle h, long taskId, Actor actor, long nowMs) {
        ReviewTask t =
                TaskRows.find(h, taskId).orElseThrow(() -> new ReviewException.NotFound("no task has id " + taskId));
        if (t.queue().equals(config.seniorQueue())
                && !config.seniorReviewers().isEmpty()
                && !config.seniorReviewers().contains(actor.id())) {
            throw new ReviewException.Forbidden(
                    "only senior reviewers may decide task " + taskId + " in queue '" + t.queue() + "'");
        }
        if (t.leasedTo(actor.id(), Instant.ofEpochMilli(nowMs))) return;
        int won = TaskRows.claim(h, taskId, actor.id(), nowMs + BULK_LEASE_MS, nowMs, true);
        if (won != 1) {
            throw new TaskConflict("task " + taskId
                    + " is closed, claimed by another reviewer, or not yours to decide; nothing was decided");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("queue", t.queue());
        details.put("bulk", true);
        audit.append(h, event(actor, "task.claim", taskId, nowMs, details));
    }

    private ReviewTask decideIn(
            Handle h, long taskId, Actor actor, TaskVerdict verdict, String reasonCode, String note) {
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
            String first = h.createQuery("SELECT first_verdict FROM review_tasks WHERE id = :id")
                    .bind("id", t.id())
                    .mapTo(String.class)
                    .one();
            boolean agreed = verdict.code().equals(first);
            details.put("agreed", agreed);
            if (!agreed) {
                // Two people (or the machine and a person) disagree: a senior decides the content itself,
                // as urgently as a user report, since the content may be wrongly up (or down) meanwhile.
                TaskRows.NewTask senior = new TaskRows.NewTask(
                        ids.next(),
                        TaskKind.DECISION,
                        t.contentId(),
                        t.decisionSeq(),
                        t.authorId(),
                        t.category(),
                        config.seniorQueue(),
                        2,
                        nowMs + config.reportResponse().toMillis(),
                        nowMs,
                        null,
                        null,
                        null,
                        t.id(),
                        "quality disagreement on task " + t.id());
                if (context.open(h, senior)) audit.append(h, openEvent(senior));
            }
        } else {
            Origin origin = t.kind() == TaskKind.APPEAL ? Origin.APPEAL : Origin.REVIEW;
            resultSeq = appendDecision(h, t.contentId(), t.authorId(), origin, verdict, reasonCode, actor, nowMs);
            details.put("seq", resultSeq);
            webhooks.enqueue(
                    h,
                    webhookEvent(
                            h,
                            t,
                            new WebhookEvent.FinalDecision(
                                    resultSeq, verdict.action(), reasonCode, origin, Instant.ofEpochMilli(nowMs))));
        }
        int closed = TaskRows.decide(h, t.id(), actor.id(), verdict, reasonCode, nowMs, resultSeq);
        requireStillHeld(closed, t.id());
        audit.append(h, event(actor, "task.decide", t.id(), nowMs, details));
        if (resultSeq != null && Sampling.sampled(t.contentId(), Sampling.REVIEWER, config.reviewerSampleRate())) {
            TaskRows.NewTask q = new TaskRows.NewTask(
                    ids.next(),
                    TaskKind.QUALITY,
                    t.contentId(),
                    resultSeq,
                    t.authorId(),
                    t.category(),
                    config.qualityQueue(),
                    config.qualityPriority(),
                    nowMs + config.qualityResponse().toMillis(),
                    nowMs,
                    actor.id(),
                    verdict,
                    actor.id(),
                    t.id(),
                    null);
            if (context.open(h, q)) audit.append(h, openEvent(q));
        }
        return TaskRows.find(h, t.id()).orElseThrow();
    }

    /**
     * Appends the person's decision ({@code seq = current + 1}, keeping the evidence, labels and
     * versions of the decision it replaces, which is what the reviewer looked at) through the
     * decision capability's one writer, with its audit entry; returns its seq.
     *
     * @throws TaskConflict when another decision on the content was appended meanwhile
     */
    private int appendDecision(
            Handle h,
            long contentId,
            String authorId,
            Origin origin,
            TaskVerdict verdict,
            String reasonCode,
            Actor actor,
            long nowMs) {
        Decision was = decisions
                .current(h, contentId)
                .orElseThrow(() -> new IllegalStateException("content " + contentId + " has a task but no decision"));
        Decision next =
                was.byPerson(ids.next(), origin, verdict.action(), reasonCode, Instant.ofEpochMilli(nowMs), actor.id());
        if (decisions
                .log()
                .append(h, actor, List.of(new DecisionLog.Entry(next, authorId)))
                .isEmpty()) {
            throw new TaskConflict(
                    "the decision on content " + contentId + " changed meanwhile; reload the task and decide again");
        }
        return next.seq();
    }

    /** The event a verdict on {@code t} announces: an appeal's outcome, or the reviewer's final decision. */
    private static WebhookEvent webhookEvent(Handle h, ReviewTask t, WebhookEvent.FinalDecision decision) {
        if (t.kind() != TaskKind.APPEAL) return new WebhookEvent.DecisionFinal(t.contentId(), t.authorId(), decision);
        String appealed = h.createQuery("SELECT action FROM decisions WHERE content_id = :c AND seq = :s")
                .bind("c", t.contentId())
                .bind("s", t.decisionSeq())
                .mapTo(String.class)
                .one();
        return new WebhookEvent.AppealResolved(
                t.contentId(), t.authorId(), decision, t.id(), t.decisionSeq(), Action.fromCode(appealed));
    }

    /** Moves a task the reviewer holds to the senior queue, releasing the lease. */
    public ReviewTask escalate(long taskId, Principal reviewer, String note) {
        requireReviewer(reviewer);
        requireNote(note);
        Actor actor = reviewer.actor();
        return writes.write(h -> {
            long nowMs = clock.millis();
            ReviewTask t = leased(h, taskId, actor, nowMs);
            if (t.queue().equals(config.seniorQueue())) {
                throw new TaskConflict("task " + taskId + " is in the senior queue already; decide it");
            }
            requireStillHeld(TaskRows.escalate(h, t.id(), actor.id(), config.seniorQueue(), note), taskId);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("from", t.queue());
            details.put("to", config.seniorQueue());
            if (note != null) details.put("note", note);
            audit.append(h, event(actor, "task.escalate", t.id(), nowMs, details));
            return TaskRows.find(h, taskId).orElseThrow();
        });
    }
}
