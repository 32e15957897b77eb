package io.redline.ledger.engine;

import java.math.BigInteger;
import java.util.List;

/**
 * A day's payout from a basis: Σ over tiers of (the tier's slice of the basis) × apr × covered
 * fraction of the day / dayCount, computed exactly and rounded down once, to the minor unit.
 *
 * <p>Exactness: with the basis {@code N/Db}, the rates brought to one denominator {@code 10^k}
 * ({@code apr_i = A_i / 10^k}) and the fraction {@code coveredMs / 86_400_000}, the payout is
 * {@code floor( Σ slice_i(N) · A_i · coveredMs / (Db · 10^k · 86_400_000 · dayCount) )}, where
 * {@code slice_i(N) = max(0, min(N, upTo_i·Db) − upTo_{i−1}·Db)}. One integer division, one
 * rounding step (down), nothing rounded before it. A negative basis earns nothing.
 *
 * <p>Why a {@code long} path: a settled day evaluates this a million times, and BigInteger
 * arithmetic was a visible share of planning. For an integral basis the same formula runs in
 * {@code long} with every product and sum overflow-checked ({@link Math#multiplyExact}), after
 * reducing {@code coveredMs / 86_400_000} by their gcd (a full day is 1/1), so the one division
 * still sees the exact numerator and denominator; when anything would leave 64 bits it answers
 * "does not fit" and the caller takes the BigInteger path. Both give the same result (tested).
 */
public final class Accrual {
    private final BigInteger[] upToMinor;
    private final BigInteger[] aprNumerators;
    private final BigInteger denominatorPerDay;
    /** The same in long; null when a tier bound or rate does not fit (then only the BigInteger path runs). */
    private final long[] upToMinorLong;

    private final long[] aprNumeratorsLong;
    private final long aprDenominatorLong;
    private final int dayCount;
    private long cachedCoveredMs = -1;
    private long cachedNumerator;
    private long cachedDenominator;

    public Accrual(List<Tier> tiers, int dayCount) {
        int decimals = 0;
        for (Tier t : tiers) decimals = Math.max(decimals, Math.max(0, t.apr().scale()));
        BigInteger aprDenominator = BigInteger.TEN.pow(decimals);
        this.upToMinor = new BigInteger[tiers.size()];
        this.aprNumerators = new BigInteger[tiers.size()];
        for (int i = 0; i < tiers.size(); i++) {
            upToMinor[i] = tiers.get(i).upToMinor();
            aprNumerators[i] = tiers.get(i).apr().movePointRight(decimals).toBigIntegerExact();
        }
        this.denominatorPerDay =
                aprDenominator.multiply(BigInteger.valueOf(CoveredDay.DAY_MS)).multiply(BigInteger.valueOf(dayCount));
        this.dayCount = dayCount;
        boolean fits = aprDenominator.bitLength() < 63;
        long[] upTo = new long[upToMinor.length];
        long[] apr = new long[upToMinor.length];
        for (int i = 0; i < upToMinor.length; i++) {
            fits &= aprNumerators[i].bitLength() < 63;
            fits &= upToMinor[i] == null || upToMinor[i].bitLength() < 63;
            if (!fits) break;
            upTo[i] = upToMinor[i] == null ? Long.MAX_VALUE : upToMinor[i].longValueExact();
            apr[i] = aprNumerators[i].longValueExact();
        }
        this.upToMinorLong = fits ? upTo : null;
        this.aprNumeratorsLong = fits ? apr : null;
        this.aprDenominatorLong = fits ? aprDenominator.longValueExact() : 0;
    }

    /** Returned by {@link #dueMinor(long, long)} when the exact computation does not fit in 64 bits. */
    public static final long DOES_NOT_FIT = -1;

    /**
     * The payout for an integral basis (minor units), exactly as {@link #dueMinor(Rational, long)}, or
     * {@link #DOES_NOT_FIT} when an intermediate value would leave 64 bits. Not thread-safe (it
     * caches the reduced fraction of the last {@code coveredMs}).
     */
    public long dueMinor(long basisMinor, long coveredMs) {
        if (basisMinor <= 0 || coveredMs <= 0) return 0;
        if (upToMinorLong == null) return DOES_NOT_FIT;
        try {
            if (coveredMs != cachedCoveredMs) {
                long g = gcd(coveredMs, CoveredDay.DAY_MS);
                cachedNumerator = coveredMs / g;
                cachedDenominator =
                        Math.multiplyExact(Math.multiplyExact(aprDenominatorLong, CoveredDay.DAY_MS / g), dayCount);
                cachedCoveredMs = coveredMs;
            }
            long weighted = 0;
            long lower = 0;
            for (int i = 0; i < upToMinorLong.length; i++) {
                long upper = upToMinorLong[i];
                long top = Math.min(basisMinor, upper);
                long slice = top - lower;
                if (slice <= 0) break;
                weighted = Math.addExact(weighted, Math.multiplyExact(slice, aprNumeratorsLong[i]));
                if (upper == Long.MAX_VALUE) break;
                lower = upper;
            }
            return Math.multiplyExact(weighted, cachedNumerator) / cachedDenominator;
        } catch (ArithmeticException overflow) {
            cachedCoveredMs = -1;
            return DOES_NOT_FIT;
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The payout in minor units for {@code basis} held over {@code coveredMs} of a day; never negative. */
    public BigInteger dueMinor(Rational basis, long coveredMs) {
        if (basis.signum() <= 0 || coveredMs <= 0) return BigInteger.ZERO;
        if (basis.denominator().equals(BigInteger.ONE) && basis.numerator().bitLength() < 63) {
            long fast = dueMinor(basis.numerator().longValueExact(), coveredMs);
            if (fast != DOES_NOT_FIT) return BigInteger.valueOf(fast);
        }
        return dueMinorExact(basis, coveredMs);
    }

    /** The BigInteger path alone (the reference the long path is tested against). */
    BigInteger dueMinorExact(Rational basis, long coveredMs) {
        if (basis.signum() <= 0 || coveredMs <= 0) return BigInteger.ZERO;
        BigInteger n = basis.numerator();
        BigInteger db = basis.denominator();
        BigInteger weighted = BigInteger.ZERO;
        BigInteger lower = BigInteger.ZERO;
        for (int i = 0; i < upToMinor.length; i++) {
            BigInteger upper = upToMinor[i] == null ? null : upToMinor[i].multiply(db);
            BigInteger top = upper == null || n.compareTo(upper) < 0 ? n : upper;
            BigInteger slice = top.subtract(lower);
            if (slice.signum() <= 0) break;
            weighted = weighted.add(slice.multiply(aprNumerators[i]));
            if (upper == null) break;
            lower = upper;
        }
        return weighted.multiply(BigInteger.valueOf(coveredMs)).divide(db.multiply(denominatorPerDay));
    }
}
