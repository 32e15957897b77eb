package io.redline.ledger.engine;

import java.math.BigInteger;
import java.time.LocalTime;
import java.util.List;

/**
 * The basis balance of one account for one covered day, from its balance history.
 *
 * <p>The balance at an instant is the last recorded balance at or before it, 0 before any record.
 * <ul>
 *   <li>{@code min_of_snapshots}: the minimum of the balances at the snapshot times inside
 *       {@code [start, end)}; when no snapshot falls inside, the balance just before {@code end}.</li>
 *   <li>{@code end_of_day}: the balance just before {@code end} (the last record strictly before it).</li>
 *   <li>{@code time_weighted_average}: Σ balance × milliseconds held inside {@code [start, end)},
 *       divided by the covered milliseconds, kept as an exact {@link Rational}. Weighting by
 *       milliseconds is weighting by seconds, exactly, when changes fall between whole seconds.</li>
 * </ul>
 * Pure and allocation-light: the history comes as two parallel arrays sorted by time.
 */
public final class DayBasis {
    private DayBasis() {}

    /**
     * @param atMs         record times, ascending (records at or after {@code day.end} are ignored)
     * @param balanceMinor the balance after each record, minor units
     * @param n            how many entries of the arrays are used
     */
    public static Rational of(
            Basis basis, List<LocalTime> snapshots, CoveredDay day, long[] atMs, long[] balanceMinor, int n) {
        return switch (basis) {
            case END_OF_DAY -> Rational.of(balanceBefore(day.endMs(), atMs, balanceMinor, n));
            case MIN_OF_SNAPSHOTS -> Rational.of(minOfSnapshots(snapshots, day, atMs, balanceMinor, n));
            case TIME_WEIGHTED_AVERAGE -> timeWeighted(day, atMs, balanceMinor, n);
        };
    }

    static long minOfSnapshots(List<LocalTime> snapshots, CoveredDay day, long[] atMs, long[] balanceMinor, int n) {
        long dayStartMs =
                day.day().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        boolean any = false;
        long min = Long.MAX_VALUE;
        for (LocalTime t : snapshots) {
            long instantMs = dayStartMs + t.toNanoOfDay() / 1_000_000L;
            if (instantMs < day.startMs() || instantMs >= day.endMs()) continue;
            any = true;
            min = Math.min(min, balanceAt(instantMs, atMs, balanceMinor, n));
        }
        return any ? min : balanceBefore(day.endMs(), atMs, balanceMinor, n);
    }

    /**
     * {@code min_of_snapshots} with the snapshot instants inside the covered interval computed once
     * for the day ({@code snapshotMs}, possibly empty), the same value as {@link #minOfSnapshots}.
     */
    static long minAt(long[] snapshotMs, CoveredDay day, long[] atMs, long[] balanceMinor, int n) {
        if (snapshotMs.length == 0) return balanceBefore(day.endMs(), atMs, balanceMinor, n);
        long min = Long.MAX_VALUE;
        for (long instantMs : snapshotMs) min = Math.min(min, balanceAt(instantMs, atMs, balanceMinor, n));
        return min;
    }

    /** The last recorded balance at or before {@code instantMs}; 0 before any record. */
    public static long balanceAt(long instantMs, long[] atMs, long[] balanceMinor, int n) {
        long balance = 0;
        for (int i = 0; i < n && atMs[i] <= instantMs; i++) balance = balanceMinor[i];
        return balance;
    }

    /** The balance just before {@code instantMs}: the last record strictly before it; 0 before any. */
    public static long balanceBefore(long instantMs, long[] atMs, long[] balanceMinor, int n) {
        long balance = 0;
        for (int i = 0; i < n && atMs[i] < instantMs; i++) balance = balanceMinor[i];
        return balance;
    }

    static Rational timeWeighted(CoveredDay day, long[] atMs, long[] balanceMinor, int n) {
        long start = day.startMs();
        long end = day.endMs();
        BigInteger sum = BigInteger.ZERO;
        long current = 0;
        long from = start;
        for (int i = 0; i < n && atMs[i] < end; i++) {
            if (atMs[i] <= start) {
                current = balanceMinor[i];
                continue;
            }
            sum = sum.add(BigInteger.valueOf(current).multiply(BigInteger.valueOf(atMs[i] - from)));
            current = balanceMinor[i];
            from = atMs[i];
        }
        sum = sum.add(BigInteger.valueOf(current).multiply(BigInteger.valueOf(end - from)));
        return new Rational(sum, BigInteger.valueOf(end - start));
    }
}
