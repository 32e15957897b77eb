package io.redline.ledger;

import java.util.List;

/**
 * An account's statement: its balance and its transfers, oldest first.
 *
 * @param truncated true when the account has more lines than were returned (the newest are kept)
 */
public record Statement(
        String accountId, String asset, int scale, long balanceMinor, List<StatementLine> lines, boolean truncated) {}
