package io.redline.text.normalize;

import java.util.Arrays;

/**
 * The normalisation chain applied to a whole text, producing a {@link NormalizedText} with its
 * offset map. This is the allocating, readable twin of the screening hot loop
 * ({@code io.redline.text.match.Pass}), with identical semantics; it normalises lexicon terms
 * at compile time and serves tests and the console ("what did the engine see?").
 */
public final class Normalizer {
    private final FoldTable table;
    private final boolean skipNoise;
    private final boolean collapseRepeats;

    /**
     * @param table           folding table, or null for raw code points
     * @param skipNoise       drop noise characters (the matcher bounds how many may sit between term characters)
     * @param collapseRepeats collapse runs of one character into one position
     */
    public Normalizer(FoldTable table, boolean skipNoise, boolean collapseRepeats) {
        this.table = table;
        this.skipNoise = skipNoise;
        this.collapseRepeats = collapseRepeats;
    }

    /** The full chain: all folding stages, noise skipping, repeat collapsing. */
    public static Normalizer full() {
        return new Normalizer(FoldTable.of(FoldTable.ALL), true, true);
    }

    public NormalizedText normalize(CharSequence text) {
        int n = text.length();
        int[] cps = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int[] runs = new int[n];
        int[] gaps = new int[n];
        int pos = 0;
        int gap = 0;
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(text, i);
            int next = i + Character.charCount(cp);
            int e = table == null ? cp : table.entry(cp);
            int[] parts;
            if ((e & FoldTable.DROP) != 0) {
                parts = new int[0];
            } else if ((e & FoldTable.EXPAND) != 0) {
                int at = e & FoldTable.VALUE_MASK;
                parts = Arrays.copyOfRange(table.pool(), at + 1, at + 1 + table.pool()[at]);
            } else {
                parts = new int[] {e};
            }
            for (int part : parts) {
                if ((part & FoldTable.NOISE) != 0 && skipNoise) {
                    gap++;
                    continue;
                }
                int v = part & FoldTable.VALUE_MASK;
                if (collapseRepeats && pos > 0 && cps[pos - 1] == v) {
                    ends[pos - 1] = next;
                    runs[pos - 1]++;
                    continue;
                }
                if (pos == cps.length) {
                    int cap = cps.length * 2 + 4;
                    cps = Arrays.copyOf(cps, cap);
                    starts = Arrays.copyOf(starts, cap);
                    ends = Arrays.copyOf(ends, cap);
                    runs = Arrays.copyOf(runs, cap);
                    gaps = Arrays.copyOf(gaps, cap);
                }
                cps[pos] = v;
                starts[pos] = i;
                ends[pos] = next;
                runs[pos] = 1;
                gaps[pos] = gap;
                gap = 0;
                pos++;
            }
            i = next;
        }
        return new NormalizedText(
                Arrays.copyOf(cps, pos),
                Arrays.copyOf(starts, pos),
                Arrays.copyOf(ends, pos),
                Arrays.copyOf(runs, pos),
                Arrays.copyOf(gaps, pos));
    }

    /** Just the normalised string (same result as {@code normalize(text).text()}, without the offset map). */
    public String normalizeToString(CharSequence text) {
        return normalizeToString(text, 0, text.length());
    }

    /** The normalised string of {@code text[start, end)}, without copying the range first. */
    public String normalizeToString(CharSequence text, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        int prev = -1;
        for (int i = start; i < end; ) {
            int cp = Character.codePointAt(text, i);
            if (Character.charCount(cp) == 2 && i + 1 >= end) {
                cp = text.charAt(i); // a range ending inside a surrogate pair
            }
            i += Character.charCount(cp);
            int e = table == null ? cp : table.entry(cp);
            if ((e & FoldTable.DROP) != 0) {
                continue;
            }
            int count = 1;
            int at = 0;
            if ((e & FoldTable.EXPAND) != 0) {
                at = (e & FoldTable.VALUE_MASK) + 1;
                count = table.pool()[at - 1];
            }
            for (int k = 0; k < count; k++) {
                int part = at == 0 ? e : table.pool()[at + k];
                if ((part & FoldTable.NOISE) != 0 && skipNoise) {
                    continue;
                }
                int v = part & FoldTable.VALUE_MASK;
                if (collapseRepeats && v == prev) {
                    continue;
                }
                out.appendCodePoint(v);
                prev = v;
            }
        }
        return out.toString();
    }
}
