package io.redline.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Pool scaling on the day a pool runs short, and the largest-remainder split. */
class PoolAndSplitPropertiesTest {

    @Property
    void aPoolNeverPaysMoreThanItHoldsAndPaysInFullWhileItCan(
            @ForAll @Size(min = 1, max = 50) List<@LongRange(min = 0, max = 1_000_000_000_000L) Long> dues,
            @ForAll @LongRange(min = 0, max = 10_000_000_000_000L) long remaining) {
        BigInteger total = dues.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        PoolScaling scaling = new PoolScaling(total, BigInteger.valueOf(remaining), false);
        BigInteger paid = BigInteger.ZERO;
        for (long due : dues) {
            BigInteger p = scaling.pay(BigInteger.valueOf(due));
            assertThat(p.signum()).isGreaterThanOrEqualTo(0);
            assertThat(p).isLessThanOrEqualTo(BigInteger.valueOf(due));
            if (total.compareTo(BigInteger.valueOf(remaining)) <= 0)
                assertThat(p).isEqualTo(BigInteger.valueOf(due));
            else
                assertThat(p)
                        .isEqualTo(BigInteger.valueOf(due)
                                .multiply(BigInteger.valueOf(remaining))
                                .divide(total));
            paid = paid.add(p);
        }
        assertThat(paid).isLessThanOrEqualTo(BigInteger.valueOf(remaining));
        assertThat(scaling.exhaustsPool()).isEqualTo(total.compareTo(BigInteger.valueOf(remaining)) > 0);
        if (scaling.exhaustsPool()) {
            // Rounding down loses less than one minor unit per payout; the rest stays in the pool.
            assertThat(BigInteger.valueOf(remaining).subtract(paid)).isLessThan(BigInteger.valueOf(dues.size()));
        }
    }

    @Test
    void anExhaustedPoolPaysNothingEvenWithARemainderLeft() {
        PoolScaling after = new PoolScaling(BigInteger.valueOf(10), BigInteger.valueOf(3), true);
        assertThat(after.pay(BigInteger.valueOf(10))).isZero();
        assertThat(after.exhaustsPool()).isTrue();
    }

    @Property
    void largestRemainderPartsSumExactlyToThePool(
            @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 1_000_000_000L) Long> weights,
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long pool) {
        long[] w = weights.stream().mapToLong(Long::longValue).toArray();
        long[] parts = LargestRemainder.split(pool, w);
        long totalWeight = weights.stream().mapToLong(Long::longValue).sum();
        long sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += parts[i];
            if (totalWeight == 0) continue;
            // Each part is its exact quota rounded down or up, never further off.
            BigInteger floor =
                    BigInteger.valueOf(pool).multiply(BigInteger.valueOf(w[i])).divide(BigInteger.valueOf(totalWeight));
            assertThat(BigInteger.valueOf(parts[i]).subtract(floor).longValue()).isBetween(0L, 1L);
            if (w[i] == 0) assertThat(parts[i]).isZero();
        }
        assertThat(sum).isEqualTo(totalWeight == 0 ? 0 : pool);
        assertThat(LargestRemainder.split(pool, w)).containsExactly(parts);
    }

    @Test
    void largestRemainderGivesLeftoverUnitsToTheLargestRemaindersThenTheLowerIndex() {
        // 10 split 1:1:1 → 3.33 each; one unit left goes to index 0 (ties to the lower index).
        assertThat(LargestRemainder.split(10, new long[] {1, 1, 1})).containsExactly(4, 3, 3);
        // 100 split 1:2:3 of 6 → 16.67, 33.33, 50 → 17, 33, 50.
        assertThat(LargestRemainder.split(100, new long[] {1, 2, 3})).containsExactly(17, 33, 50);
        assertThat(LargestRemainder.split(100, new long[] {0, 0})).containsExactly(0, 0);
    }
}
