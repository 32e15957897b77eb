package io.redline.decision;

import java.util.Locale;

/** What produced a decision. */
public enum Origin {
    /** Decided while the client waited ({@code ?wait=true}). */
    SYNC,
    /** Decided by the background {@link DecisionWorker}. */
    WORKER,
    /** Re-decided after a lexicon or policy change ({@link Decisions#rescreen}). */
    RESCREEN,
    /** Re-decided on a creator's appeal (reserved for the review queue). */
    APPEAL,
    /** Decided by a human reviewer (reserved for the review queue). */
    REVIEW;

    /** Lower-case, as stored: kept, since every stored decision writes it (a toLowerCase each time showed in the writer's profile). */
    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static Origin fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
