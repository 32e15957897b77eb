package io.redline.audit;

import java.time.Duration;
import java.time.Instant;

/**
 * How long audit entries are kept. Regulators expect at least six months of logs, so fewer than
 * {@link #DAYS_MIN} days is refused rather than silently raised.
 */
public record AuditRetention(int days) {
    public static final int DAYS_MIN = 180;
    public static final int DAYS_MAX = 36_500;
    public static final AuditRetention DEFAULT = new AuditRetention(365);

    public AuditRetention {
        if (days < DAYS_MIN) {
            throw new IllegalArgumentException("audit retention must be at least " + DAYS_MIN + " days, was " + days
                    + "; logs of privileged actions and decisions must be kept for six months or more");
        }
        if (days > DAYS_MAX) {
            throw new IllegalArgumentException("audit retention must be at most " + DAYS_MAX + " days, was " + days);
        }
    }

    /** Entries that occurred strictly before this instant are past retention. */
    public Instant cutoff(Instant now) {
        return now.minus(Duration.ofDays(days));
    }
}
