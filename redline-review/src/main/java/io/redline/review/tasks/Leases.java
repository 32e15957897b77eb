package io.redline.review.tasks;

import static io.redline.review.tasks.ReviewTasks.*;
import static io.redline.review.tasks.TaskRules.*;

import io.redline.identity.Principal;
import io.redline.review.ReviewException;
import io.redline.vocabulary.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Leases on tasks: a claim is a compare-and-set {@code UPDATE … WHERE claimed_by IS NULL OR lease_until_ms < now} whose row count decides the winner, so two reviewers (or two processes on one PostgreSQL) never hold one task; an expired lease needs no reaper. Part of {@link ReviewTasks}. */
final class Leases {

    private final TaskContext context;

    Leases(TaskContext c) {
        this.context = c;
    }

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
        requireLease(lease, context.config());
        Actor actor = reviewer.actor();
        if (queue.equals(context.config().seniorQueue())
                && !context.config().seniorReviewers().isEmpty()
                && !context.config().seniorReviewers().contains(actor.id())) {
            throw new ReviewException.Forbidden("only senior reviewers may claim from queue '" + queue + "'");
        }
        return context.writes().write(h -> {
            long nowMs = context.clock().millis();
            long untilMs = nowMs + lease.toMillis();
            record Candidate(long id, String holder) {}
            List<Candidate> candidates = h.createQuery("""
                            SELECT id, claimed_by FROM review_tasks
                             WHERE state = 'open' AND queue = :queue
                               AND (claimed_by IS NULL OR lease_until_ms < :now)
                               AND (excluded_reviewer IS NULL OR excluded_reviewer <> :me)
                             ORDER BY priority, deadline_at_ms, id LIMIT :n""")
                    .bind("queue", queue)
                    .bind("now", nowMs)
                    .bind("me", actor.id())
                    .bind("n", CLAIM_CANDIDATES)
                    .map((rs, ctx) -> new Candidate(rs.getLong(1), rs.getString(2)))
                    .list();
            for (Candidate c : candidates) {
                // The compare-and-set: of two claimers (in this process or another), one updates the row, the other
                // none.
                int won = TaskRows.claim(h, c.id(), actor.id(), untilMs, nowMs, false);
                if (won != 1) continue;
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("queue", queue);
                details.put("leaseUntil", Instant.ofEpochMilli(untilMs).toString());
                if (c.holder() != null) details.put("expiredLeaseOf", c.holder());
                context.audit().append(h, event(actor, "task.claim", c.id(), nowMs, details));
                return TaskRows.find(h, c.id());
            }
            return Optional.<ReviewTask>empty();
        });
    }

    /** Renews the reviewer's live lease on a task to {@code lease} from now (a reviewer still reading). */
    public ReviewTask extend(long taskId, Principal reviewer, Duration lease) {
        requireReviewer(reviewer);
        requireLease(lease, context.config());
        Actor actor = reviewer.actor();
        return context.writes().write(h -> {
            long nowMs = context.clock().millis();
            ReviewTask t = leased(h, taskId, actor, nowMs);
            long untilMs = nowMs + lease.toMillis();
            requireStillHeld(TaskRows.extend(h, t.id(), actor.id(), untilMs), taskId);
            context.audit()
                    .append(
                            h,
                            event(
                                    actor,
                                    "task.extend",
                                    t.id(),
                                    nowMs,
                                    Map.of(
                                            "leaseUntil",
                                            Instant.ofEpochMilli(untilMs).toString())));
            return TaskRows.find(h, taskId).orElseThrow();
        });
    }

    /** Gives a leased task back to its queue before the lease runs out. */
    public ReviewTask release(long taskId, Principal reviewer) {
        requireReviewer(reviewer);
        Actor actor = reviewer.actor();
        return context.writes().write(h -> {
            long nowMs = context.clock().millis();
            ReviewTask t = leased(h, taskId, actor, nowMs);
            requireStillHeld(TaskRows.release(h, t.id(), actor.id()), taskId);
            context.audit().append(h, event(actor, "task.release", t.id(), nowMs, Map.of("queue", t.queue())));
            return TaskRows.find(h, taskId).orElseThrow();
        });
    }
}
