package io.redline.ledger.engine;

import java.math.BigInteger;

/**
 * A pool before or after a day: what it holds and whether a day has already run it short (after
 * which it pays nothing, even if rounding left a remainder in it).
 */
public record PoolState(BigInteger remainingMinor, boolean exhausted) {
    public PoolState {
        if (remainingMinor.signum() < 0)
            throw new IllegalArgumentException("a pool never holds less than 0, was " + remainingMinor);
    }

    public static PoolState full(BigInteger capMinor) {
        return new PoolState(capMinor, false);
    }
}
