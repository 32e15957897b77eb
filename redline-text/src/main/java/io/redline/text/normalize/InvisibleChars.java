package io.redline.text.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * Stage 4: characters that render as nothing are removed.
 *
 * <p>Unicode's Default_Ignorable_Code_Point covers zero-width space and joiners, BOM, bidi
 * controls, variation selectors, soft hyphen, Hangul fillers and tag characters; to those we add
 * every format character and every combining mark, because a mark standing alone after folding
 * (accented letters were already folded to their base) only serves to split a word.
 */
public final class InvisibleChars {
    private InvisibleChars() {}

    public static boolean isInvisible(int cp) {
        if (cp >= 0xE0000 && cp <= 0xE0FFF) {
            return true;
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return true;
        }
        int type = UCharacter.getType(cp);
        return type == UCharacter.FORMAT || type == UCharacter.NON_SPACING_MARK || type == UCharacter.ENCLOSING_MARK;
    }

    /** Removes invisible characters from s. */
    public static String apply(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(cp -> !isInvisible(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
