package io.redline.ledger.engine;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Splits a fixed amount in proportion to weights so the parts sum exactly to it (Hamilton's
 * largest-remainder method): everyone gets {@code floor(amount × w_i / W)}, then the units still
 * left go one each to the largest remainders {@code amount × w_i mod W}, ties to the lower index
 * (callers order creators by id, so ties are deterministic). All-zero weights split nothing.
 */
public final class LargestRemainder {
    private LargestRemainder() {}

    public static long[] split(long amountMinor, long[] weights) {
        if (amountMinor < 0) throw new IllegalArgumentException("amount must not be negative, was " + amountMinor);
        BigInteger total = BigInteger.ZERO;
        for (long w : weights) {
            if (w < 0) throw new IllegalArgumentException("weights must not be negative, was " + w);
            total = total.add(BigInteger.valueOf(w));
        }
        long[] parts = new long[weights.length];
        if (total.signum() == 0 || amountMinor == 0) return parts;
        BigInteger amount = BigInteger.valueOf(amountMinor);
        BigInteger[] remainders = new BigInteger[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            BigInteger[] qr = amount.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(total);
            parts[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += parts[i];
        }
        long left = amountMinor - given; // < weights.length: each floor lost less than one unit
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> {
            int c = remainders[b].compareTo(remainders[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        for (int k = 0; k < left; k++) parts[order[k]]++;
        return parts;
    }
}
