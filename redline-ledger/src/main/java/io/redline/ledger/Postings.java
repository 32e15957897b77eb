package io.redline.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The one place transfers become rows and move balances, inside the caller's transaction.
 *
 * <p>Why multi-row statements: a settled day is up to a million transfers; one
 * {@code INSERT … VALUES (…),(…),…} of {@link #ROWS_PER_STATEMENT} rows costs one parse and one
 * round trip instead of hundreds, on both engines. Balances move by one upsert per account and
 * asset with the net delta, so an account credited by two legs of one chunk is updated once
 * (PostgreSQL refuses to upsert one key twice in a statement).
 */
final class Postings {
    /** 500 rows × 11 columns stays far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
    static final int ROWS_PER_STATEMENT = 500;

    private Postings() {}

    /**
     * Inserts the transfers ({@code ON CONFLICT (id) DO NOTHING}) and returns how many were new.
     * The caller decides whether fewer than all is a replay or a broken invariant.
     */
    static int insertTransfers(Handle h, String txId, List<Transfer> transfers, long nowMs) {
        Connection c = h.getConnection();
        int inserted = 0;
        PreparedStatement full = null; // one parse for every full-size statement of the call
        try {
            for (int from = 0; from < transfers.size(); from += ROWS_PER_STATEMENT) {
                int to = Math.min(transfers.size(), from + ROWS_PER_STATEMENT);
                PreparedStatement ps;
                if (to - from == ROWS_PER_STATEMENT) {
                    if (full == null) full = c.prepareStatement(transferInsert(ROWS_PER_STATEMENT));
                    ps = full;
                } else {
                    ps = c.prepareStatement(transferInsert(to - from));
                }
                try {
                    int p = 1;
                    for (int i = from; i < to; i++) {
                        Transfer t = transfers.get(i);
                        ps.setString(p++, t.id());
                        ps.setString(p++, txId);
                        ps.setString(p++, t.debitAccount());
                        ps.setString(p++, t.creditAccount());
                        ps.setString(p++, t.asset());
                        ps.setLong(p++, t.amountMinor());
                        ps.setString(p++, t.campaignId());
                        ps.setString(p++, t.day());
                        ps.setString(p++, t.leg());
                        ps.setString(p++, t.reverses());
                        ps.setLong(p++, nowMs);
                    }
                    inserted += ps.executeUpdate();
                } finally {
                    if (ps != full) ps.close();
                }
            }
            return inserted;
        } catch (SQLException e) {
            throw new IllegalStateException("inserting transfers failed: " + e.getMessage(), e);
        } finally {
            if (full != null) {
                try {
                    full.close();
                } catch (SQLException ignored) {
                    // closing a statement of a connection that is failing anyway
                }
            }
        }
    }

    private static String transferInsert(int rows) {
        StringBuilder sql = new StringBuilder(160 + rows * 26)
                .append("INSERT INTO ledger_transfers (id, tx_id, debit_account, credit_account,"
                        + " asset, amount_minor, campaign_id, day, leg, reverses, posted_at_ms) VALUES ");
        for (int i = 0; i < rows; i++) sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?)");
        return sql.append(" ON CONFLICT (id) DO NOTHING").toString();
    }

    /**
     * Inserts the transfers of transaction {@code txId} and applies their net balance deltas.
     * Accounts not yet open are opened (may go negative); a no-negative account that would go
     * below 0 fails the whole transaction with {@link LedgerException.Conflict}.
     *
     * @return how many transfers were new
     */
    static int apply(Handle h, String txId, List<Transfer> transfers, long nowMs) {
        int inserted = insertTransfers(h, txId, transfers, nowMs);
        Map<Key, Long> deltas = new LinkedHashMap<>();
        for (Transfer t : transfers) {
            deltas.merge(new Key(t.creditAccount(), t.asset()), t.amountMinor(), Math::addExact);
            deltas.merge(new Key(t.debitAccount(), t.asset()), -t.amountMinor(), Math::addExact);
        }
        List<Map.Entry<Key, Long>> credits = new ArrayList<>();
        Map<Key, Long> debits = new HashMap<>();
        for (Map.Entry<Key, Long> e : deltas.entrySet()) {
            if (e.getValue() > 0) credits.add(e);
            else if (e.getValue() < 0) debits.put(e.getKey(), e.getValue());
        }
        upsertBalances(h, credits, nowMs);
        for (Map.Entry<Key, Long> d : debits.entrySet()) debit(h, d.getKey(), -d.getValue(), nowMs);
        return inserted;
    }

    record Key(String account, String asset) {}

    private static void upsertBalances(Handle h, List<Map.Entry<Key, Long>> credits, long nowMs) {
        Connection c = h.getConnection();
        for (int from = 0; from < credits.size(); from += ROWS_PER_STATEMENT) {
            int to = Math.min(credits.size(), from + ROWS_PER_STATEMENT);
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO ledger_accounts (account_id, asset, no_negative, balance_minor, created_at_ms) VALUES ");
            for (int i = from; i < to; i++) sql.append(i == from ? "" : ",").append("(?,?,0,?,?)");
            sql.append(
                    " ON CONFLICT (account_id, asset) DO UPDATE SET balance_minor = ledger_accounts.balance_minor + excluded.balance_minor");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (int i = from; i < to; i++) {
                    Map.Entry<Key, Long> e = credits.get(i);
                    ps.setString(p++, e.getKey().account());
                    ps.setString(p++, e.getKey().asset());
                    ps.setLong(p++, e.getValue());
                    ps.setLong(p++, nowMs);
                }
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("updating balances failed: " + e.getMessage(), e);
            }
        }
    }

    private static void debit(Handle h, Key key, long amountMinor, long nowMs) {
        int moved = h.createUpdate(
                        "UPDATE ledger_accounts SET balance_minor = balance_minor - :amount"
                                + " WHERE account_id = :account AND asset = :asset AND (no_negative = 0 OR balance_minor >= :amount)")
                .bind("amount", amountMinor)
                .bind("account", key.account())
                .bind("asset", key.asset())
                .execute();
        if (moved == 1) return;
        Long balance = h.createQuery(
                        "SELECT balance_minor FROM ledger_accounts WHERE account_id = :account AND asset = :asset")
                .bind("account", key.account())
                .bind("asset", key.asset())
                .mapTo(Long.class)
                .findOne()
                .orElse(null);
        if (balance != null) {
            throw new LedgerException.Conflict(
                    "account " + key.account() + " (" + key.asset() + ") may not go negative: it holds " + balance
                            + " minor units and would be debited " + amountMinor);
        }
        // A debit opens an account that may go negative (an issuer or treasury account).
        h.createUpdate("INSERT INTO ledger_accounts (account_id, asset, no_negative, balance_minor, created_at_ms)"
                        + " VALUES (:account, :asset, 0, :balance, :now)")
                .bind("account", key.account())
                .bind("asset", key.asset())
                .bind("balance", -amountMinor)
                .bind("now", nowMs)
                .execute();
    }

    /** Opens an account (idempotent): {@code ledger_accounts} has one writer, this class. */
    static void openAccount(Handle h, String accountId, String asset, boolean noNegative, long nowMs) {
        Transfer.requireAccount(accountId, "accountId");
        h.createUpdate("INSERT INTO ledger_accounts (account_id, asset, no_negative, balance_minor, created_at_ms)"
                        + " VALUES (:a, :asset, :nn, 0, :now) ON CONFLICT (account_id, asset) DO NOTHING")
                .bind("a", accountId)
                .bind("asset", asset)
                .bind("nn", noNegative ? 1 : 0)
                .bind("now", nowMs)
                .execute();
        int flag = h.createQuery("SELECT no_negative FROM ledger_accounts WHERE account_id = :a AND asset = :asset")
                .bind("a", accountId)
                .bind("asset", asset)
                .mapTo(Integer.class)
                .one();
        if ((flag == 1) != noNegative) {
            throw new LedgerException.Conflict("account " + accountId + " (" + asset + ") exists with no-negative "
                    + (flag == 1) + ", not " + noNegative);
        }
    }
}
