package io.redline.gateway;

import io.redline.text.Screener;

/**
 * How much streamed output the gateway holds back, derived from the compiled screener.
 *
 * <p>Why these numbers: a lexicon match covers at most {@code m} term characters
 * ({@link Screener#maxPatternLength()}), with at most {@code g} noise characters between two of
 * them ({@code maxGap}, when noise skipping is on); every character may be a surrogate pair (2
 * UTF-16 units). So a match spans at most {@code 2·(m + (m−1)·g)} units, plus {@code 2·m} of
 * slack for repeated characters and invisible characters (which the engine skips for free).
 * Detector hits (numbers with separators, ids) span at most {@link #DETECTOR_DIGITS_MAX} digits
 * with a gap each. The longest of these is the span {@code L}; the window keeps the last
 * {@code L − 1} units of screened text unreleased ({@link #overlapChars}), since a match that ends
 * in text not yet screened starts at most that far back.
 *
 * <p>Screening happens every {@link #stepChars} new characters (a quarter of the overlap unless
 * configured), so each character is screened about {@code 1 + overlap/step} times — linear in the
 * output, never the whole accumulated text per chunk — and the client waits behind at most
 * {@link #holdCharsMax} characters. The last {@link #LOOKAHEAD_CHARS} character of a window is
 * never final: a hit touching the window's end (a number still growing, a whole word whose next
 * character is unknown) is decided in the next window.
 */
public record HoldBack(int spanChars, int overlapChars, int stepChars) {
    /** Longest digit run the number detectors take as one (bank cards have 19, ids 18). */
    public static final int DETECTOR_DIGITS_MAX = 24;

    public static final int LOOKAHEAD_CHARS = 1;

    public HoldBack {
        if (spanChars < 1 || overlapChars != spanChars - 1 || stepChars < 1) {
            throw new IllegalArgumentException(
                    "bad hold-back: span " + spanChars + ", overlap " + overlapChars + ", step " + stepChars);
        }
    }

    /** @param stepChars characters screened at a time; 0 = a quarter of the overlap */
    public static HoldBack of(Screener screener, int stepChars) {
        int m = Math.max(1, screener.maxPatternLength());
        int gap = screener.options().skipNoise() ? screener.options().maxGap() : 0;
        int lexicon = 2 * (m + (m - 1) * gap) + 2 * m;
        int detectors = screener.options().detectors().isEmpty() ? 0 : DETECTOR_DIGITS_MAX * (1 + Math.max(1, gap));
        int span = Math.max(lexicon, detectors);
        int step = stepChars > 0 ? stepChars : Math.max(1, (span - 1) / 4);
        return new HoldBack(span, span - 1, step);
    }

    /** The most characters the client can be kept waiting for (beyond what the upstream has not sent yet). */
    public int holdCharsMax() {
        return overlapChars + stepChars + LOOKAHEAD_CHARS;
    }
}
