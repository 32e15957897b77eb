package io.redline.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.ledger.Seed;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A whole campaign run through the pure engine: pools never go negative, money is conserved, days are deterministic. */
class DaySettlementPropertiesTest {

    @Property(tries = 200)
    void poolsNeverGoNegativeAndEveryPayoutComesOutOfThem(
            @ForAll @IntRange(min = 1, max = 60) int accounts,
            @ForAll @LongRange(min = 0, max = 5_000_000_000L) long capMinor,
            @ForAll @LongRange(min = 0, max = 1_000_000_000L) long bonusPool,
            @ForAll long seed) {
        Campaign c = Seed.with(
                "pool: { cap: \"100000000\" }",
                "pool: { cap: \"" + capMinor / 1_000_000 + "." + String.format("%06d", capMinor % 1_000_000) + "\" }");
        c = new Campaign(
                c.id(),
                c.asset(),
                c.scale(),
                c.windowStart(),
                c.windowEnd(),
                c.basis(),
                c.snapshots(),
                c.dayCount(),
                c.tiers(),
                new NewUserBonus(
                        "BONUS",
                        0,
                        BigInteger.valueOf(100_000_000),
                        BigInteger.valueOf(bonusPool),
                        c.bonus().minBasisMinor()),
                c.poolCapMinor());
        Random random = new Random(seed);
        List<long[][]> histories = new ArrayList<>();
        long[] registered = new long[accounts];
        for (int a = 0; a < accounts; a++) {
            int n = 1 + random.nextInt(6);
            long[] at = new long[n];
            long[] bal = new long[n];
            long t = c.windowStart().toEpochMilli() - 86_400_000L;
            for (int i = 0; i < n; i++) {
                t += random.nextLong(1, 6 * 86_400_000L);
                at[i] = t;
                bal[i] = random.nextLong(0, 300_000_000_000L);
            }
            histories.add(new long[][] {at, bal});
            registered[a] = c.windowStart().toEpochMilli() + random.nextLong(-5 * 86_400_000L, 5 * 86_400_000L);
        }
        PoolState main = PoolState.full(c.poolCapMinor());
        PoolState bonus = PoolState.full(c.bonus().poolMinor());
        BigInteger paidMain = BigInteger.ZERO;
        BigInteger paidBonus = BigInteger.ZERO;
        boolean[] bonusPaid = new boolean[accounts];
        boolean mainRanShort = false;
        for (LocalDate d : c.days()) {
            CoveredDay day = c.covered(d).orElseThrow();
            DaySettlement.Result first = settle(c, day, main, bonus, histories, registered, bonusPaid);
            DaySettlement.Result again = settle(c, day, main, bonus, histories, registered, bonusPaid);
            assertThat(again.payouts()).isEqualTo(first.payouts()); // deterministic: resume recomputes the same plan
            BigInteger dayMain = BigInteger.ZERO;
            for (Payout p : first.payouts()) {
                if (p.leg() == Leg.POOL) dayMain = dayMain.add(BigInteger.valueOf(p.amountMinor()));
                else {
                    paidBonus = paidBonus.add(BigInteger.valueOf(p.amountMinor()));
                    int idx = Integer.parseInt(p.accountId().substring(1));
                    assertThat(bonusPaid[idx]).as("a bonus is paid once").isFalse();
                    bonusPaid[idx] = true;
                }
            }
            if (mainRanShort)
                assertThat(dayMain)
                        .as("nothing after the day the pool ran short")
                        .isZero();
            mainRanShort = first.main().after().exhausted();
            paidMain = paidMain.add(dayMain);
            assertThat(first.main().paidMinor()).isEqualTo(dayMain);
            // Conservation: what the pool holds after = before − paid, and never below 0.
            assertThat(first.main().after().remainingMinor())
                    .isEqualTo(main.remainingMinor().subtract(dayMain))
                    .isNotNegative();
            assertThat(first.bonus().after().remainingMinor()).isNotNegative();
            main = first.main().after();
            bonus = first.bonus().after();
        }
        assertThat(paidMain.add(main.remainingMinor())).isEqualTo(c.poolCapMinor());
        assertThat(paidBonus.add(bonus.remainingMinor())).isEqualTo(c.bonus().poolMinor());
    }

    private static DaySettlement.Result settle(
            Campaign c,
            CoveredDay day,
            PoolState main,
            PoolState bonus,
            List<long[][]> histories,
            long[] registered,
            boolean[] bonusPaid) {
        DaySettlement s = new DaySettlement(c, day, main, bonus);
        for (int a = histories.size() - 1; a >= 0; a--) { // fed out of order on purpose: the result is sorted
            long[][] h = histories.get(a);
            s.account(String.format("a%03d", a), registered[a], bonusPaid[a], h[0], h[1], h[0].length);
        }
        DaySettlement.Result r = s.finish();
        for (int i = 1; i < r.payouts().size(); i++) {
            assertThat(r.payouts()
                            .get(i - 1)
                            .accountId()
                            .compareTo(r.payouts().get(i).accountId()))
                    .isLessThanOrEqualTo(0);
        }
        return r;
    }
}
