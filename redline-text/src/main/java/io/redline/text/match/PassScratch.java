package io.redline.text.match;

import java.util.Arrays;

/**
 * Working memory of one {@link Pass}, reused from call to call so the hot path allocates nothing
 * per character (arrays only grow, to the longest text seen).
 *
 * <p>Holds the folded stream for detectors (every non-invisible character, folded, with its
 * original span), the detector trigger positions, a ring of the last compacted positions for
 * match validation, the raw matches of the pass, and the count of work done.
 */
public final class PassScratch {
    // Folded stream: entry (folded code point | FoldTable.NOISE) and original start; an entry ends
    // where the next one with a different start begins (see end()).
    public int[] fcp = new int[256];
    public int[] fstart = new int[256];
    public int fn;
    // Indices into the folded stream where a detector may start (FoldTable.TRIGGER); as long as the
    // folded stream, so the pass can write every index and keep only the triggers' (see Pass.fold).
    public int[] trig = new int[256];
    public int tn;

    // Ring of compacted positions: folded-stream index of the first and of the last character of
    // the position (they differ when repeats were collapsed into it).
    int[] rfirst = new int[64];
    int[] rlast = new int[64];
    int rmask = 63;

    /**
     * Units of work done since the caller last reset it: one per character folded or stepped, per
     * match check, per folded character a detector read, per candidate selected. Deterministic,
     * unlike time, so tests can prove that screening stays linear in the text length.
     */
    public long work;

    // Raw matches of the last pass: pattern id, original start, original end.
    public int[] mPid = new int[64];
    public int[] mStart = new int[64];
    public int[] mEnd = new int[64];
    public int mn;

    private char[] chars = new char[256];

    /** A reusable char array of at least n elements (contents undefined). */
    char[] chars(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        return chars;
    }

    void prepare(int textLength, int maxPatternLength) {
        if (fcp.length < textLength + 16) {
            int cap = Math.max(textLength + 16, fcp.length * 2);
            fcp = new int[cap];
            fstart = new int[cap];
            trig = new int[cap];
        }
        fn = 0;
        mn = 0;
        int ring = Integer.highestOneBit(Math.max(8, maxPatternLength + 2) * 2 - 1);
        if (rfirst.length < ring) {
            rfirst = new int[ring];
            rlast = new int[ring];
            rmask = ring - 1;
        }
    }

    void growFolded(int needed) {
        if (fcp.length < needed) {
            int cap = Math.max(needed, fcp.length * 2);
            fcp = Arrays.copyOf(fcp, cap);
            fstart = Arrays.copyOf(fstart, cap);
            trig = Arrays.copyOf(trig, cap);
        }
    }

    void addMatch(int pid, int start, int end) {
        if (mn == mPid.length) {
            mPid = Arrays.copyOf(mPid, mn * 2);
            mStart = Arrays.copyOf(mStart, mn * 2);
            mEnd = Arrays.copyOf(mEnd, mn * 2);
        }
        mPid[mn] = pid;
        mStart[mn] = start;
        mEnd[mn] = end;
        mn++;
    }
}
