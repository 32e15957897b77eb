package io.redline.text.generate;

import java.util.HashMap;
import java.util.Map;

/**
 * The curated look-alike list (our own): Cyrillic and Greek letters that look like Latin ones,
 * Latin letters without a decomposition that still read as a plain letter, letter-like symbols and
 * small capitals. Case folding runs first, so lower case is enough. {@link TextDataGenerator}
 * writes it, with ICU's diacritic stripping, into the generated fold data.
 */
final class LookalikeList {
    static final Map<Integer, String> CURATED = curated();

    private LookalikeList() {}

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
