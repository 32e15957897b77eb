package io.redline.ledger;

/**
 * One transfer as seen from one account.
 *
 * @param amountMinor   positive when credited to the account, negative when debited
 * @param balanceMinor  the account's balance after this line (statements run in posting order)
 * @param counterparty  the other account of the transfer
 */
public record StatementLine(
        String transferId,
        String day,
        String campaignId,
        String leg,
        String counterparty,
        long amountMinor,
        long balanceMinor,
        long postedAtMs,
        String reverses) {}
