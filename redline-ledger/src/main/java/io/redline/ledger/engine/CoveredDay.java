package io.redline.ledger.engine;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The part {@code [start, end)} of UTC day {@code day} inside a campaign window. A partly covered
 * day accrues by {@code coveredMs / 86_400_000} (the seed's first day, Dec 03 from 02:00, is 22/24).
 */
public record CoveredDay(LocalDate day, Instant start, Instant end) {
    public static final long DAY_MS = 86_400_000L;

    public long startMs() {
        return start.toEpochMilli();
    }

    public long endMs() {
        return end.toEpochMilli();
    }

    public long coveredMs() {
        return endMs() - startMs();
    }
}
