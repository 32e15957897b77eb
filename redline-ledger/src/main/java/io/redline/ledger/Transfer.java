package io.redline.ledger;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One leg of a transaction: debits {@code debitAccount} and credits {@code creditAccount} by
 * {@code amountMinor} of {@code asset}. The id says what it pays (for a campaign payout
 * {@code <campaign>/<day>/<account>/<leg>}), so posting it again is a no-op, never a second payment.
 *
 * @param campaignId the campaign it settles, or null
 * @param day        the settled day (ISO date), or null
 * @param leg        what kind of leg: {@code pool}, {@code bonus}, {@code fund}, {@code royalty}, {@code reversal}, {@code manual}
 * @param reverses   the id of the transfer this one undoes, or null
 */
public record Transfer(
        String id,
        String debitAccount,
        String creditAccount,
        String asset,
        long amountMinor,
        String campaignId,
        String day,
        String leg,
        String reverses) {
    public static final int ID_LENGTH_MAX = 256;
    public static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,127}");

    public Transfer {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > ID_LENGTH_MAX)
            throw new LedgerException.Invalid("a transfer id must be 1.." + ID_LENGTH_MAX + " characters");
        requireAccount(debitAccount, "debitAccount");
        requireAccount(creditAccount, "creditAccount");
        if (debitAccount.equals(creditAccount))
            throw new LedgerException.Invalid(
                    "transfer " + id + " debits and credits the same account " + debitAccount);
        if (asset == null
                || !io.redline.ledger.engine.Campaign.ASSET.matcher(asset).matches()) {
            throw new LedgerException.Invalid(
                    "asset '" + asset + "' must match " + io.redline.ledger.engine.Campaign.ASSET.pattern());
        }
        if (amountMinor <= 0)
            throw new LedgerException.Invalid("transfer " + id + " must move a positive amount, was " + amountMinor);
        Objects.requireNonNull(leg, "leg");
    }

    public static void requireAccount(String account, String field) {
        if (!isAccount(account)) {
            throw new LedgerException.Invalid(field + " '" + account
                    + "' must be 1..128 characters of letters, digits and _.:@/- starting with a letter or digit");
        }
    }

    /** The same check for an import, naming the CSV line. */
    static void requireAccountAt(String account, long line) {
        if (!isAccount(account)) {
            throw new LedgerException.Invalid("line " + line + ": accountId '" + account
                    + "' must be 1..128 characters of letters, digits and _.:@/- starting with a letter or digit");
        }
    }

    /** {@link #ACCOUNT} without a regex: a settled day checks a million of these. */
    static boolean isAccount(String s) {
        if (s == null || s.isEmpty() || s.length() > 128) return false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
            if (!alnum && (i == 0 || "_.:@/-".indexOf(ch) < 0)) return false;
        }
        return true;
    }
}
