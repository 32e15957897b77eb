package io.redline.vocabulary;

import java.util.Locale;

/**
 * Whether content is AI-generated, as the generative-AI labelling rules grade it, weakest first:
 * the declaration order is the strength order (docs/aigc-labels.md). Confirmed (a label says so)
 * outranks possible (declared), which outranks suspected (traces only).
 */
public enum AiMark {
    NONE,
    SUSPECTED,
    POSSIBLE,
    CONFIRMED;

    private static final AiMark[] VALUES = values();

    /** The lower-case name used in JSON, YAML and the database, e.g. {@code suspected}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mark for a code, or {@code null} when the code is unknown. */
    public static AiMark fromCode(String code) {
        for (AiMark m : VALUES) {
            if (m.code().equals(code)) return m;
        }
        return null;
    }

    /** 0 for none up to 3 for confirmed. */
    public int strength() {
        return ordinal();
    }

    public boolean isStrongerThan(AiMark other) {
        return strength() > other.strength();
    }

    /** The stronger of two marks. */
    public static AiMark strongest(AiMark a, AiMark b) {
        return b.isStrongerThan(a) ? b : a;
    }
}
