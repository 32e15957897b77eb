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
 */
public final class Accrual {
    private final BigInteger[] upToMinor;
    private final BigInteger[] aprNumerators;
    private final BigInteger denominatorPerDay;

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
    }

    /** The payout in minor units for {@code basis} held over {@code coveredMs} of a day; never negative. */
    public BigInteger dueMinor(Rational basis, long coveredMs) {
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
