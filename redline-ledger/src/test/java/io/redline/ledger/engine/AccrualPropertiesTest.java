package io.redline.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.ledger.Seed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The accrual of one day: marginal tiers, the covered fraction, one rounding down. */
class AccrualPropertiesTest {
    private static final Campaign SEED = Seed.campaign();
    private static final Accrual ACCRUAL = new Accrual(SEED.tiers(), SEED.dayCount());
    private static final long UNIT = 1_000_000L; // scale 6

    /** An independent reference: BigDecimal with 120 digits, floor at the end. */
    private static BigInteger reference(BigDecimal basisMinor, long coveredMs) {
        BigDecimal[] upTo = {BigDecimal.valueOf(10_000 * UNIT), BigDecimal.valueOf(100_000 * UNIT), null};
        BigDecimal[] apr = {new BigDecimal("0.29"), new BigDecimal("0.08"), new BigDecimal("0.02")};
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal lower = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            BigDecimal top = upTo[i] == null ? basisMinor : basisMinor.min(upTo[i]);
            BigDecimal slice = top.subtract(lower).max(BigDecimal.ZERO);
            sum = sum.add(slice.multiply(apr[i]));
            if (upTo[i] != null) lower = upTo[i];
        }
        BigDecimal exact = sum.multiply(BigDecimal.valueOf(coveredMs))
                .divide(BigDecimal.valueOf(86_400_000L * 365), new MathContext(120, RoundingMode.FLOOR));
        return exact.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
    }

    @Property
    void aDaysPayoutIsTheExactMarginalSumRoundedDownOnce(
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000_000L) long basisMinor,
            @ForAll @LongRange(min = 1, max = 86_400) long coveredSeconds) {
        BigInteger due = ACCRUAL.dueMinor(Rational.of(basisMinor), coveredSeconds * 1000);
        assertThat(due).isEqualTo(reference(BigDecimal.valueOf(basisMinor), coveredSeconds * 1000));
    }

    @Property
    void tierBoundariesPayEachSliceAtItsOwnRate(
            @ForAll("boundaries") long boundaryMinor, @ForAll @IntRange(min = -3, max = 3) int offsetMinor) {
        long basis = boundaryMinor + offsetMinor;
        BigInteger due = ACCRUAL.dueMinor(Rational.of(basis), CoveredDay.DAY_MS);
        assertThat(due).isEqualTo(reference(BigDecimal.valueOf(basis), CoveredDay.DAY_MS));
        // Marginal, not a step: crossing a boundary never lowers the payout.
        assertThat(ACCRUAL.dueMinor(Rational.of(basis + 1), CoveredDay.DAY_MS)).isGreaterThanOrEqualTo(due);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> boundaries() {
        return net.jqwik.api.Arbitraries.of(10_000 * UNIT, 100_000 * UNIT);
    }

    @Test
    void theSeedsTierBoundariesWorkedOut() {
        // 10,000 USDX for a whole day: 10,000 × 0.29 / 365 = 7.945205479… → 7.945205 USDX.
        assertThat(ACCRUAL.dueMinor(Rational.of(10_000 * UNIT), CoveredDay.DAY_MS))
                .isEqualTo(BigInteger.valueOf(7_945_205));
        // 100,000: 7.945205479… + 90,000 × 0.08 / 365 = 19.726027397… → 27.671232 USDX.
        assertThat(ACCRUAL.dueMinor(Rational.of(100_000 * UNIT), CoveredDay.DAY_MS))
                .isEqualTo(BigInteger.valueOf(27_671_232));
        // 200,000: + 100,000 × 0.02 / 365 = 5.479452054… → 33.150684 USDX.
        assertThat(ACCRUAL.dueMinor(Rational.of(200_000 * UNIT), CoveredDay.DAY_MS))
                .isEqualTo(BigInteger.valueOf(33_150_684));
        // Rounding once: 1 minor unit for a day is 0.29/365 of a minor unit; nothing is paid.
        assertThat(ACCRUAL.dueMinor(Rational.of(1), CoveredDay.DAY_MS)).isZero();
        assertThat(ACCRUAL.dueMinor(Rational.of(-5 * UNIT), CoveredDay.DAY_MS)).isZero();
    }

    @Test
    void theSeedsFirstDayIsTwentyTwoHoursOfTwentyFour() {
        CoveredDay first = SEED.covered(LocalDate.parse("2026-12-03")).orElseThrow();
        assertThat(first.start()).isEqualTo(Instant.parse("2026-12-03T02:00:00Z"));
        assertThat(first.coveredMs()).isEqualTo(22 * 3_600_000L);
        // 10,000 USDX × 0.29 × 22/24 / 365 = 7.283105022… → 7.283105
        assertThat(ACCRUAL.dueMinor(Rational.of(10_000 * UNIT), first.coveredMs()))
                .isEqualTo(BigInteger.valueOf(7_283_105));
        List<LocalDate> days = SEED.days();
        assertThat(days).hasSize(20).startsWith(LocalDate.parse("2026-12-03")).endsWith(LocalDate.parse("2026-12-22"));
        assertThat(SEED.covered(LocalDate.parse("2026-12-22")).orElseThrow().coveredMs())
                .isEqualTo(CoveredDay.DAY_MS);
        assertThat(SEED.covered(LocalDate.parse("2026-12-23"))).isEmpty();
    }

    @Property
    void partialFirstAndLastDaysAccrueByCoveredSeconds(
            @ForAll @LongRange(min = 0, max = 86_399) long startSecond,
            @ForAll @IntRange(min = 0, max = 5) int fullDays,
            @ForAll @LongRange(min = 1, max = 86_400) long lastDaySeconds,
            @ForAll @LongRange(min = 0, max = 500_000_000_000L) long balanceMinor) {
        Instant start = Instant.parse("2026-12-03T00:00:00Z").plusSeconds(startSecond);
        Instant end = Instant.parse("2026-12-04T00:00:00Z").plusSeconds(fullDays * 86_400L + lastDaySeconds);
        Campaign c = new Campaign(
                "p",
                "USDX",
                6,
                start,
                end,
                Basis.END_OF_DAY,
                List.of(),
                365,
                SEED.tiers(),
                null,
                BigInteger.TEN.pow(15));
        long coveredTotalMs = 0;
        for (LocalDate d : c.days()) {
            CoveredDay day = c.covered(d).orElseThrow();
            coveredTotalMs += day.coveredMs();
            long[] at = {0};
            long[] bal = {balanceMinor};
            Rational basis = DayBasis.of(c.basis(), c.snapshots(), day, at, bal, 1);
            assertThat(new Accrual(c.tiers(), 365).dueMinor(basis, day.coveredMs()))
                    .isEqualTo(reference(BigDecimal.valueOf(balanceMinor), day.coveredMs()));
        }
        // The covered parts tile the window exactly: no second is paid twice or missed.
        assertThat(coveredTotalMs).isEqualTo(end.toEpochMilli() - start.toEpochMilli());
        assertThat(c.covered(c.days().getFirst()).orElseThrow().coveredMs())
                .isEqualTo(Math.min(86_400 - startSecond, (end.getEpochSecond() - start.getEpochSecond())) * 1000);
    }

    /** The 64-bit path answers exactly what the BigInteger path answers, or says it does not fit. */
    @Property(tries = 2000)
    void theLongPathEqualsTheBigIntegerPathOrDeclines(
            @ForAll long basisMinor,
            @ForAll @LongRange(min = 1, max = 86_400_000) long coveredMs,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long firstUpToMinor,
            @ForAll @IntRange(min = 0, max = 1_000_000) int aprThousandths,
            @ForAll @IntRange(min = 0, max = 9) int scale,
            @ForAll @IntRange(min = 1, max = 366) int dayCount) {
        Accrual accrual = new Accrual(
                List.of(
                        new Tier(BigInteger.valueOf(firstUpToMinor), BigDecimal.valueOf(aprThousandths, 3)),
                        new Tier(null, BigDecimal.valueOf(aprThousandths / 7 + 1, scale))),
                dayCount);
        long fast = accrual.dueMinor(basisMinor, coveredMs);
        BigInteger exact = accrual.dueMinorExact(Rational.of(basisMinor), coveredMs);
        if (fast != Accrual.DOES_NOT_FIT) assertThat(BigInteger.valueOf(fast)).isEqualTo(exact);
        assertThat(accrual.dueMinor(Rational.of(basisMinor), coveredMs)).isEqualTo(exact);
    }
}
