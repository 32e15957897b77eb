package io.redline.ledger;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.store.Database;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The double-entry ledger: accounts per owner and asset (some may never go negative, such as a
 * campaign's pool), transactions of one or more transfers that apply all-or-nothing, balances that
 * always equal credits minus debits, corrections as reversing transfers. Every transaction id is
 * derived from what it pays, so replaying one posts nothing; every posting is audited (see
 * {@link Settlement} for why a settled chunk has one audit entry rather than one per transfer).
 */
public final class Ledger {
    public static final String CAPABILITY = "ledger";
    /** Legs of one hand-posted transaction; settlement chunks go through {@link Settlement}. */
    public static final int LEGS_MAX = 100;
    /** Statement lines returned at most; the newest are kept. */
    public static final int STATEMENT_LINES_MAX = 10_000;

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    private Ledger(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Migrates the ledger tables and returns the ledger. */
    public static Ledger open(Database db, AuditLog audit, Clock clock) {
        db.migrate(CAPABILITY);
        return new Ledger(
                Objects.requireNonNull(db, "db"),
                Objects.requireNonNull(audit, "audit"),
                Objects.requireNonNull(clock, "clock"));
    }

    Database db() {
        return db;
    }

    AuditLog audit() {
        return audit;
    }

    Clock clock() {
        return clock;
    }

    /** The outcome of {@link #post}: {@code replayed} when the transaction id had been posted before (nothing changed). */
    public record Posted(String txId, int legs, boolean replayed) {}

    /**
     * Opens an account (idempotent). A no-negative account refuses any debit that would take it
     * below 0. Opening an existing account with another flag is a conflict.
     */
    public void openAccount(String accountId, String asset, boolean noNegative) {
        db.jdbi().useTransaction(h -> Postings.openAccount(h, accountId, asset, noNegative, clock.millis()));
    }

    /**
     * Posts a transaction: every leg or none. Replaying the same id with the same legs posts
     * nothing and answers {@code replayed}; the same id with other legs is a conflict.
     */
    public Posted post(String txId, String kind, List<Transfer> legs, io.redline.vocabulary.Actor actor) {
        Objects.requireNonNull(actor, "actor");
        if (txId == null || txId.isBlank() || txId.length() > Transfer.ID_LENGTH_MAX)
            throw new LedgerException.Invalid("transaction id must be 1.." + Transfer.ID_LENGTH_MAX + " characters");
        if (legs == null || legs.isEmpty() || legs.size() > LEGS_MAX)
            throw new LedgerException.Invalid(
                    "a transaction has 1.." + LEGS_MAX + " legs, got " + (legs == null ? 0 : legs.size()));
        if (legs.stream().map(Transfer::id).distinct().count() != legs.size())
            throw new LedgerException.Invalid("transaction " + txId + " names one transfer id twice");
        return db.jdbi().inTransaction(h -> {
            audit.lockForAppend(h);
            return post(h, txId, kind, legs, actor, clock.millis());
        });
    }

    /** Inside the caller's transaction (which has taken the audit append lock). */
    Posted post(
            Handle h, String txId, String kind, List<Transfer> legs, io.redline.vocabulary.Actor actor, long nowMs) {
        String digest = Digest.of(legs);
        if (!claimTransaction(h, txId, kind, legs.size(), digest, nowMs)) return new Posted(txId, legs.size(), true);
        int inserted = Postings.apply(h, txId, legs, nowMs);
        if (inserted != legs.size()) {
            throw new LedgerException.Conflict(
                    "transaction " + txId + ": " + (legs.size() - inserted)
                            + " of its transfer ids were already posted by another transaction; transfer ids name what they pay and are posted once");
        }
        long total = legs.stream().mapToLong(Transfer::amountMinor).sum();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", kind);
        details.put("legs", legs.size());
        details.put("amountMinor", total);
        details.put("digest", digest);
        if (legs.size() <= 10)
            details.put("transfers", legs.stream().map(Transfer::id).toList());
        audit.append(
                h,
                new AuditEvent(
                        actor,
                        "ledger.post",
                        new AuditEvent.Target("transaction", txId),
                        Instant.ofEpochMilli(nowMs),
                        details));
        return new Posted(txId, legs.size(), false);
    }

    /**
     * Records a transaction id, or finds it already recorded: true when this call claimed it.
     * A recorded id with another digest means different legs under the same id: refused.
     */
    static boolean claimTransaction(Handle h, String txId, String kind, int legs, String digest, long nowMs) {
        int claimed = h.createUpdate(
                        "INSERT INTO ledger_transactions (id, kind, legs, digest, posted_at_ms) VALUES (:id, :kind, :legs, :digest, :now)"
                                + " ON CONFLICT (id) DO NOTHING")
                .bind("id", txId)
                .bind("kind", kind)
                .bind("legs", legs)
                .bind("digest", digest)
                .bind("now", nowMs)
                .execute();
        if (claimed == 1) return true;
        String stored = h.createQuery("SELECT digest FROM ledger_transactions WHERE id = :id")
                .bind("id", txId)
                .mapTo(String.class)
                .one();
        if (!stored.equals(digest)) {
            throw new LedgerException.Conflict("transaction " + txId + " was already posted with other legs (digest "
                    + stored.substring(0, 12) + "…, this one " + digest.substring(0, 12)
                    + "…); post a correction under a new id instead");
        }
        return false;
    }

    /**
     * Undoes a transfer with a reversing transfer (id {@code reversal/<id>}): never an edit.
     * Reversing twice posts nothing the second time.
     */
    public Posted reverse(String transferId, String reason, io.redline.vocabulary.Actor actor) {
        Transfer original = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT id, debit_account, credit_account, asset, amount_minor,"
                                + " campaign_id, day, leg, reverses FROM ledger_transfers WHERE id = :id")
                        .bind("id", transferId)
                        .map((rs, ctx) -> new Transfer(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getLong(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getString(8),
                                rs.getString(9)))
                        .findOne())
                .orElseThrow(() -> new LedgerException.NotFound("no transfer " + transferId));
        if (original.reverses() != null)
            throw new LedgerException.Invalid(
                    "transfer " + transferId + " is itself a reversal; post a new transfer instead");
        String id = "reversal/" + transferId;
        Transfer reversal = new Transfer(
                id,
                original.creditAccount(),
                original.debitAccount(),
                original.asset(),
                original.amountMinor(),
                original.campaignId(),
                original.day(),
                "reversal",
                transferId);
        return post(
                id,
                "reversal" + (reason == null || reason.isBlank() ? "" : ":" + reason.strip()),
                List.of(reversal),
                actor);
    }

    /** The balance of an account in minor units; empty when the account does not exist. */
    public Optional<Long> balance(String accountId, String asset) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT balance_minor FROM ledger_accounts WHERE account_id = :a AND asset = :asset")
                        .bind("a", accountId)
                        .bind("asset", asset)
                        .mapTo(Long.class)
                        .findOne());
    }

    /** The assets an account holds (for statements across assets). */
    public List<String> assetsOf(String accountId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT asset FROM ledger_accounts WHERE account_id = :a ORDER BY asset")
                        .bind("a", accountId)
                        .mapTo(String.class)
                        .list());
    }

    /** The scale (decimals) of an asset, once an import or campaign has fixed it. */
    public Optional<Integer> scaleOf(String asset) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT scale FROM ledger_assets WHERE asset = :asset")
                        .bind("asset", asset)
                        .mapTo(Integer.class)
                        .findOne());
    }

    /** Fixes an asset's scale on first use; another scale later is a conflict (amounts would change meaning). */
    static void registerAsset(Handle h, String asset, int scale) {
        h.createUpdate(
                        "INSERT INTO ledger_assets (asset, scale) VALUES (:asset, :scale) ON CONFLICT (asset) DO NOTHING")
                .bind("asset", asset)
                .bind("scale", scale)
                .execute();
        int stored = h.createQuery("SELECT scale FROM ledger_assets WHERE asset = :asset")
                .bind("asset", asset)
                .mapTo(Integer.class)
                .one();
        if (stored != scale) {
            throw new LedgerException.Conflict("asset " + asset + " has scale " + stored + " (" + stored
                    + " decimals) in this ledger, not " + scale);
        }
    }

    /** An account's statement for one asset, oldest line first, with the running balance. */
    public Statement statement(String accountId, String asset, int linesMax) {
        if (linesMax < 1 || linesMax > STATEMENT_LINES_MAX)
            throw new LedgerException.Invalid("limit must be 1.." + STATEMENT_LINES_MAX);
        return db.jdbi().withHandle(h -> {
            long balance = h.createQuery(
                            "SELECT balance_minor FROM ledger_accounts WHERE account_id = :a AND asset = :asset")
                    .bind("a", accountId)
                    .bind("asset", asset)
                    .mapTo(Long.class)
                    .findOne()
                    .orElseThrow(() -> new LedgerException.NotFound("account " + accountId + " holds no " + asset));
            int scale = h.createQuery("SELECT scale FROM ledger_assets WHERE asset = :asset")
                    .bind("asset", asset)
                    .mapTo(Integer.class)
                    .findOne()
                    .orElse(0);
            // Pool and bonus legs debit only campaign pools, whose history is their settled days, not a statement.
            List<StatementLine> newestFirst = h.createQuery(
                            "SELECT id, day, campaign_id, leg, debit_account, credit_account, amount_minor, posted_at_ms, reverses"
                                    + " FROM ledger_transfers WHERE asset = :asset AND credit_account = :a"
                                    + " UNION ALL SELECT id, day, campaign_id, leg, debit_account, credit_account, amount_minor, posted_at_ms, reverses"
                                    + " FROM ledger_transfers WHERE asset = :asset AND debit_account = :a AND leg NOT IN ('pool', 'bonus')"
                                    + " ORDER BY posted_at_ms DESC, id DESC LIMIT :limit")
                    .bind("a", accountId)
                    .bind("asset", asset)
                    .bind("limit", linesMax + 1)
                    .map((rs, ctx) -> {
                        boolean credit = accountId.equals(rs.getString(6));
                        long amount = credit ? rs.getLong(7) : -rs.getLong(7);
                        return new StatementLine(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                credit ? rs.getString(5) : rs.getString(6),
                                amount,
                                0,
                                rs.getLong(8),
                                rs.getString(9));
                    })
                    .list();
            boolean truncated = newestFirst.size() > linesMax;
            List<StatementLine> kept = truncated ? newestFirst.subList(0, linesMax) : newestFirst;
            List<StatementLine> lines = new ArrayList<>(kept.size());
            long running = balance;
            // Walk back from the current balance so each line shows the balance after it.
            for (StatementLine l : kept) {
                lines.add(new StatementLine(
                        l.transferId(),
                        l.day(),
                        l.campaignId(),
                        l.leg(),
                        l.counterparty(),
                        l.amountMinor(),
                        running,
                        l.postedAtMs(),
                        l.reverses()));
                running -= l.amountMinor();
            }
            java.util.Collections.reverse(lines);
            return new Statement(accountId, asset, scale, balance, List.copyOf(lines), truncated);
        });
    }

    /**
     * Checks the books: every account's balance equals its credits minus its debits, no
     * no-negative account is below 0, every transaction has the legs it recorded, and every
     * campaign paid at most its pool caps.
     */
    public VerifyReport verify() {
        return db.jdbi().withHandle(h -> {
            List<String> problems = new ArrayList<>();
            h.createQuery("SELECT a.account_id, a.asset, a.balance_minor, COALESCE(c.s, 0) - COALESCE(d.s, 0)"
                            + " FROM ledger_accounts a"
                            + " LEFT JOIN (SELECT credit_account, asset, SUM(amount_minor) AS s FROM ledger_transfers GROUP BY credit_account, asset) c"
                            + "   ON c.credit_account = a.account_id AND c.asset = a.asset"
                            + " LEFT JOIN (SELECT debit_account, asset, SUM(amount_minor) AS s FROM ledger_transfers GROUP BY debit_account, asset) d"
                            + "   ON d.debit_account = a.account_id AND d.asset = a.asset"
                            + " WHERE a.balance_minor <> COALESCE(c.s, 0) - COALESCE(d.s, 0)")
                    .map((rs, ctx) -> "account " + rs.getString(1) + " (" + rs.getString(2) + ") has balance "
                            + rs.getLong(3) + " but its postings sum to " + rs.getLong(4))
                    .forEach(p -> add(problems, p));
            h.createQuery(
                            "SELECT t.credit_account, t.asset FROM ledger_transfers t"
                                    + " LEFT JOIN ledger_accounts a ON a.account_id = t.credit_account AND a.asset = t.asset WHERE a.account_id IS NULL"
                                    + " UNION SELECT t.debit_account, t.asset FROM ledger_transfers t"
                                    + " LEFT JOIN ledger_accounts a ON a.account_id = t.debit_account AND a.asset = t.asset WHERE a.account_id IS NULL")
                    .map((rs, ctx) -> "transfers touch account " + rs.getString(1) + " (" + rs.getString(2)
                            + ") which does not exist")
                    .forEach(p -> add(problems, p));
            h.createQuery(
                            "SELECT account_id, asset, balance_minor FROM ledger_accounts WHERE no_negative = 1 AND balance_minor < 0")
                    .map((rs, ctx) -> "no-negative account " + rs.getString(1) + " (" + rs.getString(2) + ") is at "
                            + rs.getLong(3))
                    .forEach(p -> add(problems, p));
            h.createQuery("SELECT x.id, x.legs, COALESCE(c.n, 0) FROM ledger_transactions x"
                            + " LEFT JOIN (SELECT tx_id, COUNT(*) AS n FROM ledger_transfers GROUP BY tx_id) c ON c.tx_id = x.id"
                            + " WHERE COALESCE(c.n, 0) <> x.legs")
                    .map((rs, ctx) -> "transaction " + rs.getString(1) + " recorded " + rs.getInt(2) + " legs but has "
                            + rs.getLong(3) + " transfers")
                    .forEach(p -> add(problems, p));
            long campaigns = Settlement.verifyCaps(h, problems) + Royalties.verifyCaps(h, problems);
            long accounts = h.createQuery("SELECT COUNT(*) FROM ledger_accounts")
                    .mapTo(Long.class)
                    .one();
            long transfers = h.createQuery("SELECT COUNT(*) FROM ledger_transfers")
                    .mapTo(Long.class)
                    .one();
            return new VerifyReport(accounts, transfers, campaigns, List.copyOf(problems));
        });
    }

    static void add(List<String> problems, String problem) {
        if (problems.size() < VerifyReport.PROBLEMS_MAX) problems.add(problem);
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }
}
