package io.redline.ledger.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Settles one covered day of a campaign, purely: feed every account's history with
 * {@link #account}, then {@link #finish} applies the pool rules and returns the payouts sorted by
 * account id (then leg), which is also the order the ledger writes them in chunks, so a resumed
 * run cuts the same chunks as a clean one.
 *
 * <p>Two passes are inherent: whether the pool runs short depends on the day's total due, known
 * only after the last account. One entry per account with something due is kept in between
 * (about 40 bytes each plus the account id, shared with the caller: 1M accounts is ~40 MB). Dues
 * are longs; the rare due that does not fit (an absurd rate or balance) keeps its BigInteger.
 */
public final class DaySettlement {
    private final Campaign campaign;
    private final CoveredDay day;
    private final Accrual accrual;
    private final PoolState mainBefore;
    private final PoolState bonusBefore;
    private final List<Entry> entries = new ArrayList<>();
    private BigInteger totalDue = BigInteger.ZERO;
    /** Dues summed in a long until the sum would overflow, then folded into {@link #totalDue}. */
    private long totalDueLong;

    private final long[] snapshotMs;
    private final long minBasisMinor;
    private long bonusCount;
    private boolean finished;

    /** @param bigDue the due when it does not fit in a long (then {@code due} is unused), else null */
    private record Entry(String accountId, long due, BigInteger bigDue, boolean bonus) {
        BigInteger dueBig() {
            return bigDue != null ? bigDue : BigInteger.valueOf(due);
        }
    }

    public DaySettlement(Campaign campaign, CoveredDay day, PoolState mainBefore, PoolState bonusBefore) {
        this.campaign = Objects.requireNonNull(campaign, "campaign");
        this.day = Objects.requireNonNull(day, "day");
        this.mainBefore = Objects.requireNonNull(mainBefore, "mainBefore");
        this.bonusBefore = campaign.bonus() == null ? null : Objects.requireNonNull(bonusBefore, "bonusBefore");
        this.accrual = new Accrual(campaign.tiers(), campaign.dayCount());
        long dayStartMs =
                day.day().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        this.snapshotMs = campaign.snapshots().stream()
                .mapToLong(t -> dayStartMs + t.toNanoOfDay() / 1_000_000L)
                .filter(ms -> ms >= day.startMs() && ms < day.endMs())
                .toArray();
        NewUserBonus b = campaign.bonus();
        this.minBasisMinor = b == null
                ? Long.MAX_VALUE
                : b.minBasisMinor().bitLength() < 63 ? b.minBasisMinor().longValueExact() : Long.MAX_VALUE;
    }

    /**
     * One account's day.
     *
     * @param registeredAtMs when the account registered, or null when unknown (never a new user)
     * @param bonusPaid      true when an earlier day already paid this account its bonus
     * @param atMs           balance record times, ascending
     * @param balanceMinor   balances after each record
     */
    public void account(
            String accountId, Long registeredAtMs, boolean bonusPaid, long[] atMs, long[] balanceMinor, int n) {
        if (finished) throw new IllegalStateException("the day is already finished");
        NewUserBonus b = campaign.bonus();
        boolean mayGetBonus = b != null
                && !bonusPaid
                && registeredAtMs != null
                && campaign.registeredInside(registeredAtMs)
                && registeredAtMs < day.endMs();
        long due;
        BigInteger bigDue = null;
        boolean bonus;
        if (campaign.basis() == Basis.TIME_WEIGHTED_AVERAGE || b != null && minBasisMinor == Long.MAX_VALUE) {
            Rational basis = DayBasis.of(campaign.basis(), campaign.snapshots(), day, atMs, balanceMinor, n);
            BigInteger exact = accrual.dueMinor(basis, day.coveredMs());
            bonus = mayGetBonus && basis.compareTo(b.minBasisMinor()) >= 0;
            if (exact.bitLength() < 63) due = exact.longValueExact();
            else {
                due = 0;
                bigDue = exact;
            }
        } else {
            // Integral bases without a Rational or BigInteger (the common case, a million times a day).
            long basis = campaign.basis() == Basis.END_OF_DAY
                    ? DayBasis.balanceBefore(day.endMs(), atMs, balanceMinor, n)
                    : DayBasis.minAt(snapshotMs, day, atMs, balanceMinor, n);
            due = accrual.dueMinor(basis, day.coveredMs());
            if (due == Accrual.DOES_NOT_FIT) {
                due = 0;
                bigDue = accrual.dueMinor(Rational.of(basis), day.coveredMs());
            }
            bonus = mayGetBonus && basis >= minBasisMinor;
        }
        if (bigDue == null && due == 0 && !bonus) return;
        entries.add(new Entry(accountId, due, bigDue, bonus));
        if (bigDue != null) totalDue = totalDue.add(bigDue);
        else if (totalDueLong > Long.MAX_VALUE - due) {
            totalDue = totalDue.add(BigInteger.valueOf(totalDueLong));
            totalDueLong = due;
        } else totalDueLong += due;
        if (bonus) bonusCount++;
    }

    public Result finish() {
        if (finished) throw new IllegalStateException("the day is already finished");
        finished = true;
        totalDue = totalDue.add(BigInteger.valueOf(totalDueLong));
        totalDueLong = 0;
        entries.sort(Comparator.comparing(Entry::accountId));
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i - 1).accountId().equals(entries.get(i).accountId())) {
                throw new IllegalArgumentException(
                        "account " + entries.get(i).accountId() + " was fed twice for " + day.day());
            }
        }
        PoolScaling main = new PoolScaling(totalDue, mainBefore.remainingMinor(), mainBefore.exhausted());
        NewUserBonus b = campaign.bonus();
        BigInteger bonusDue = b == null ? BigInteger.ZERO : b.amountMinor().multiply(BigInteger.valueOf(bonusCount));
        PoolScaling bonus =
                b == null ? null : new PoolScaling(bonusDue, bonusBefore.remainingMinor(), bonusBefore.exhausted());

        List<Payout> payouts = new ArrayList<>();
        BigInteger mainPaid = BigInteger.ZERO;
        BigInteger bonusPaid = BigInteger.ZERO;
        long mainAccounts = 0;
        long bonusAccounts = 0;
        long mainPaidLong = 0; // exact: every part is at most what the pool holds, and the parts never exceed it
        for (Entry e : entries) {
            long pay = e.bigDue() == null && !main.exhaustsPool()
                    ? e.due()
                    : main.pay(e.dueBig()).longValueExact();
            if (pay > 0) {
                payouts.add(new Payout(day.day(), e.accountId(), Leg.POOL, campaign.asset(), pay));
                mainPaidLong = Math.addExact(mainPaidLong, pay);
                mainAccounts++;
            }
            if (e.bonus()) {
                BigInteger bonusPay = bonus.pay(b.amountMinor());
                if (bonusPay.signum() > 0) {
                    payouts.add(new Payout(day.day(), e.accountId(), Leg.BONUS, b.asset(), bonusPay.longValueExact()));
                    bonusPaid = bonusPaid.add(bonusPay);
                    bonusAccounts++;
                }
            }
        }
        mainPaid = BigInteger.valueOf(mainPaidLong);
        PoolState mainAfter = new PoolState(mainBefore.remainingMinor().subtract(mainPaid), main.exhaustsPool());
        PoolDay mainDay = new PoolDay(totalDue, mainPaid, mainAccounts, mainAfter);
        PoolDay bonusDay = b == null
                ? null
                : new PoolDay(
                        bonusDue,
                        bonusPaid,
                        bonusAccounts,
                        new PoolState(bonusBefore.remainingMinor().subtract(bonusPaid), bonus.exhaustsPool()));
        return new Result(day, List.copyOf(payouts), mainDay, bonusDay);
    }

    /**
     * @param bonus null when the campaign has no new-user bonus
     */
    public record Result(CoveredDay day, List<Payout> payouts, PoolDay main, PoolDay bonus) {}
}
