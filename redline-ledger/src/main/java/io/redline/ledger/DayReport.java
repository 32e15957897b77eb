package io.redline.ledger;

import java.time.LocalDate;

/**
 * What settling one day did (or had done, when an earlier run settled it): accounts paid, total,
 * pool remaining — for the main pool and the new-user bonus pool.
 *
 * @param status          {@code settled} (this run), {@code already_settled} (an earlier run)
 * @param totalDueMinor   what the day's accruals summed to before any pool scaling
 * @param paidMinor       what the main pool paid
 * @param poolExhausted   true once a day has run the main pool short (later days pay nothing)
 * @param bonusPaidMinor  what the bonus pool paid (0 without a bonus)
 */
public record DayReport(
        String campaignId,
        LocalDate day,
        String status,
        long accountsPaid,
        long totalDueMinor,
        long paidMinor,
        long poolRemainingMinor,
        boolean poolExhausted,
        long bonusAccountsPaid,
        long bonusPaidMinor,
        long bonusRemainingMinor,
        boolean bonusExhausted) {}
