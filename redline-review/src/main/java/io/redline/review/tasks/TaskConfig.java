package io.redline.review.tasks;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the review queue runs.
 *
 * @param seniorQueue          where escalated tasks go (and quality disagreements)
 * @param autoAllowSampleRate  share of automatic allow decisions that get a blind second review (0..1)
 * @param reviewerSampleRate   share of reviewer verdicts that get a blind second review by another reviewer (0..1)
 * @param reportResponse       a report's response deadline; also caps the deadline of the task it raises
 * @param leaseMax             longest lease a claim may ask for
 * @param sweepLag             how far behind wall time the auto-allow sample scan stays: a decision id is minted
 *                             before its transaction commits, so the newest ids may still be invisible
 * @param seniorReviewers      actor ids allowed to claim from the senior queue; empty = every reviewer
 */
public record TaskConfig(
        String seniorQueue,
        String qualityQueue,
        String appealsQueue,
        String reportsQueue,
        double autoAllowSampleRate,
        double reviewerSampleRate,
        Duration reportResponse,
        Duration appealResponse,
        Duration qualityResponse,
        int reportPriority,
        int appealPriority,
        int qualityPriority,
        Duration leaseMax,
        Duration sweepLag,
        Set<String> seniorReviewers) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public TaskConfig {
        for (String q : new String[] {seniorQueue, qualityQueue, appealsQueue, reportsQueue}) {
            if (!io.redline.policy.ReviewRouting.isQueueName(q)) {
                throw new IllegalArgumentException(
                        "queue name '" + q + "' must be " + io.redline.policy.ReviewRouting.QUEUE_NAME_RULE);
            }
        }
        if (!(autoAllowSampleRate >= 0 && autoAllowSampleRate <= 1)
                || !(reviewerSampleRate >= 0 && reviewerSampleRate <= 1)) {
            throw new IllegalArgumentException("sample rates must be between 0 and 1");
        }
        for (Duration d : new Duration[] {reportResponse, appealResponse, qualityResponse, leaseMax}) {
            if (d == null || d.isNegative() || d.isZero())
                throw new IllegalArgumentException("durations must be positive");
        }
        if (sweepLag == null || sweepLag.isNegative())
            throw new IllegalArgumentException("sweepLag must be zero or positive");
        for (int p : new int[] {reportPriority, appealPriority, qualityPriority}) {
            if (p < 1 || p > 5) throw new IllegalArgumentException("priorities are 1 (most urgent) .. 5, was " + p);
        }
        seniorReviewers = Set.copyOf(Objects.requireNonNull(seniorReviewers, "seniorReviewers"));
    }

    /** 1 % of automatic allows and 5 % of reviewer verdicts sampled; reports answered within 24 h, appeals within 72 h. */
    public static TaskConfig defaults() {
        return new TaskConfig(
                "senior",
                "quality",
                "appeals",
                "reports",
                0.01,
                0.05,
                Duration.ofHours(24),
                Duration.ofHours(72),
                Duration.ofHours(72),
                2,
                2,
                4,
                Duration.ofHours(1),
                Duration.ofSeconds(60),
                Set.of());
    }

    public TaskConfig withSampleRates(double autoAllow, double reviewer) {
        return new TaskConfig(
                seniorQueue,
                qualityQueue,
                appealsQueue,
                reportsQueue,
                autoAllow,
                reviewer,
                reportResponse,
                appealResponse,
                qualityResponse,
                reportPriority,
                appealPriority,
                qualityPriority,
                leaseMax,
                sweepLag,
                seniorReviewers);
    }

    public TaskConfig withSweepLag(Duration lag) {
        return new TaskConfig(
                seniorQueue,
                qualityQueue,
                appealsQueue,
                reportsQueue,
                autoAllowSampleRate,
                reviewerSampleRate,
                reportResponse,
                appealResponse,
                qualityResponse,
                reportPriority,
                appealPriority,
                qualityPriority,
                leaseMax,
                lag,
                seniorReviewers);
    }
}
