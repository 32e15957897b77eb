package io.redline.review.tasks;

/**
 * Deterministic sampling by content id: the same content and stream are always in or out, so a
 * rate is testable and a re-run of a sweep samples the same items. Two streams (automatic allows,
 * reviewer verdicts) use different salts so they sample independently.
 */
public final class Sampling {
    static final long AUTO_ALLOW = 0x5eed_a110_0000_0001L;
    static final long REVIEWER = 0x5eed_4e71_0000_0002L;

    private Sampling() {}

    /** True for about {@code rate} of all content ids (0 never, 1 always). */
    public static boolean sampled(long contentId, long stream, double rate) {
        if (rate <= 0) return false;
        if (rate >= 1) return true;
        // SplitMix64's finaliser: ids are time-ordered with mostly-zero low bits, so mix before taking a fraction.
        long z = contentId ^ stream;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        double unit = (z >>> 11) * 0x1.0p-53;
        return unit < rate;
    }
}
