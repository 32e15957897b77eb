package io.redline.text.normalize;

/**
 * Stage 4: characters that render as nothing are removed.
 *
 * <p>Unicode's Default_Ignorable_Code_Point covers zero-width space and joiners, BOM, bidi
 * controls, variation selectors, soft hyphen, Hangul fillers and tag characters; to those we add
 * every format character and every combining mark, because a mark standing alone after folding
 * (accented letters were already folded to their base) only serves to split a word. The set is
 * generated from ICU's properties at build time ({@link FoldData}).
 */
public final class InvisibleChars {
    private InvisibleChars() {}

    public static boolean isInvisible(int cp) {
        return CharClasses.get().invisible.get(cp);
    }

    /** Removes invisible characters from s. */
    public static String apply(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !isInvisible(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
