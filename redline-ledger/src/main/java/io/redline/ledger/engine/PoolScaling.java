package io.redline.ledger.engine;

import java.math.BigInteger;

/**
 * How a capped pool pays a day's dues. While the day's total due fits in what remains, everyone
 * is paid in full. On the day it does not, each payout is {@code due × remaining / totalDue}
 * rounded down (so the parts never exceed what remains; the leftover stays in the pool) and the
 * pool is exhausted: later days pay nothing.
 */
public final class PoolScaling {
    private final BigInteger totalDue;
    private final BigInteger remaining;
    private final boolean shortfall;

    /**
     * @param totalDue  the day's sum of dues from this pool
     * @param remaining what the pool holds before the day
     * @param exhausted true when an earlier day already ran short (this day then pays nothing)
     */
    public PoolScaling(BigInteger totalDue, BigInteger remaining, boolean exhausted) {
        if (totalDue.signum() < 0 || remaining.signum() < 0)
            throw new IllegalArgumentException("totals must not be negative");
        this.totalDue = totalDue;
        this.remaining = exhausted ? BigInteger.ZERO : remaining;
        this.shortfall = exhausted || totalDue.compareTo(remaining) > 0;
    }

    /** True when this day runs the pool short (or it already had): the pool is exhausted after it. */
    public boolean exhaustsPool() {
        return shortfall;
    }

    /** What one due is paid today. */
    public BigInteger pay(BigInteger due) {
        if (!shortfall) return due;
        if (totalDue.signum() == 0) return BigInteger.ZERO;
        return due.multiply(remaining).divide(totalDue);
    }
}
