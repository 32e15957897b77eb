package io.redline.rights.text;

/**
 * The near-duplicate parameters, chosen by the measured recall/precision sweep in
 * {@code docs/rights.md} (rerun it with {@code bench/rights.sh --sweep}).
 *
 * @param shingleChars characters per shingle (of normalised text, within one sentence)
 * @param bands        LSH bands; {@code bands * rows} MinHash values make a signature
 * @param rows         MinHash values per band: an item is a candidate when one whole band agrees
 * @param threshold    least estimated Jaccard similarity at which a candidate is a copy
 */
public record CopyParams(int shingleChars, int bands, int rows, double threshold) {
    public static final int HASHES_MAX = 512;

    /**
     * The chosen point: 3-character shingles, 20 bands × 5 rows (100 values), link at 0.6. At true
     * Jaccard 0.8 a band agrees with probability 0.8^5 = 0.33, so 20 bands miss with probability
     * 0.67^20 ≈ 0.0004; the 100-value estimate (standard error 0.04 at 0.8) clears 0.6 by five
     * standard errors. In the measured sweep (docs/rights.md) it links every pair at J ≥ 0.8,
     * 97.6% of edited reposts of any intensity (4-character shingles: 94%), no pair below J 0.5,
     * and makes fewer candidates than 16×4 (5.9% of unrelated template-sharing pairs against
     * 8.4%), which linked 0.1% of pairs below J 0.5 — at 360 bytes a note instead of 256.
     */
    public static final CopyParams DEFAULT = new CopyParams(3, 20, 5, 0.6);

    public CopyParams {
        if (shingleChars < 1 || shingleChars > 16)
            throw new IllegalArgumentException("shingleChars must be 1..16, got " + shingleChars);
        if (bands < 1 || rows < 1 || (long) bands * rows > HASHES_MAX) {
            throw new IllegalArgumentException(
                    "bands × rows must be 1.." + HASHES_MAX + ", got " + bands + " × " + rows);
        }
        if (!(threshold > 0 && threshold <= 1))
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }

    public int hashes() {
        return bands * rows;
    }

    /** Probability that an item at true Jaccard {@code s} shares at least one band: 1 − (1 − s^r)^b. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }
}
