package io.redline.ledger.engine;

import java.math.BigInteger;

/**
 * What one pool did on one day.
 *
 * @param totalDueMinor what the day's dues summed to before any scaling
 * @param paidMinor     what was paid (equals the due unless the pool ran short)
 * @param accountsPaid  accounts with a positive payout
 * @param after         the pool after the day
 */
public record PoolDay(BigInteger totalDueMinor, BigInteger paidMinor, long accountsPaid, PoolState after) {
    public static PoolDay idle(PoolState state) {
        return new PoolDay(BigInteger.ZERO, BigInteger.ZERO, 0, state);
    }
}
