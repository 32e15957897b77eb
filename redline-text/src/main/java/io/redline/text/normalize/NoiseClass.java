package io.redline.text.normalize;

import com.ibm.icu.lang.UCharacter;

/**
 * Stage 5 (classification): which characters are noise the matcher may skip between the
 * characters of a term. Everything that is not a letter, a number or a mark is noise: spaces,
 * punctuation, symbols, emoji, controls, private-use and unassigned code points.
 */
public final class NoiseClass {
    private NoiseClass() {}

    public static boolean isNoise(int cp) {
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
}
