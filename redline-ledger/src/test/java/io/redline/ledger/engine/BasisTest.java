package io.redline.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The basis rules of docs/campaigns.md, case by case. */
class BasisTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-03");
    private static final CoveredDay FROM_TWO =
            new CoveredDay(DAY, Instant.parse("2026-12-03T02:00:00Z"), Instant.parse("2026-12-04T00:00:00Z"));
    private static final List<LocalTime> SNAPSHOTS = List.of(
            LocalTime.parse("00:00"), LocalTime.parse("06:00"), LocalTime.parse("12:00"), LocalTime.parse("18:00"));

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void minOfSnapshotsIgnoresSnapshotsOutsideTheCoveredInterval() {
        // 50 at midnight (before the window opens at 02:00), 500 from 01:00, 300 from 13:00.
        long[] at = {ms("2026-12-02T10:00:00Z"), ms("2026-12-03T01:00:00Z"), ms("2026-12-03T13:00:00Z")};
        long[] bal = {50, 500, 300};
        // Snapshots inside [02:00, 24:00): 06:00 → 500, 12:00 → 500, 18:00 → 300. The 00:00 one (50) is outside.
        assertThat(DayBasis.of(Basis.MIN_OF_SNAPSHOTS, SNAPSHOTS, FROM_TWO, at, bal, 3))
                .isEqualTo(Rational.of(300));
    }

    @Test
    void aBalanceRecordedExactlyAtASnapshotCounts() {
        long[] at = {ms("2026-12-03T05:00:00Z"), ms("2026-12-03T06:00:00Z")};
        long[] bal = {1_000, 10};
        assertThat(DayBasis.of(Basis.MIN_OF_SNAPSHOTS, SNAPSHOTS, FROM_TWO, at, bal, 2)
                        .compareTo(BigInteger.valueOf(10)))
                .isZero();
    }

    @Test
    void minOfSnapshotsWithNoSnapshotInsideUsesTheBalanceJustBeforeTheEnd() {
        CoveredDay lastHours =
                new CoveredDay(DAY, Instant.parse("2026-12-03T19:00:00Z"), Instant.parse("2026-12-03T23:00:00Z"));
        long[] at = {ms("2026-12-03T20:00:00Z"), ms("2026-12-03T22:59:59Z"), ms("2026-12-03T23:00:00Z")};
        long[] bal = {700, 650, 1};
        // The record at 23:00 is not "before the end"; 650 is.
        assertThat(DayBasis.of(Basis.MIN_OF_SNAPSHOTS, SNAPSHOTS, lastHours, at, bal, 3)
                        .compareTo(BigInteger.valueOf(650)))
                .isZero();
        assertThat(DayBasis.of(Basis.END_OF_DAY, List.of(), lastHours, at, bal, 3)
                        .compareTo(BigInteger.valueOf(650)))
                .isZero();
    }

    @Test
    void noHistoryMeansZero() {
        assertThat(DayBasis.of(Basis.MIN_OF_SNAPSHOTS, SNAPSHOTS, FROM_TWO, new long[0], new long[0], 0)
                        .signum())
                .isZero();
        assertThat(DayBasis.of(Basis.TIME_WEIGHTED_AVERAGE, List.of(), FROM_TWO, new long[0], new long[0], 0)
                        .signum())
                .isZero();
    }

    @Test
    void timeWeightedAverageIsExactNotRounded() {
        // 100 from before the interval, 200 from 10:00, over [02:00, 24:00) = 22 h: (8 h × 100 + 14 h × 200) / 22 h =
        // 3600/22 = 163.636…
        long[] at = {ms("2026-12-01T00:00:00Z"), ms("2026-12-03T10:00:00Z")};
        long[] bal = {100, 200};
        Rational twa = DayBasis.of(Basis.TIME_WEIGHTED_AVERAGE, List.of(), FROM_TWO, at, bal, 2);
        assertThat(twa.compareTo(new Rational(BigInteger.valueOf(3_600), BigInteger.valueOf(22))))
                .isZero();
        assertThat(twa.floor()).isEqualTo(BigInteger.valueOf(163));
    }

    @Test
    void timeWeightedAverageWeighsSubSecondChangesExactly() {
        CoveredDay whole =
                new CoveredDay(DAY, Instant.parse("2026-12-03T00:00:00Z"), Instant.parse("2026-12-04T00:00:00Z"));
        long[] at = {ms("2026-12-03T00:00:00Z"), ms("2026-12-03T12:00:00.500Z")};
        long[] bal = {0, 86_400_000};
        // Held from 12:00:00.500 to midnight, 43,199,500 ms: 86,400,000 × 43,199,500 ms / 86,400,000 ms.
        assertThat(DayBasis.of(Basis.TIME_WEIGHTED_AVERAGE, List.of(), whole, at, bal, 2)
                        .compareTo(BigInteger.valueOf(43_199_500)))
                .isZero();
    }
}
