package io.redline.decision;

import java.time.Instant;

/** Where a {@code review} decision is queued: queue, priority (1 most urgent … 5) and the absolute deadline. */
public record ReviewRoute(String queue, int priority, Instant deadlineAt) {}
