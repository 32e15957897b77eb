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
     * The chosen point: 3-character shingles, 16 bands × 4 rows (64 values), link at 0.6. At true
     * Jaccard 0.8 a band agrees with probability 0.8^4 = 0.41, so 16 bands miss with probability
     * 0.59^16 ≈ 0.0002; the 64-value estimate (standard error 0.05 at 0.8) clears 0.6 by four
     * standard errors. In the measured sweep (docs/rights.md) it links every pair at J ≥ 0.8,
     * 97% of edited reposts of any intensity (4-character shingles: 94%), 0.1% of pairs below
     * J 0.5, and costs 256 bytes a note; 20×5 or 25×4 buy a point of recall for 40–55% more memory,
     * 32×2 makes five times as many candidates per lookup, 8×8 misses a third of the pairs at J 0.7.
     */
    public static final CopyParams DEFAULT = new CopyParams(3, 16, 4, 0.6);

    public CopyParams {
        if (shingleChars < 1 || shingleChars > 16) throw new IllegalArgumentException("shingleChars must be 1..16, got " + shingleChars);
        if (bands < 1 || rows < 1 || (long) bands * rows > HASHES_MAX) {
            throw new IllegalArgumentException("bands × rows must be 1.." + HASHES_MAX + ", got " + bands + " × " + rows);
        }
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }

    public int hashes() {
        return bands * rows;
    }

    /** Probability that an item at true Jaccard {@code s} shares at least one band: 1 − (1 − s^r)^b. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }
}
