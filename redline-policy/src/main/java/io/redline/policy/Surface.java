package io.redline.policy;

import java.util.Arrays;
import java.util.List;

/** Where a piece of content appears. Policies scope rules by surface. */
public enum Surface {
    NOTE, COMMENT, LIVE, PROFILE, PROMPT, OUTPUT, IMAGE;

    private static final Surface[] VALUES = values();

    /** The lower-case name used in policy YAML, e.g. {@code live}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the surface for a YAML code, or {@code null} when the code is unknown. */
    public static Surface fromCode(String code) {
        for (Surface s : VALUES) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        return null;
    }

    static List<String> codes() {
        return Arrays.stream(VALUES).map(Surface::code).toList();
    }
}
