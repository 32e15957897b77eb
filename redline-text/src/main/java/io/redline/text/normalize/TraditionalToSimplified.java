package io.redline.text.normalize;

/**
 * Stage 2: traditional → simplified Chinese, one code point at a time: ICU's {@code
 * Traditional-Simplified} for every ideograph of the BMP, tabulated at build time ({@link FoldData})
 * because the transliterator costs microseconds per call and seconds for the whole range.
 */
public final class TraditionalToSimplified {
    private TraditionalToSimplified() {}

    /** The simplified form of cp, or null when cp has none (already simplified, or not Han). */
    public static String map(int cp) {
        return FoldData.get().traditional.get(cp);
    }

    /** Applies the mapping to each code point of s. */
    public static String apply(String s) {
        return FoldData.apply(FoldData.get().traditional, s);
    }

    /** Number of characters that have a simplified form (for documentation and tests). */
    public static int size() {
        return FoldData.get().traditional.size();
    }
}
