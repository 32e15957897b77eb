package io.redline.review.tasks;

import java.time.Instant;

/**
 * One piece of human work, as a reviewer sees it. A quality sample's first verdict is never part
 * of this view: the second review is blind.
 *
 * @param decisionSeq the decision the task is about (for a quality sample, the decision under second review)
 * @param category    the decisive evidence category (or the review queue), or the reporter's category for report tasks
 * @param claimedBy   the lease holder's actor id; only meaningful while {@code leaseUntil} is in the future
 * @param note        the appeal message, or the latest escalation note
 * @param resultSeq   the decision the verdict appended; null while open and for quality samples
 */
public record ReviewTask(
        long id,
        TaskKind kind,
        long contentId,
        int decisionSeq,
        String authorId,
        String category,
        String queue,
        int priority,
        Instant deadlineAt,
        Instant createdAt,
        boolean open,
        String claimedBy,
        Instant leaseUntil,
        String note,
        int escalations,
        TaskVerdict verdict,
        String reasonCode,
        String decidedBy,
        Instant decidedAt,
        Integer resultSeq) {

    /** Whether {@code actorId} holds a live lease at {@code now}. */
    public boolean leasedTo(String actorId, Instant now) {
        return open && actorId.equals(claimedBy) && leaseUntil != null && !leaseUntil.isBefore(now);
    }
}
