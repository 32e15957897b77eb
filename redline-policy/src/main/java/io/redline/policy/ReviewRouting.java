package io.redline.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a review goes and how urgent it is.
 *
 * @param queue    review queue name
 * @param priority 1 (most urgent) to 5 (least urgent)
 * @param deadline how long reviewers have, from the moment the item is queued
 */
public record ReviewRouting(String queue, int priority, Duration deadline) {
    public static final int PRIORITY_MOST_URGENT = 1;
    public static final int PRIORITY_LEAST_URGENT = 5;
    /**
     * The one rule for queue names: the policy validator accepts exactly these, and the review
     * workflow, the API and the console serve exactly these (a valid policy once routed to
     * {@code vip-review}, which the API then refused to list or claim).
     */
    public static final Pattern QUEUE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

    public static final String QUEUE_NAME_RULE =
            "lower-case letters, digits, '_' and '-', starting with a letter, at most 64 characters";

    public static boolean isQueueName(String name) {
        return name != null && QUEUE_NAME.matcher(name).matches();
    }

    public ReviewRouting {
        Objects.requireNonNull(queue, "queue");
        if (!isQueueName(queue)) throw new IllegalArgumentException("queue '" + queue + "' must be " + QUEUE_NAME_RULE);
        Objects.requireNonNull(deadline, "deadline");
        if (priority < PRIORITY_MOST_URGENT || priority > PRIORITY_LEAST_URGENT) {
            throw new IllegalArgumentException("priority must be 1..5, got " + priority);
        }
    }
}
