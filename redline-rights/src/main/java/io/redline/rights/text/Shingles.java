package io.redline.rights.text;

import io.redline.text.normalize.FoldTable;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Text → the set of its character shingles, as 64-bit hashes, after the normalisation that
 * light edits must not survive.
 *
 * <p>Hashtags ({@code #话题#}, {@code #tag}) are removed first. The text is then cut into
 * sentences, and each sentence is folded with redline-text's {@link FoldTable} (full-width,
 * case, traditional → simplified, look-alikes, invisible characters) keeping only letters and
 * digits: punctuation, spaces and emoji disappear. Shingles never span two sentences, so
 * reordering the sentences leaves the set unchanged; a sentence shorter than a shingle is one
 * shingle of its own.
 */
public final class Shingles {
    /** Bounds the work per text: a note is at most a few thousand characters. */
    public static final int TEXT_CHARS_MAX = 100_000;

    private static final Pattern HASHTAG = Pattern.compile("#[^#\\s]{1,40}#?");
    private static final FoldTable FOLD = FoldTable.of(FoldTable.ALL);

    private final int shingleChars;

    public Shingles(int shingleChars) {
        if (shingleChars < 1 || shingleChars > 16) throw new IllegalArgumentException("shingleChars must be 1..16");
        this.shingleChars = shingleChars;
    }

    /** The distinct shingle hashes of a text, sorted; empty when nothing but noise remains. */
    public long[] of(CharSequence text) {
        if (text.length() > TEXT_CHARS_MAX) {
            throw new IllegalArgumentException(
                    "text has " + text.length() + " characters, over the limit of " + TEXT_CHARS_MAX);
        }
        // Most texts have no hashtag: skip the regex and the copy of the text it makes (a quarter of
        // this method's profile samples on bench/http.sh traffic, where every accepted item is shingled).
        CharSequence plain =
                indexOf(text, '#') < 0 ? text : HASHTAG.matcher(text).replaceAll(" ");
        int[] sentence = new int[64];
        long[] out = new long[64];
        int count = 0;
        int len = 0;
        for (int i = 0, n = plain.length(); i <= n; ) {
            int cp = i < n ? Character.codePointAt(plain, i) : '\n';
            i += i < n ? Character.charCount(cp) : 1;
            if (isSentenceEnd(cp)) {
                if (len > 0) {
                    int shingles = Math.max(1, len - shingleChars + 1);
                    if (count + shingles > out.length)
                        out = Arrays.copyOf(out, Math.max(out.length * 2, count + shingles));
                    for (int s = 0; s < shingles; s++)
                        out[count++] = hash(sentence, s, Math.min(len, s + shingleChars));
                }
                len = 0;
                continue;
            }
            int e = FOLD.entry(cp);
            if ((e & FoldTable.DROP) != 0) continue;
            if ((e & FoldTable.EXPAND) != 0) {
                int at = e & FoldTable.VALUE_MASK;
                int parts = FOLD.pool()[at];
                for (int k = 1; k <= parts; k++) {
                    int part = FOLD.pool()[at + k];
                    if ((part & FoldTable.NOISE) == 0) sentence = append(sentence, len++, part & FoldTable.VALUE_MASK);
                }
            } else if ((e & FoldTable.NOISE) == 0) {
                sentence = append(sentence, len++, e & FoldTable.VALUE_MASK);
            }
        }
        long[] sorted = Arrays.copyOf(out, count);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) sorted[distinct++] = sorted[i];
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** Exact Jaccard similarity of two sorted shingle sets (the brute-force reference). */
    public static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) return 0;
        int i = 0, j = 0, both = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                both++;
                i++;
                j++;
            } else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double) both / (a.length + b.length - both);
    }

    private static int indexOf(CharSequence text, char c) {
        for (int i = 0, n = text.length(); i < n; i++) if (text.charAt(i) == c) return i;
        return -1;
    }

    private static int[] append(int[] buf, int at, int cp) {
        if (at == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        buf[at] = cp;
        return buf;
    }

    private static boolean isSentenceEnd(int cp) {
        return switch (cp) {
            case '。', '！', '？', '!', '?', '；', ';', '\n', '\r', '…', '.', '｡', '．' -> true;
            default -> false;
        };
    }

    private static long hash(int[] cps, int from, int to) {
        long h = 0x9E3779B97F4A7C15L * (to - from);
        for (int i = from; i < to; i++) h = (h ^ cps[i]) * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        return mix(h);
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
