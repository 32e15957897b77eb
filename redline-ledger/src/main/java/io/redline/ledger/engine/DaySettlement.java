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
 * (about 60 bytes each: 1M accounts is ~60 MB).
 */
public final class DaySettlement {
    private final Campaign campaign;
    private final CoveredDay day;
    private final Accrual accrual;
    private final PoolState mainBefore;
    private final PoolState bonusBefore;
    private final List<Entry> entries = new ArrayList<>();
    private BigInteger totalDue = BigInteger.ZERO;
    private long bonusCount;
    private boolean finished;

    private record Entry(String accountId, BigInteger due, boolean bonus) {}

    public DaySettlement(Campaign campaign, CoveredDay day, PoolState mainBefore, PoolState bonusBefore) {
        this.campaign = Objects.requireNonNull(campaign, "campaign");
        this.day = Objects.requireNonNull(day, "day");
        this.mainBefore = Objects.requireNonNull(mainBefore, "mainBefore");
        this.bonusBefore = campaign.bonus() == null ? null : Objects.requireNonNull(bonusBefore, "bonusBefore");
        this.accrual = new Accrual(campaign.tiers(), campaign.dayCount());
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
        Rational basis = DayBasis.of(campaign.basis(), campaign.snapshots(), day, atMs, balanceMinor, n);
        BigInteger due = accrual.dueMinor(basis, day.coveredMs());
        NewUserBonus b = campaign.bonus();
        boolean bonus = b != null
                && !bonusPaid
                && registeredAtMs != null
                && campaign.registeredInside(registeredAtMs)
                && registeredAtMs < day.endMs()
                && basis.compareTo(b.minBasisMinor()) >= 0;
        if (due.signum() == 0 && !bonus) return;
        entries.add(new Entry(accountId, due, bonus));
        totalDue = totalDue.add(due);
        if (bonus) bonusCount++;
    }

    public Result finish() {
        if (finished) throw new IllegalStateException("the day is already finished");
        finished = true;
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
        for (Entry e : entries) {
            BigInteger pay = main.pay(e.due());
            if (pay.signum() > 0) {
                payouts.add(new Payout(day.day(), e.accountId(), Leg.POOL, campaign.asset(), pay.longValueExact()));
                mainPaid = mainPaid.add(pay);
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
