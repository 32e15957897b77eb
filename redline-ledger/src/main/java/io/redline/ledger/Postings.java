package io.redline.ledger;

import io.redline.ledger.engine.Payout;
import io.redline.store.Dialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

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

    // ---------------------------------------------------------------- settlement chunks

    /** Rows per statement of a chunk on SQLite: 2 parameters a row, far below SQLite's 32,766. */
    static final int CHUNK_ROWS_PER_STATEMENT = 1_000;

    /**
     * Writes a settlement chunk whose transaction id the caller has just claimed, so every transfer
     * is new: one already posted means the ledger holds payouts the settlement did not expect, and
     * fails the chunk's transaction. Then credits every payee and debits each leg's pool.
     *
     * <p>Why two writers: PostgreSQL takes the transfers through {@code COPY … FROM STDIN} (one
     * stream per chunk, no statement per row and no parameters) and the balances through one
     * {@code unnest} upsert per asset; SQLite has no COPY but runs in-process, so its cost is in
     * binding: rows of one leg share the transaction, campaign, day, debit account, asset and leg
     * as numbered parameters bound once a statement, the id is concatenated by SQLite, and each row
     * binds two values (account, amount) instead of eleven.
     */
    static void applyChunk(Handle h, Dialect dialect, SettlementChunk chunk, Statements statements) {
        try {
            if (dialect == Dialect.POSTGRESQL) copyTransfers(h.getConnection(), chunk);
            else insertTransfersSharing(statements, chunk);
            Map<String, List<Payout>> byAsset = new LinkedHashMap<>();
            Map<Key, Long> debits = new LinkedHashMap<>();
            for (Payout p : chunk.payouts()) {
                byAsset.computeIfAbsent(p.asset(), a -> new ArrayList<>()).add(p);
                debits.merge(new Key(chunk.debit(p), p.asset()), p.amountMinor(), Math::addExact);
            }
            for (Map.Entry<String, List<Payout>> e : byAsset.entrySet())
                creditPayees(h.getConnection(), statements, dialect, e.getKey(), e.getValue(), chunk.nowMs());
            for (Map.Entry<Key, Long> d : debits.entrySet()) debit(h, d.getKey(), d.getValue(), chunk.nowMs());
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()))
                throw new IllegalStateException(chunk.txId() + ": some of its transfers were already posted outside"
                        + " this chunk; the ledger holds payouts this settlement did not expect");
            throw new IllegalStateException("writing " + chunk.txId() + " failed: " + e.getMessage(), e);
        }
    }

    private static final String TRANSFER_COLUMNS = "id, tx_id, debit_account, credit_account, asset, amount_minor,"
            + " campaign_id, day, leg, reverses, posted_at_ms";

    private static void copyTransfers(Connection c, SettlementChunk chunk) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY ledger_transfers (" + TRANSFER_COLUMNS + ") FROM STDIN");
        try {
            CopyRows rows = new CopyRows(copy);
            String now = Long.toString(chunk.nowMs());
            for (Payout p : chunk.payouts()) {
                rows.field(chunk.campaignId())
                        .raw('/')
                        .text(chunk.day())
                        .raw('/')
                        .text(p.accountId())
                        .raw('/')
                        .text(p.leg().wireName())
                        .next()
                        .field(chunk.txId())
                        .next()
                        .field(chunk.debit(p))
                        .next()
                        .field(p.accountId())
                        .next()
                        .field(p.asset())
                        .next()
                        .field(Long.toString(p.amountMinor()))
                        .next()
                        .field(chunk.campaignId())
                        .next()
                        .field(chunk.day())
                        .next()
                        .field(p.leg().wireName())
                        .next()
                        .raw('\\')
                        .raw('N')
                        .next()
                        .field(now)
                        .raw('\n');
            }
            rows.flush();
            long copied = copy.endCopy();
            if (copied != chunk.size())
                throw new IllegalStateException(
                        chunk.txId() + ": COPY wrote " + copied + " of " + chunk.size() + " rows");
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    /** COPY's text format, buffered: tab between fields, backslash escapes, {@code \N} for null. */
    private static final class CopyRows {
        private final CopyIn copy;
        private final byte[] buffer = new byte[64 * 1024];
        private int size;

        CopyRows(CopyIn copy) {
            this.copy = copy;
        }

        CopyRows field(String s) throws SQLException {
            return text(s);
        }

        CopyRows next() throws SQLException {
            return raw('\t');
        }

        CopyRows raw(char ascii) throws SQLException {
            if (size == buffer.length) flush();
            buffer[size++] = (byte) ascii;
            return this;
        }

        CopyRows text(String s) throws SQLException {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\' -> raw('\\').raw('\\');
                    case '\t' -> raw('\\').raw('t');
                    case '\n' -> raw('\\').raw('n');
                    case '\r' -> raw('\\').raw('r');
                    default -> {
                        if (ch < 0x80) raw(ch);
                        else {
                            // Not reached by validated ids and assets; kept correct for any text.
                            int end = Character.isHighSurrogate(ch) && i + 1 < s.length() ? i + 2 : i + 1;
                            for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                                if (size == buffer.length) flush();
                                buffer[size++] = b;
                            }
                            i = end - 1;
                        }
                    }
                }
            }
            return this;
        }

        void flush() throws SQLException {
            if (size > 0) copy.writeToCopy(buffer, 0, size);
            size = 0;
        }
    }

    /**
     * Prepared statements of one connection, kept for a whole settled day: a 1,000-row statement
     * takes longer to prepare than to run, so each shape is prepared once a day, not once a chunk.
     * A run of rows is cut into statements of 1,000, 100, 10 and 1 rows (four shapes at most).
     */
    static final class Statements implements AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Statements(Connection connection) {
            this.connection = connection;
        }

        PreparedStatement get(String kind, int rows, java.util.function.IntFunction<String> sql) throws SQLException {
            String key = kind + rows;
            PreparedStatement ps = prepared.get(key);
            if (ps == null) {
                ps = connection.prepareStatement(sql.apply(rows));
                prepared.put(key, ps);
            }
            return ps;
        }

        /** The largest statement size (1,000, 100, 10 or 1) not above {@code remaining}. */
        static int rowsFor(int remaining) {
            int rows = CHUNK_ROWS_PER_STATEMENT;
            while (rows > remaining) rows /= 10;
            return rows;
        }

        @Override
        public void close() {
            for (PreparedStatement ps : prepared.values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // the connection is going back to the pool or failing anyway
                }
            }
            prepared.clear();
        }
    }

    private static void insertTransfersSharing(Statements statements, SettlementChunk chunk) throws SQLException {
        // Rows grouped by (leg, asset), each group in account order: a chunk is one or two groups.
        Map<List<Object>, List<Payout>> groups = new LinkedHashMap<>();
        for (Payout p : chunk.payouts())
            groups.computeIfAbsent(List.of(p.leg(), p.asset()), k -> new ArrayList<>())
                    .add(p);
        int inserted = 0;
        for (List<Payout> group : groups.values()) {
            Payout first = group.getFirst();
            for (int from = 0; from < group.size(); ) {
                int rows = Statements.rowsFor(group.size() - from);
                PreparedStatement ps = statements.get("transfers", rows, Postings::sharingInsert);
                ps.setString(1, chunk.txId());
                ps.setString(2, chunk.campaignId());
                ps.setString(3, chunk.day());
                ps.setLong(4, chunk.nowMs());
                ps.setString(5, chunk.debit(first));
                ps.setString(6, first.asset());
                ps.setString(7, first.leg().wireName());
                int param = 8;
                for (int i = from; i < from + rows; i++) {
                    Payout p = group.get(i);
                    ps.setString(param++, p.accountId());
                    ps.setLong(param++, p.amountMinor());
                }
                inserted += ps.executeUpdate();
                from += rows;
            }
        }
        if (inserted != chunk.size()) {
            throw new IllegalStateException(chunk.txId() + ": " + (chunk.size() - inserted)
                    + " of its transfers were already posted outside this chunk; the ledger holds payouts this"
                    + " settlement did not expect");
        }
    }

    /** ?1 tx, ?2 campaign, ?3 day, ?4 now, ?5 debit, ?6 asset, ?7 leg; then account, amount per row. */
    private static String sharingInsert(int rows) {
        StringBuilder sql = new StringBuilder(160 + rows * 64)
                .append("INSERT INTO ledger_transfers (" + TRANSFER_COLUMNS + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            int account = 8 + 2 * i;
            sql.append(i == 0 ? "" : ",")
                    .append("(?2||'/'||?3||'/'||?")
                    .append(account)
                    .append("||'/'||?7,?1,?5,?")
                    .append(account)
                    .append(",?6,?")
                    .append(account + 1)
                    .append(",?2,?3,?7,NULL,?4)");
        }
        return sql.append(" ON CONFLICT (id) DO NOTHING").toString();
    }

    /** Credits every payee of one asset (payouts in account order, so one account's legs are adjacent). */
    private static void creditPayees(
            Connection c, Statements statements, Dialect dialect, String asset, List<Payout> payouts, long nowMs)
            throws SQLException {
        List<String> accounts = new ArrayList<>(payouts.size());
        long[] deltas = new long[payouts.size()];
        for (Payout p : payouts) {
            int last = accounts.size() - 1;
            if (last >= 0 && accounts.get(last).equals(p.accountId()))
                deltas[last] = Math.addExact(deltas[last], p.amountMinor());
            else {
                deltas[accounts.size()] = p.amountMinor();
                accounts.add(p.accountId());
            }
        }
        String upsert = " ON CONFLICT (account_id, asset) DO UPDATE SET balance_minor = ledger_accounts.balance_minor"
                + " + excluded.balance_minor";
        if (dialect == Dialect.POSTGRESQL) {
            Long[] boxed = new Long[accounts.size()];
            for (int i = 0; i < boxed.length; i++) boxed[i] = deltas[i];
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ledger_accounts (account_id, asset, no_negative, balance_minor, created_at_ms)"
                            + " SELECT u.a, ?, 0, u.d, ? FROM unnest(?::text[], ?::bigint[]) AS u(a, d)" + upsert)) {
                ps.setString(1, asset);
                ps.setLong(2, nowMs);
                ps.setArray(3, c.createArrayOf("text", accounts.toArray(new String[0])));
                ps.setArray(4, c.createArrayOf("bigint", boxed));
                ps.executeUpdate();
            }
            return;
        }
        for (int from = 0; from < accounts.size(); ) {
            int rows = Statements.rowsFor(accounts.size() - from);
            PreparedStatement ps = statements.get("balances", rows, n -> sharingUpsert(n, upsert));
            ps.setString(1, asset);
            ps.setLong(2, nowMs);
            int param = 3;
            for (int i = from; i < from + rows; i++) {
                ps.setString(param++, accounts.get(i));
                ps.setLong(param++, deltas[i]);
            }
            ps.executeUpdate();
            from += rows;
        }
    }

    /** ?1 asset, ?2 now; then account, delta per row. */
    private static String sharingUpsert(int rows, String upsert) {
        StringBuilder sql = new StringBuilder(160 + rows * 24)
                .append(
                        "INSERT INTO ledger_accounts (account_id, asset, no_negative, balance_minor, created_at_ms) VALUES ");
        for (int i = 0; i < rows; i++) {
            int account = 3 + 2 * i;
            sql.append(i == 0 ? "" : ",")
                    .append("(?")
                    .append(account)
                    .append(",?1,0,?")
                    .append(account + 1)
                    .append(",?2)");
        }
        return sql.append(upsert).toString();
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
