package io.redline.text.match;

import java.util.Arrays;

/**
 * Per-thread working memory for one screening, reused from call to call so the hot path
 * allocates nothing per character (arrays only grow, to the longest text seen).
 *
 * <p>Holds the folded stream for detectors (every non-invisible character, folded, with its
 * original span), a ring of the last compacted positions for match validation, and the raw
 * matches of a pass.
 */
public final class Scratch {
    // Folded stream: entry (folded code point | FoldTable.NOISE) and original start; an entry ends
    // where the next one with a different start begins (see end()).
    public int[] fcp = new int[256];
    public int[] fstart = new int[256];
    public int fn;
    // Indices into the folded stream where a detector may start (FoldTable.TRIGGER).
    public int[] trig = new int[64];
    public int tn;

    int[] growTriggers() {
        trig = Arrays.copyOf(trig, trig.length * 2);
        return trig;
    }


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

    // General-purpose int lists for the caller (candidates, selections).
    public final IntList a = new IntList();
    public final IntList b = new IntList();
    public final IntList c = new IntList();
    public final IntList d = new IntList();
    public final IntList e = new IntList();
    public final IntList f = new IntList();
    public final IntList sel = new IntList();
    public final IntList allowStart = new IntList();
    public final IntList allowEnd = new IntList();
    public final java.util.ArrayList<Object> objects = new java.util.ArrayList<>();
    public final io.redline.text.detect.DetectorScratch detectorWork = new io.redline.text.detect.DetectorScratch();

    private char[] chars = new char[256];
    private long[] allowSpans = new long[16];
    private int[] allowMaxEnd = new int[16];

    /** A reusable long array of at least n elements for allowed spans. */
    public long[] allowSpans(int n) {
        if (allowSpans.length < n) {
            allowSpans = new long[Math.max(n, allowSpans.length * 2)];
        }
        return allowSpans;
    }

    /** A reusable int array of at least n elements for the running maximum of allowed ends. */
    public int[] allowMaxEnd(int n) {
        if (allowMaxEnd.length < n) {
            allowMaxEnd = new int[Math.max(n, allowMaxEnd.length * 2)];
        }
        return allowMaxEnd;
    }

    private long[] longs = new long[64];

    /** A reusable char array of at least n elements (contents undefined). */
    char[] chars(int n) {
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        return chars;
    }

    private int[] ints = new int[64];

    /** A reusable long array of at least n elements (contents undefined). */
    public long[] longs(int n) {
        if (longs.length < n) {
            longs = new long[Math.max(n, longs.length * 2)];
        }
        return longs;
    }

    private boolean[] flags = new boolean[64];

    /** A reusable boolean array of at least n elements, all false (callers clear what they set). */
    public boolean[] flags(int n) {
        if (flags.length < n) {
            flags = new boolean[Math.max(n, flags.length * 2)];
        }
        return flags;
    }

    /** A reusable int array of at least n elements (contents undefined). */
    public int[] ints(int n) {
        if (ints.length < n) {
            ints = new int[Math.max(n, ints.length * 2)];
        }
        return ints;
    }

    void prepare(int textLength, int maxPatternLength) {
        if (fcp.length < textLength + 16) {
            int cap = Math.max(textLength + 16, fcp.length * 2);
            fcp = new int[cap];
            fstart = new int[cap];
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

    /** A growable int array without boxing. */
    public static final class IntList {
        private int[] values = new int[32];
        private int size;

        public void clear() {
            size = 0;
        }

        public int size() {
            return size;
        }

        public int get(int i) {
            return values[i];
        }

        public void set(int i, int v) {
            values[i] = v;
        }

        public void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }
}
