package io.redline.review.tasks;

/**
 * The request is valid but the task's state does not allow it (HTTP 409): the caller does not hold
 * the lease, the task is already decided, the decision was already appealed, the reporter already
 * reported this task. The message says what to do instead.
 */
public final class TaskConflict extends RuntimeException {
    public TaskConflict(String message) {
        super(message);
    }
}
