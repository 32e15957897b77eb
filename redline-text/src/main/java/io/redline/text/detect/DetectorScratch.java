package io.redline.text.detect;

import java.util.Arrays;

/**
 * Per-thread working memory of the detectors for one screening, reused from call to call (arrays
 * only grow). Besides the digit groups of one number chain it remembers what a scan has already
 * learnt about the text, so no detector reads the same stretch of text again for every trigger
 * in it: the chain of domain labels last walked (see {@link LinkScanner}), the label run last
 * read forward, and whether the text carries a shop-token cue at all.
 */
public final class DetectorScratch {
    // One number chain (NumberScanner): folded index of each group's first and last character, the
    // index of its first digit in digits, and whether whitespace preceded it.
    final int[] groupFirst = new int[NumberScanner.MAX_GROUPS];
    final int[] groupLast = new int[NumberScanner.MAX_GROUPS];
    final int[] groupDigitStart = new int[NumberScanner.MAX_GROUPS + 1];
    final boolean[] spaceBefore = new boolean[NumberScanner.MAX_GROUPS + 1];
    final int[] digits = new int[NumberScanner.MAX_GROUPS * 24];

    // The last chain of domain labels walked (LinkScanner): label i spans [labelStart[i], labelEnd[i]);
    // for a walk starting in label i, bestLabel[i] is the label the longest domain ends with (or -1)
    // and bestObfuscated[i] whether an obfuscated dot lies before it.
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

    // The link last tried (LinkScanner.urlAt): its first label's start, the index it returned and
    // whether it found nothing; every glued "dot" of one long word leads back to the same start.
    int triedStart = -1;
    int triedEnd = -1;
    boolean triedFailed;

    // The longest run of label characters known so far, [knownRunStart, knownRunEnd): the character
    // before knownRunStart is not a label character (or is the start of the text). Triggers come in
    // text order, so finding the start of the word before each dot reads every character once.
    int knownRunStart;
    int knownRunEnd;

    /** -1 unknown, 0 no, 1 yes: whether the text carries a shop-token cue anywhere (read once per text). */
    int shopCue = -1;

    /** Forgets what was learnt about the previous text. */
    public void reset() {
        labels = 0;
        labelCursor = 0;
        lastLabelCut = false;
        triedStart = -1;
        triedEnd = -1;
        triedFailed = false;
        knownRunStart = 0;
        knownRunEnd = 0;
        shopCue = -1;
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
