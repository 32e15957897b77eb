package io.redline.review.tasks;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * A port for announcing review tasks the moment they open, inside the transaction that opens
 * them (so a task and its announcement are never out of step: both commit or neither). Every task
 * opens through {@link TaskContext#open}: decision tasks, report and appeal tasks, escalations and
 * quality samples. The composition root plugs one in ({@link ReviewTasks#announceOpenedTo}); in
 * Kafka mode it writes the task to the Kafka outbox.
 */
@FunctionalInterface
public interface OpenedTasks {
    /**
     * One task as it opened.
     *
     * @param reasons why it needs a person: the decision's reason code, then the task's category
     *     when it says more (the first decisive hit's category, or the queue it fell back to)
     */
    record Opened(
            long taskId,
            TaskKind kind,
            long contentId,
            int decisionSeq,
            String authorId,
            String queue,
            int priority,
            Instant deadlineAt,
            Instant openedAt,
            List<String> reasons) {
        public Opened {
            reasons = List.copyOf(reasons);
        }
    }

    void opened(Handle h, Opened task);

    OpenedTasks NONE = (h, task) -> {};
}
