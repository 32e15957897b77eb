package io.redline.text.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;

/**
 * Stage 1: compatibility (NFKC) folding followed by full case folding.
 *
 * <p>NFKC turns full-width letters and digits, ligatures, circled and parenthesised
 * letters/digits, mathematical alphanumerics, Kangxi radicals and compatibility ideographs into
 * their plain forms; case folding makes {@code ＷＥＣＨＡＴ}, {@code WeChat} and {@code wechat}
 * one string. Used only to build {@link FoldTable}; never called per character at screening time.
 */
public final class WidthCaseFold {
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private WidthCaseFold() {}

    /** Folds a string; the result is stable under a second application. */
    public static String apply(String s) {
        String out = s;
        // NFKC and case folding do not commute for a handful of characters; two rounds reach the fixpoint.
        for (int round = 0; round < 3; round++) {
            String next = UCharacter.foldCase(NFKC.normalize(out), true);
            if (next.equals(out)) {
                return out;
            }
            out = next;
        }
        return out;
    }

    /** Cheap pre-check used while building tables: true when {@link #apply} leaves cp alone. */
    static boolean isIdentity(int cp) {
        return NFKC.isInert(cp)
                && UCharacter.foldCase(cp, true) == cp
                && !(cp == 0x130 || cp == 0xDF || (cp >= 0xFB00 && cp <= 0xFB17));
    }
}
