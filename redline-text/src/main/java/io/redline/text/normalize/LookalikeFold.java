package io.redline.text.normalize;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import java.util.HashMap;
import java.util.Map;

/**
 * Stage 3: look-alike folding onto Latin.
 *
 * <p>A curated table (our own) maps Cyrillic and Greek letters that look like Latin letters,
 * and letter-like symbols, to the Latin letter a reader sees; Latin letters with diacritics fold
 * to their base letter ({@code viágra} → {@code viagra}). Sigma folds to c: after NFKC and case
 * folding the lunate sigma ϲ, used for c, arrives as σ. We chose a curated table over ICU's
 * confusable skeletons because skeletons also map digits to letters ({@code 0} → {@code O},
 * {@code 1} → {@code l}), which would destroy phone numbers and ids, and produce prototypes
 * (e.g. {@code m} → {@code rn}) that would make lexicon terms unmatchable. Expects case-folded input.
 */
public final class LookalikeFold {
    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final Map<Integer, String> CURATED = curated();

    private LookalikeFold() {}

    /** The Latin look-alike of cp, or null when cp is not folded. */
    public static String map(int cp) {
        if (cp < 0x80) {
            return null;
        }
        String m = CURATED.get(cp);
        if (m != null) {
            return m;
        }
        // Latin letter + combining marks (é, ñ, ǎ, ü) → the base letter; covers pinyin tone marks too.
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

    /** Applies the mapping to each code point of s. */
    public static String apply(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String m = map(cp);
            if (m == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(m);
            }
        });
        return out.toString();
    }

    private static Map<Integer, String> curated() {
        Map<Integer, String> m = new HashMap<>();
        // Cyrillic (lower case; case folding runs first).
        put(m, "аa вb еe ёe һh іi їi јj кk мm нh оo рp сc тt уy ўy хx ѕs ԁd ԛq ԝw ѡw ɡg ӏl ҽe ӕae");
        // Greek.
        put(m, "αa βb γy δd εe ζz ηn ιi κk νv οo ρp σc τt υu χx ωw ϲc ϳj ϵe ϱp ϰk");
        // Latin letters without a decomposition that still read as a plain letter, and letter-like symbols.
        put(
                m,
                "ıi ȷj łl đd ðd øo ħh ŧt ƀb ɓb ƈc ɗd ɠg ɦh ɨi ʝj ƙk ɱm ɲn ɵo ƥp ʠq ɽr ʂs ƭt ʋv ⱳw ƴy ȥz "
                        + "ℓl ℮e ⍺a ⍳i ⍴p ⍵w ⅽc ⅾd ⅿm ꭺa ꮃw ɑa ɩi ʏy ᴀa ʙb ᴄc ᴅd ᴇe ɢg ʜh ɪi ᴊj ᴋk ʟl ᴍm ɴn ᴏo ᴘp ʀr ꜱs ᴛt ᴜu ᴠv ᴡw ᴢz");
        return Map.copyOf(m);
    }

    private static void put(Map<Integer, String> m, String pairs) {
        for (String pair : pairs.split(" ")) {
            int from = pair.codePointAt(0);
            m.put(from, pair.substring(Character.charCount(from)));
        }
    }
}
