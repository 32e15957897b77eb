package io.redline.decision;

import io.redline.policy.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The policy simulator's answer: what the candidate would have done to the window's content
 * compared with the active policy, on the same screenings.
 *
 * @param examined              items replayed
 * @param current               actions under the active policy, every action present (zero when unused)
 * @param candidate             actions under the candidate
 * @param changed               items whose action differs
 * @param transitions           {@code "allow->review"} style counts for the changed items
 * @param sample                up to the requested number of changed items, oldest first
 * @param reviewMinutesDelta    (candidate reviews − current reviews) × minutes per review
 * @param itemsPerSecond        replay throughput, reading included
 */
public record BacktestReport(
        String currentVersion,
        String candidateVersion,
        Instant since,
        Instant until,
        long examined,
        Map<Action, Long> current,
        Map<Action, Long> candidate,
        long changed,
        Map<String, Long> transitions,
        List<BacktestChange> sample,
        long currentReviews,
        long candidateReviews,
        double minutesPerReview,
        double reviewMinutesDelta,
        double reviewHoursDelta,
        long elapsedMs,
        double itemsPerSecond) {
    public BacktestReport {
        current = Map.copyOf(current);
        candidate = Map.copyOf(candidate);
        transitions = Map.copyOf(transitions);
        sample = List.copyOf(sample);
    }
}
