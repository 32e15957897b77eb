package io.redline.review.tasks;

import io.redline.decision.Decision;
import java.time.Instant;

/**
 * A creator's appeal as the creator sees it.
 *
 * @param appealedSeq the decision appealed
 * @param outcome     the decision the appeal produced (as its author may see it), null while undecided
 */
public record Appeal(
        long taskId,
        long contentId,
        int appealedSeq,
        String message,
        Instant createdAt,
        Instant deadlineAt,
        Decision.CreatorView outcome) {

    public boolean decided() {
        return outcome != null;
    }
}
