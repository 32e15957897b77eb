package io.redline.review.tasks;

import java.util.Locale;

/** Why a task exists. */
public enum TaskKind {
    /** A decision with action {@code review}: a person decides the content. */
    DECISION,
    /** A blind second review of a sampled decision (automatic allow or a reviewer's verdict); never changes the decision. */
    QUALITY,
    /** A creator contests the current decision on their content; a different reviewer decides it. */
    APPEAL,
    /** A user report on content that had no open task. */
    REPORT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
