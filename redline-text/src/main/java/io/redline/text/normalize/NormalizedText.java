package io.redline.text.normalize;

/**
 * A text after folding, invisible removal, noise skipping and repeat collapsing, with an offset
 * map back into the original: position k came from {@code original[starts[k], ends[k])}.
 *
 * @param codePoints the normalised code points
 * @param starts     original UTF-16 start of each position (inclusive)
 * @param ends       original UTF-16 end of each position (exclusive; covers a collapsed run)
 * @param runs       how many repeats of the character were collapsed into each position (≥ 1)
 * @param gaps       how many noise characters were skipped before each position
 */
public record NormalizedText(int[] codePoints, int[] starts, int[] ends, int[] runs, int[] gaps) {
    public int length() {
        return codePoints.length;
    }

    /** The normalised text as a string. */
    public String text() {
        return new String(codePoints, 0, codePoints.length);
    }

    /** The original span [start, end) of positions [from, to). */
    public int originalStart(int from) {
        return starts[from];
    }

    public int originalEnd(int toExclusive) {
        return ends[toExclusive - 1];
    }
}
