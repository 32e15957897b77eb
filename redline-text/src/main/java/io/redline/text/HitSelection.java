package io.redline.text;

import java.util.Arrays;

/**
 * Chooses which candidates become hits: candidates lying entirely inside an allowed phrase are
 * dropped; lexicon candidates are reduced to the leftmost-longest non-overlapping set per category
 * (two categories may overlap: a term can be drainage and ads at once); detector candidates are
 * all kept, once each. Per-thread working memory: arrays only grow, nothing is allocated per
 * candidate.
 */
final class HitSelection {
    private int[] allowStart = new int[16];
    private int[] allowEnd = new int[16];
    private int allowCount;
    /** Allowed spans sorted as (start << 32 | end), and the running maximum of their ends. */
    private long[] allowSpans = new long[16];

    private int[] allowMaxEnd = new int[16];

    private long[] keys = new long[64];
    private int[] candidateOf = new int[64];
    private boolean[] kept = new boolean[64];
    private int[] selected = new int[64];
    private int selectedCount;
    private final KeySort sort = new KeySort();

    void clear() {
        allowCount = 0;
        selectedCount = 0;
        sort.work = 0;
    }

    /** Keys moved and compared while sorting since {@link #clear}: selection's share of the counted work. */
    long work() {
        return sort.work;
    }

    /** An occurrence of an allowed phrase: candidates inside it are dropped. */
    void allow(int start, int end) {
        if (allowCount == allowStart.length) {
            allowStart = Arrays.copyOf(allowStart, allowCount * 2);
            allowEnd = Arrays.copyOf(allowEnd, allowCount * 2);
        }
        allowStart[allowCount] = start;
        allowEnd[allowCount] = end;
        allowCount++;
    }

    /** The k-th selected candidate (an index into the candidates), 0 ≤ k < the count {@link #select} returned. */
    int selected(int k) {
        return selected[k];
    }

    /** Selects among the candidates; returns how many were kept (see {@link #selected}). */
    int select(Candidates c) {
        int n = c.size();
        grow(n);
        selectedCount = 0;
        prepareAllowed();
        selectDetections(c, n);
        selectTerms(c, n);
        return selectedCount;
    }

    /**
     * Detector candidates: the first of equal ones (same span, category and severity) is kept.
     * Sorting finds the duplicates in linear time; comparing each with all before it was quadratic
     * in a text of many contact details. They are kept in candidate order.
     */
    private void selectDetections(Candidates c, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (c.isDetection(i) && !allowed(c.start(i), c.end(i))) {
                // start and end < 2^24, category < 256, severity < 128: 63 bits.
                keys[m] = ((long) c.start(i) << 39)
                        | ((long) c.end(i) << 15)
                        | ((long) c.category(i) << 7)
                        | c.severity(i);
                candidateOf[m] = i;
                m++;
            }
        }
        if (m == 0) {
            return;
        }
        sort.sort(keys, candidateOf, m);
        for (int k = 0; k < m; ) {
            int first = candidateOf[k];
            int r = k + 1;
            while (r < m && keys[r] == keys[k]) {
                first = Math.min(first, candidateOf[r]);
                r++;
            }
            kept[first] = true;
            k = r;
        }
        for (int i = 0; i < n; i++) {
            if (kept[i]) {
                kept[i] = false;
                selected[selectedCount++] = i;
            }
        }
    }

    /**
     * Lexicon candidates, per category, leftmost first, longest first at the same start, highest
     * severity first at the same span; a candidate overlapping the last kept one is dropped.
     */
    private void selectTerms(Candidates c, int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (c.isDetection(i) || allowed(c.start(i), c.end(i))) {
                continue;
            }
            keys[m] = ((long) c.category(i) << 55)
                    | ((long) c.start(i) << 31)
                    | ((long) (Screener.MAX_TEXT_LENGTH - c.end(i)) << 7)
                    | (127 - c.severity(i));
            candidateOf[m] = i;
            m++;
        }
        sort.sort(keys, candidateOf, m);
        int lastCategory = -1;
        int lastEnd = -1;
        for (int k = 0; k < m; k++) {
            int i = candidateOf[k];
            if (c.category(i) != lastCategory) {
                lastCategory = c.category(i);
                lastEnd = -1;
            }
            if (c.start(i) >= lastEnd) {
                selected[selectedCount++] = i;
                lastEnd = c.end(i);
            }
        }
    }

    /**
     * Sorts the allowed spans by start and records the running maximum of their ends, so "is
     * [start, end) inside some allowed span" is one binary search however many spans a long text has.
     */
    private void prepareAllowed() {
        if (allowCount == 0) {
            return;
        }
        if (allowSpans.length < allowCount) {
            allowSpans = new long[Math.max(allowCount, allowSpans.length * 2)];
            allowMaxEnd = new int[allowSpans.length];
        }
        for (int k = 0; k < allowCount; k++) {
            allowSpans[k] = ((long) allowStart[k] << 32) | allowEnd[k];
        }
        Arrays.sort(allowSpans, 0, allowCount);
        int max = 0;
        for (int k = 0; k < allowCount; k++) {
            max = Math.max(max, (int) allowSpans[k]);
            allowMaxEnd[k] = max;
        }
    }

    private boolean allowed(int start, int end) {
        if (allowCount == 0) {
            return false;
        }
        int lo = 0;
        int hi = allowCount - 1;
        int last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((int) (allowSpans[mid] >>> 32) <= start) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last >= 0 && allowMaxEnd[last] >= end;
    }

    private void grow(int n) {
        if (keys.length < n) {
            int cap = Math.max(n, keys.length * 2);
            keys = new long[cap];
            candidateOf = new int[cap];
            kept = new boolean[cap];
            selected = new int[cap];
        }
    }
}
