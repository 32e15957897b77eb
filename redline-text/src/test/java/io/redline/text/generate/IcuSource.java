package io.redline.text.generate;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import java.util.HashMap;
import java.util.Map;

/**
 * The folding stages and pinyin readings computed with ICU4J, as the engine computed them at
 * start-up before they became generated resources. Build- and test-time only: {@link
 * TextDataGenerator} writes the resources from these functions, and {@code GeneratedDataTest}
 * checks the checked-in resources still equal what ICU gives.
 */
final class IcuSource {
    static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    static final Normalizer2 NFD = Normalizer2.getNFDInstance();

    private IcuSource() {}

    /** Stage 1: NFKC then full case folding, to a fixpoint. */
    static String widthCase(String s) {
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

    /** Stage 2: ICU {@code Traditional-Simplified} for every ideograph of the BMP, as a table of the ones that change. */
    static Map<Integer, String> traditionalToSimplified() {
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
        return table;
    }

    /** Stage 3: the curated look-alikes, then Latin letters with combining marks to their base letter. */
    static String lookalike(int cp) {
        if (cp < 0x80) {
            return null;
        }
        String m = LookalikeList.CURATED.get(cp);
        if (m != null) {
            return m;
        }
        String d = NFD.getDecomposition(cp);
        if (d != null && !d.isEmpty()) {
            int base = d.codePointAt(0);
            if (base < 0x80 && Character.isLetter(base)) {
                for (int i = Character.charCount(base); i < d.length(); ) {
                    int mark = d.codePointAt(i);
                    int type = UCharacter.getType(mark);
                    if (type != UCharacter.NON_SPACING_MARK && type != UCharacter.COMBINING_SPACING_MARK) {
                        return null;
                    }
                    i += Character.charCount(mark);
                }
                return String.valueOf((char) Character.toLowerCase(base));
            }
        }
        return null;
    }

    /** Stage 4: default-ignorables, format characters, non-spacing and enclosing marks, tags. */
    static boolean invisible(int cp) {
        if (cp >= 0xE0000 && cp <= 0xE0FFF) {
            return true;
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return true;
        }
        int type = UCharacter.getType(cp);
        return type == UCharacter.FORMAT || type == UCharacter.NON_SPACING_MARK || type == UCharacter.ENCLOSING_MARK;
    }

    /** Stage 5: anything that is not a letter, a number or a mark. */
    static boolean noise(int cp) {
        return switch (UCharacter.getType(cp)) {
            case UCharacter.UPPERCASE_LETTER,
                    UCharacter.LOWERCASE_LETTER,
                    UCharacter.TITLECASE_LETTER,
                    UCharacter.MODIFIER_LETTER,
                    UCharacter.OTHER_LETTER,
                    UCharacter.DECIMAL_DIGIT_NUMBER,
                    UCharacter.LETTER_NUMBER,
                    UCharacter.OTHER_NUMBER,
                    UCharacter.NON_SPACING_MARK,
                    UCharacter.COMBINING_SPACING_MARK,
                    UCharacter.ENCLOSING_MARK -> false;
            default -> true;
        };
    }

    static boolean currency(int cp) {
        return UCharacter.getType(cp) == UCharacter.CURRENCY_SYMBOL;
    }

    /**
     * ICU {@code Han-Latin} readings (one per character, the most common) for U+3400..U+9FFF,
     * as tone-marked pinyin; null where ICU gives no reading made of letters.
     */
    static String[] pinyin(int from, int to) {
        StringBuilder sb = new StringBuilder((to - from + 1) * 2);
        for (int cp = from; cp <= to; cp++) {
            sb.appendCodePoint(cp).append('\n');
        }
        String[] pieces = Transliterator.getInstance("Han-Latin")
                .transliterate(sb.toString())
                .split("\n", -1);
        String[] out = new String[to - from + 1];
        for (int cp = from; cp <= to; cp++) {
            String p = pieces[cp - from].strip();
            int space = p.indexOf(' ');
            if (space > 0) {
                p = p.substring(0, space);
            }
            if (p.isEmpty()
                    || !p.chars()
                            .allMatch(c -> c < 0x80
                                    ? Character.isLetter(c)
                                    : Character.isLetter(c) || NFD.getDecomposition(c) != null)) {
                continue;
            }
            StringBuilder plain = new StringBuilder();
            String d = NFD.normalize(p);
            for (int i = 0; i < d.length(); i++) {
                char c = d.charAt(i);
                if (c < 0x300 || c > 0x36F) {
                    plain.append(Character.toLowerCase(c));
                }
            }
            if (plain.isEmpty() || !plain.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                continue;
            }
            out[cp - from] = p;
        }
        return out;
    }
}
