package io.redline.text.normalize;

/**
 * Stage 5 (classification): which characters are noise the matcher may skip between the
 * characters of a term. Everything that is not a letter, a number or a mark is noise: spaces,
 * punctuation, symbols, emoji, controls, private-use and unassigned code points (ICU's general
 * categories, tabulated at build time in {@link FoldData}, read through {@link CharClasses}).
 */
public final class NoiseClass {
    private NoiseClass() {}

    public static boolean isNoise(int cp) {
        return CharClasses.get().noise.get(cp);
    }

    /** True for currency symbols (general category Sc). */
    public static boolean isCurrency(int cp) {
        return CharClasses.get().currency.get(cp);
    }
}
