package io.redline.review.webhooks;

import io.redline.decision.Origin;
import io.redline.policy.Action;
import java.time.Instant;
import java.util.Objects;

/** Something the host platform is told about: a closed set, one case per {@link EventType}. */
public sealed interface WebhookEvent {
    long contentId();

    String authorId();

    /** The decision the event produced. */
    FinalDecision decision();

    EventType type();

    /** The decision as the payload carries it: enough to act on, never the evidence or the rule. */
    record FinalDecision(int seq, Action action, String reasonCode, Origin origin, Instant decidedAt) {
        public FinalDecision {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(decidedAt, "decidedAt");
        }
    }

    /** A reviewer decided a decision or report task (or a senior decided a quality disagreement). */
    record DecisionFinal(long contentId, String authorId, FinalDecision decision) implements WebhookEvent {
        public DecisionFinal {
            Objects.requireNonNull(authorId, "authorId");
            Objects.requireNonNull(decision, "decision");
        }

        @Override
        public EventType type() {
            return EventType.DECISION_FINAL;
        }
    }

    /**
     * A reviewer decided an appeal task.
     *
     * @param appealId       the appeal's id (its task id, as {@code Appeal.taskId} and the creator's listing show it)
     * @param appealedSeq    the decision the creator appealed
     * @param appealedAction that decision's action
     */
    record AppealResolved(
            long contentId,
            String authorId,
            FinalDecision decision,
            long appealId,
            int appealedSeq,
            Action appealedAction)
            implements WebhookEvent {
        public AppealResolved {
            Objects.requireNonNull(authorId, "authorId");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(appealedAction, "appealedAction");
        }

        /** Overturned when the new decision's action differs from the appealed one; upheld when it is the same. */
        public boolean overturned() {
            return decision.action() != appealedAction;
        }

        @Override
        public EventType type() {
            return EventType.APPEAL_RESOLVED;
        }
    }
}
