package io.redline.text.normalize;

import com.ibm.icu.text.Transliterator;
import java.util.HashMap;
import java.util.Map;

/**
 * Stage 2: traditional → simplified Chinese, one code point at a time.
 *
 * <p>ICU's {@code Traditional-Simplified} transliterator costs microseconds per call, so the
 * mapping is computed once, for every ideograph in the BMP, by transliterating one long string
 * of newline-separated characters, and kept as a table of the characters that change.
 */
public final class TraditionalToSimplified {
    private static final Map<Integer, String> TABLE = build();

    private TraditionalToSimplified() {}

    /** The simplified form of cp, or null when cp has none (already simplified, or not Han). */
    public static String map(int cp) {
        return TABLE.get(cp);
    }

    /** Applies the mapping to each code point of s. */
    public static String apply(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String m = TABLE.get(cp);
            if (m == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(m);
            }
        });
        return out.toString();
    }

    /** Number of characters that have a simplified form (for documentation and tests). */
    public static int size() {
        return TABLE.size();
    }

    private static Map<Integer, String> build() {
        int[][] ranges = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (int[] r : ranges) {
            for (int cp = r[0]; cp <= r[1]; cp++) {
                sb.appendCodePoint(cp).append('\n');
            }
        }
        String[] pieces = Transliterator.getInstance("Traditional-Simplified")
                .transliterate(sb.toString())
                .split("\n", -1);
        Map<Integer, String> table = new HashMap<>(8192);
        int i = 0;
        for (int[] r : ranges) {
            for (int cp = r[0]; cp <= r[1]; cp++, i++) {
                String piece = pieces[i];
                if (!piece.isEmpty() && !(piece.codePointCount(0, piece.length()) == 1 && piece.codePointAt(0) == cp)) {
                    table.put(cp, piece);
                }
            }
        }
        if (i + 1 != pieces.length) {
            throw new IllegalStateException(
                    "Traditional-Simplified table misaligned: " + pieces.length + " pieces for " + i + " characters");
        }
        return Map.copyOf(table);
    }
}
