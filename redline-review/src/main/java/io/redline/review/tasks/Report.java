package io.redline.review.tasks;

import java.time.Instant;

/**
 * A stored user report and, once its task is decided, the outcome the reporter sees.
 *
 * @param taskId    the task that answers it: an open task whose priority the report raised, or a new report task
 * @param respondBy the response deadline promised to the reporter
 * @param verdict   null while the task is open; approve = the content stays, reject = it was taken down
 */
public record Report(
        long id,
        long contentId,
        String category,
        String text,
        long taskId,
        Instant createdAt,
        Instant respondBy,
        TaskVerdict verdict,
        String reasonCode,
        Instant decidedAt) {

    public boolean answered() {
        return verdict != null;
    }
}
