package io.redline.policy;

import java.util.Arrays;
import java.util.List;

/** The media engine's judgement of whether content is AI-generated. */
public enum AiMark {
    NONE, SUSPECTED, POSSIBLE, CONFIRMED;

    private static final AiMark[] VALUES = values();

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the mark for a YAML code, or {@code null} when the code is unknown. */
    public static AiMark fromCode(String code) {
        for (AiMark m : VALUES) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        return null;
    }

    static List<String> codes() {
        return Arrays.stream(VALUES).map(AiMark::code).toList();
    }
}
