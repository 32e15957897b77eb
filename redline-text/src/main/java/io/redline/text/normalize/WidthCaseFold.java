package io.redline.text.normalize;

/**
 * Stage 1: compatibility (NFKC) folding followed by full case folding.
 *
 * <p>NFKC turns full-width letters and digits, ligatures, circled and parenthesised
 * letters/digits, mathematical alphanumerics, Kangxi radicals and compatibility ideographs into
 * their plain forms; case folding makes {@code ＷＥＣＨＡＴ}, {@code WeChat} and {@code wechat}
 * one string. The mapping per code point is generated from ICU at build time ({@link FoldData});
 * used only to build {@link FoldTable}, never per character at screening time.
 */
public final class WidthCaseFold {
    private WidthCaseFold() {}

    /** Folds each code point of s; the result is stable under a second application. */
    public static String apply(String s) {
        return FoldData.apply(FoldData.get().widthCase, s);
    }

    /** True when {@link #apply} leaves cp alone. */
    static boolean isIdentity(int cp) {
        return !FoldData.get().widthCase.containsKey(cp);
    }
}
