package io.redline.text.detect;

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

    // The two chains of domain labels walked last (LinkScanner). Two, because in a run of spaced
    // "dot" words each word is both a label and a separator, so starts alternate between the chain
    // of the odd words and the chain of the even ones: with one remembered chain every start
    // walked the rest of the run again (quadratic; found by LinearScreeningTest on "dot dot dot …").
    LabelChain chain = new LabelChain();
    LabelChain spare = new LabelChain();

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
        chain.reset();
        spare.reset();
        triedStart = -1;
        triedEnd = -1;
        triedFailed = false;
        knownRunStart = 0;
        knownRunEnd = 0;
        shopCue = -1;
    }

    /** Makes the remembered chain the current one and the current one the spare. */
    void swapChains() {
        LabelChain c = chain;
        chain = spare;
        spare = c;
    }
}
