package io.redline.kafka;

import io.redline.review.tasks.OpenedTasks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Every review task as it opens, as a message on the review-tasks topic keyed by author, written
 * to the {@link Outbox} in the transaction that opens the task (plugged into
 * {@link io.redline.review.tasks.ReviewTasks#announceOpenedTo}): the host platform sees a task
 * exactly when Redline's queue holds it. Decision, report, appeal, escalation and quality tasks
 * alike; {@code kind} says which.
 */
public final class TaskEvents implements OpenedTasks {
    private final Outbox outbox;
    private final String topic;

    public TaskEvents(Outbox outbox, KafkaSettings.Topics topics) {
        this.outbox = Objects.requireNonNull(outbox);
        this.topic = Objects.requireNonNull(topics).tasks();
    }

    @Override
    public void opened(Handle h, Opened t) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "task.opened");
        body.put("taskId", Long.toString(t.taskId()));
        body.put("kind", t.kind().code());
        body.put("contentId", Long.toString(t.contentId()));
        body.put("authorId", t.authorId());
        body.put("seq", t.decisionSeq());
        body.put("queue", t.queue());
        body.put("priority", t.priority());
        body.put("deadlineAt", t.deadlineAt().toString());
        body.put("openedAt", t.openedAt().toString());
        body.put("reasons", t.reasons());
        outbox.enqueue(
                h,
                List.of(new Outbox.Message(
                        topic,
                        t.authorId(),
                        DecisionEvents.json(body),
                        Map.of(DecisionEvents.CONTENT_ID_HEADER, Long.toString(t.contentId())))));
    }
}
