package io.redline.policy;

import java.time.Duration;
import java.util.Objects;

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

    public ReviewRouting {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(deadline, "deadline");
        if (priority < PRIORITY_MOST_URGENT || priority > PRIORITY_LEAST_URGENT) {
            throw new IllegalArgumentException("priority must be 1..5, got " + priority);
        }
    }
}
