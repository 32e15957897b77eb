package io.redline.review.tasks;

import java.time.Instant;

/**
 * One queue on the dashboard.
 *
 * @param open        open tasks (leased or not)
 * @param leased      open tasks under a live lease
 * @param oldestAt    creation time of the oldest open task
 * @param slaBreaches open tasks past their deadline
 */
public record QueueStats(String queue, long open, long leased, Instant oldestAt, long oldestAgeMs, long slaBreaches) {}
