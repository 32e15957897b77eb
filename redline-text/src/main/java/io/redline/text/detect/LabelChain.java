package io.redline.text.detect;

import java.util.Arrays;

/**
 * One walked chain of domain labels (see {@link LinkScanner}): label i spans
 * [labelStart[i], labelEnd[i]); for a walk starting in label i, bestLabel[i] is the label the
 * longest domain ends with (or -1) and bestObfuscated[i] whether an obfuscated dot lies before it.
 */
final class LabelChain {
    int[] labelStart = new int[16];
    int[] labelEnd = new int[16];
    int[] bestLabel = new int[16];
    boolean[] bestObfuscated = new boolean[16];
    // Per label while the chain is summarised: whether the label ends the chain's walk with a known
    // top-level domain (plain or after an obfuscated dot), and whether the separator before it was obfuscated.
    boolean[] tld = new boolean[16];
    boolean[] obfuscatedTld = new boolean[16];
    boolean[] obfuscatedBefore = new boolean[16];
    int labels;
    /** The label the last lookup landed on; lookups come in text order. */
    int labelCursor;
    /** True when the chain's last label was cut at the label length limit (a start inside it is a different chain). */
    boolean lastLabelCut;

    void reset() {
        labels = 0;
        labelCursor = 0;
        lastLabelCut = false;
    }

    void ensureLabels(int n) {
        if (labelStart.length < n) {
            int cap = Math.max(n, labelStart.length * 2);
            labelStart = Arrays.copyOf(labelStart, cap);
            labelEnd = Arrays.copyOf(labelEnd, cap);
            bestLabel = Arrays.copyOf(bestLabel, cap);
            bestObfuscated = Arrays.copyOf(bestObfuscated, cap);
            tld = Arrays.copyOf(tld, cap);
            obfuscatedTld = Arrays.copyOf(obfuscatedTld, cap);
            obfuscatedBefore = Arrays.copyOf(obfuscatedBefore, cap);
        }
    }
}
