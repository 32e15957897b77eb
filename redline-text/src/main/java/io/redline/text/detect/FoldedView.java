package io.redline.text.detect;

import io.redline.text.match.Pass;
import io.redline.text.normalize.DigitForms;
import io.redline.text.normalize.FoldTable;

/**
 * The folded stream the detectors read: every visible character of the text after width, case,
 * traditional and look-alike folding, noise kept, each with its span in the original text.
 * A view over arrays filled by the screening pass; nothing is copied.
 */
public final class FoldedView {
    private final CharSequence text;
    private final int[] cps;
    private final int[] starts;
    private final int n;
    private long reads;

    /**
     * Whether reads are counted ({@code -Dredline.text.countWork=true}, set by the tests that
     * prove screening linear). Off in production: a constant false lets the JIT drop the counting
     * from every read, which otherwise cost about 5% of the full chain's throughput.
     */
    static final boolean COUNT_READS = Boolean.getBoolean("redline.text.countWork");

    /**
     * @param cps    fold-table entries (folded code point with the {@link FoldTable} flags, the
     *               {@link FoldTable#TRIGGER} mark included, as the screening pass writes them)
     * @param starts original start of each entry, with {@link Pass#PAIR} set when the original
     *               character is a surrogate pair (two UTF-16 units)
     */
    public FoldedView(CharSequence text, int[] cps, int[] starts, int n) {
        this.text = text;
        this.cps = cps;
        this.starts = starts;
        this.n = n;
    }

    /** A view over a text folded with the given table (for tests and tools; allocates). */
    public static FoldedView of(CharSequence text, FoldTable table) {
        int[] cps = new int[text.length() * 18 + 4];
        int[] starts = new int[cps.length];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            int next = i + Character.charCount(cp);
            int e = table.entry(cp);
            if ((e & FoldTable.DROP) == 0) {
                if ((e & FoldTable.EXPAND) != 0) {
                    int at = e & FoldTable.VALUE_MASK;
                    for (int k = 1; k <= table.pool()[at]; k++) {
                        cps[n] = table.pool()[at + k];
                        starts[n++] = i | (next - i == 2 ? Pass.PAIR : 0);
                    }
                } else {
                    cps[n] = e;
                    starts[n++] = i | (next - i == 2 ? Pass.PAIR : 0);
                }
            }
            i = next;
        }
        return new FoldedView(text, cps, starts, n);
    }

    /**
     * Folded characters read so far through this view when {@link #COUNT_READS} is on, else 0: the
     * detectors' share of the work counted to prove screening linear (see {@code PassScratch.work}).
     */
    public long reads() {
        return reads;
    }

    public int size() {
        return n;
    }

    /** The folded code point at k, or -1 outside the view. */
    public int cp(int k) {
        if (COUNT_READS) {
            reads++;
        }
        return k >= 0 && k < n ? cps[k] & FoldTable.VALUE_MASK : -1;
    }

    public boolean isNoise(int k) {
        if (COUNT_READS) {
            reads++;
        }
        return k >= 0 && k < n && (cps[k] & FoldTable.NOISE) != 0;
    }

    /**
     * The digit value at k in any digit form (ASCII, full-width, circled, Chinese numerals), or -1.
     * Every digit form is a detector trigger, so an entry without {@link FoldTable#TRIGGER} is
     * answered from the entry itself: the digit table is not read for the Han character after a
     * number (99小时), a read that misses the cache as often as the text changes characters.
     */
    public int digit(int k) {
        if (COUNT_READS) {
            reads++;
        }
        if (k < 0 || k >= n) {
            return -1;
        }
        int e = cps[k];
        return (e & FoldTable.TRIGGER) == 0 ? -1 : DigitForms.value(e & FoldTable.VALUE_MASK);
    }

    public boolean isAsciiLetter(int k) {
        int c = cp(k);
        return c >= 'a' && c <= 'z';
    }

    public boolean isAsciiAlnum(int k) {
        int c = cp(k);
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    public boolean isSpace(int k) {
        int c = cp(k);
        return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0;
    }

    /** True when the folded characters from k spell s exactly. */
    public boolean matches(int k, String s) {
        int j = k;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (cp(j) != c) {
                return false;
            }
            j++;
            i += Character.charCount(c);
        }
        return true;
    }

    /** True when the folded characters from k are the code points of s, in order. */
    public boolean matches(int k, int[] s) {
        for (int i = 0; i < s.length; i++) {
            if (cp(k + i) != s[i]) {
                return false;
            }
        }
        return true;
    }

    public int start(int k) {
        return starts[k] & Pass.OFFSET_MASK;
    }

    public int end(int k) {
        int s = starts[k];
        return (s & Pass.OFFSET_MASK) + ((s & Pass.PAIR) != 0 ? 2 : 1);
    }

    public CharSequence text() {
        return text;
    }

    /** The folded characters [from, to) as a string. */
    public String folded(int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int k = from; k < to; k++) {
            sb.appendCodePoint(cp(k));
        }
        return sb.toString();
    }
}
