package io.redline.policy;

import java.util.Objects;

/**
 * One detector hit as the policy sees it. The server maps the text engine's hits onto these,
 * keeping the same order, so {@link Verdict#evidenceHits()} indices point back at the original
 * hits (and their spans).
 *
 * @param detector which detector fired, e.g. {@code phone} or {@code lexicon}
 * @param category what the hit is about, e.g. {@code drainage}; an open set of {@code [a-z_]+}
 * @param severity 0 (harmless) to 100 (worst)
 * @param term     the matched term as the engine reports it; carried for display, never matched
 */
public record HitFact(String detector, String category, int severity, String term) {
    public HitFact {
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(category, "category");
        if (severity < 0 || severity > 100) {
            throw new IllegalArgumentException("severity must be 0..100, got " + severity);
        }
    }

    public HitFact(String detector, String category, int severity) {
        this(detector, category, severity, null);
    }
}
