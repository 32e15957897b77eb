package io.redline.policy;

import java.util.Arrays;
import java.util.List;

/** How far limited content travels. Declared from least to most restrictive. */
public enum Reach {
    /** Shown to followers and in search, but not recommended. */
    REDUCED,
    /** Visible only to its author while it stays limited. */
    AUTHOR_ONLY;

    private static final Reach[] VALUES = values();

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Returns the reach for a YAML code, or {@code null} when the code is unknown. */
    public static Reach fromCode(String code) {
        for (Reach r : VALUES) {
            if (r.code().equals(code)) {
                return r;
            }
        }
        return null;
    }

    static List<String> codes() {
        return Arrays.stream(VALUES).map(Reach::code).toList();
    }
}
