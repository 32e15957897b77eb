package io.redline.policy;

import java.util.Arrays;
import java.util.List;

/**
 * What a policy decides. Declared from least to most severe: when several rules match, the most
 * severe action wins, so {@link #severity()} is the declaration order.
 */
public enum Action {
    ALLOW,
    LABEL,
    LIMIT,
    REVIEW,
    BLOCK;

    private static final Action[] VALUES = values();

    /** Lower-case, as stored: kept, since every stored decision writes it (a toLowerCase each time showed in the writer's profile). */
    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    public String code() {
        return code;
    }

    /** 0 for allow up to 4 for block. */
    public int severity() {
        return ordinal();
    }

    /** Returns the action for a YAML code, or {@code null} when the code is unknown. */
    public static Action fromCode(String code) {
        for (Action a : VALUES) {
            if (a.code().equals(code)) {
                return a;
            }
        }
        return null;
    }

    static List<String> codes() {
        return Arrays.stream(VALUES).map(Action::code).toList();
    }
}
