package io.redline.policy;

/**
 * What the policy knows about the author at decision time.
 *
 * @param accountAgeDays whole days since the account was created (0 on the first day)
 * @param trustLevel     0 (unknown or new) to 10 (most trusted); the platform defines the scale
 * @param priorStrikes   upheld violations on record
 * @param openReports    user reports against the author not yet resolved
 */
public record AuthorFacts(int accountAgeDays, int trustLevel, int priorStrikes, int openReports) {
    public static final int TRUST_LEVEL_MAX = 10;

    public AuthorFacts {
        requireNonNegative("accountAgeDays", accountAgeDays);
        requireNonNegative("priorStrikes", priorStrikes);
        requireNonNegative("openReports", openReports);
        if (trustLevel < 0 || trustLevel > TRUST_LEVEL_MAX) {
            throw new IllegalArgumentException("trustLevel must be 0.." + TRUST_LEVEL_MAX + ", got " + trustLevel);
        }
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
