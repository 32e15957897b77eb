package io.redline.review.tasks;

/**
 * How often a blind second review disagreed with the first verdict, for one reviewer (the first
 * decider, {@code system:…} for automatic allows) or one category.
 */
public record Disagreement(String key, long sampled, long disagreed) {

    /** Share of decided samples that disagreed, 0 when none were decided. */
    public double rate() {
        return sampled == 0 ? 0 : (double) disagreed / sampled;
    }
}
