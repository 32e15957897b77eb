package io.redline.review.tasks;

import io.redline.policy.Action;
import java.util.Locale;

/** A reviewer's verdict on the content: approve keeps it up ({@code allow}), reject takes it down ({@code block}). */
public enum TaskVerdict {
    APPROVE,
    REJECT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action the appended decision carries. */
    public Action action() {
        return this == APPROVE ? Action.ALLOW : Action.BLOCK;
    }

    public static TaskVerdict fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
