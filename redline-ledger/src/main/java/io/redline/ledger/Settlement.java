package io.redline.ledger;

import io.redline.audit.AuditEvent;
import io.redline.ledger.engine.Campaign;
import io.redline.ledger.engine.CoveredDay;
import io.redline.ledger.engine.DaySettlement;
import io.redline.ledger.engine.Leg;
import io.redline.ledger.engine.Payout;
import io.redline.ledger.engine.PoolDay;
import io.redline.ledger.engine.PoolState;
import io.redline.store.Dialect;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily settlement of hold-to-earn campaigns on the ledger: exact, idempotent, resumable.
 *
 * <p>How a day settles. The plan (every payout of the day) is a pure function of the campaign,
 * the balance history and the state of the pools after the previous day ({@link DaySettlement}).
 * It is computed in full first, because whether the pool runs short depends on the day's total.
 * A {@code ledger_days} row then fixes the plan's digest and totals; the payouts, sorted by
 * account id, are written in chunks of {@link #CHUNK_TRANSFERS} transfers, one database
 * transaction per chunk, each chunk a ledger transaction with id {@code <campaign>/<day>/chunk-<n>}
 * and every transfer id {@code <campaign>/<day>/<account>/<leg>}. A crash anywhere leaves whole
 * chunks; the next run recomputes the same plan (checked by its digest), skips the chunks whose
 * transaction id is recorded and writes the rest. Running a settled day again posts nothing.
 *
 * <p>Why one audit entry per chunk, not per transfer: a settled day of a million accounts would
 * be a million audit entries, each a hash-chain step under the chain's single append lock, more
 * than the whole day's ledger writes cost, and the audit log would be mostly payouts. Instead
 * each chunk appends one {@code ledger.settle_chunk} entry in the same transaction as its
 * transfers, committing to them by count, total and a SHA-256 over every transfer (id, accounts,
 * asset, amount); the day appends one {@code ledger.settle_day} entry with the plan digest. An
 * auditor recomputes a chunk's digest from the transfers table, so a transfer added, removed or
 * altered after the fact breaks the match, and the chain protects the digests themselves.
 */
public final class Settlement {
    private static final Logger log = LoggerFactory.getLogger(Settlement.class);
    /** Transfers per database transaction: ~10k rows is a few hundred milliseconds of SQLite write lock. */
    public static final int CHUNK_TRANSFERS = 10_000;
    /** Rows fetched per round trip when streaming the balance history. */
    private static final int FETCH_SIZE = 10_000;

    /** Told after each committed chunk (progress output; the crash test kills the process on it). */
    public interface Progress {
        void chunkCommitted(LocalDate day, int chunk, int chunks);

        Progress NONE = (day, chunk, chunks) -> {};
    }

    private final Ledger ledger;
    private final int chunkTransfers;
    private final Progress progress;

    public Settlement(Ledger ledger) {
        this(ledger, CHUNK_TRANSFERS, Progress.NONE);
    }

    public Settlement(Ledger ledger, int chunkTransfers, Progress progress) {
        if (chunkTransfers < 1 || chunkTransfers > 100_000)
            throw new IllegalArgumentException("chunkTransfers must be 1..100000, was " + chunkTransfers);
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.chunkTransfers = chunkTransfers;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public static String poolAccount(String campaignId) {
        return "campaign:" + campaignId + ":pool";
    }

    public static String bonusAccount(String campaignId) {
        return "campaign:" + campaignId + ":bonus";
    }

    public static String issuerAccount(String asset) {
        return "issuer:" + asset;
    }

    public static String transferId(String campaignId, LocalDate day, String accountId, Leg leg) {
        return campaignId + "/" + day + "/" + accountId + "/" + leg.wireName();
    }

    // ---------------------------------------------------------------- definitions

    /**
     * Records the campaign under its id and funds its pools from the asset's issuer account, or
     * checks that the id already names this same definition. A different definition under an
     * existing id is refused with a message listing what differs.
     *
     * @return true when this call created the campaign
     */
    public boolean register(Campaign c, io.redline.vocabulary.Actor actor) {
        String canonical = CampaignYaml.canonicalJson(c);
        Optional<Boolean> known =
                ledger.db().jdbi().withHandle(h -> storedDefinition(h, c.id())).map(stored -> same(c, stored));
        if (known.isPresent()) return false;
        return ledger.db().jdbi().inTransaction(h -> {
            ledger.audit().lockForAppend(h);
            Optional<String> stored = storedDefinition(h, c.id());
            if (stored.isPresent()) return !same(c, stored.get());
            long now = ledger.clock().millis();
            insertCampaign(h, c.id(), "hold", canonical, now);
            Ledger.registerAsset(h, c.asset(), c.scale());
            Postings.openAccount(h, poolAccount(c.id()), c.asset(), true, now);
            List<Transfer> funding = new ArrayList<>();
            if (c.poolCapMinor().signum() > 0) {
                funding.add(new Transfer(
                        c.id() + "/fund/pool",
                        issuerAccount(c.asset()),
                        poolAccount(c.id()),
                        c.asset(),
                        c.poolCapMinor().longValueExact(),
                        c.id(),
                        null,
                        "fund",
                        null));
            }
            if (c.bonus() != null) {
                Ledger.registerAsset(h, c.bonus().asset(), c.bonus().scale());
                Postings.openAccount(h, bonusAccount(c.id()), c.bonus().asset(), true, now);
                if (c.bonus().poolMinor().signum() > 0) {
                    funding.add(new Transfer(
                            c.id() + "/fund/bonus",
                            issuerAccount(c.bonus().asset()),
                            bonusAccount(c.id()),
                            c.bonus().asset(),
                            c.bonus().poolMinor().longValueExact(),
                            c.id(),
                            null,
                            "fund",
                            null));
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("definitionSha256", new Digest().add(canonical).hex());
            details.put("poolCapMinor", c.poolCapMinor().toString());
            ledger.audit()
                    .append(
                            h,
                            new AuditEvent(
                                    actor,
                                    "ledger.campaign_create",
                                    new AuditEvent.Target("campaign", c.id()),
                                    Instant.ofEpochMilli(now),
                                    details));
            if (!funding.isEmpty()) ledger.post(h, c.id() + "/fund", "fund", funding, actor, now);
            return true;
        });
    }

    private static boolean same(Campaign given, String storedJson) {
        Campaign stored = CampaignYaml.parse(storedJson);
        List<String> differences = stored.differences(given);
        if (!differences.isEmpty()) {
            throw new LedgerException.Conflict(
                    "campaign id '" + given.id() + "' already names another definition; use a new id for a"
                            + " new definition. What differs: " + String.join("; ", differences));
        }
        return true;
    }

    /**
     * Stores a campaign's definition: the one writer of {@code ledger_campaigns}, for both kinds
     * ({@link Royalties} too). An id another kind of campaign already uses is refused with a 409
     * that says so (it used to reach the primary key as a 500).
     */
    static void insertCampaign(Handle h, String id, String kind, String definition, long now) {
        Optional<String> taken = h.createQuery("SELECT kind FROM ledger_campaigns WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne();
        if (taken.isPresent())
            throw new LedgerException.Conflict("campaign id '" + id + "' is already used by a " + taken.get()
                    + " campaign; a " + kind + " campaign needs an id of its own");
        h.createUpdate(
                        "INSERT INTO ledger_campaigns (id, kind, definition, created_at_ms) VALUES (:id, :kind, :def, :now)")
                .bind("id", id)
                .bind("kind", kind)
                .bind("def", definition)
                .bind("now", now)
                .execute();
    }

    private static Optional<String> storedDefinition(Handle h, String id) {
        return storedDefinition(h, "hold", id);
    }

    /** The stored definition (canonical JSON) of campaign {@code id} of this kind ({@code hold}, {@code royalty}). */
    static Optional<String> storedDefinition(Handle h, String kind, String id) {
        return h.createQuery("SELECT definition FROM ledger_campaigns WHERE id = :id AND kind = :kind")
                .bind("id", id)
                .bind("kind", kind)
                .mapTo(String.class)
                .findOne();
    }

    /** The stored definitions of every campaign of this kind, by id. */
    static List<String> storedDefinitions(Handle h, String kind) {
        return h.createQuery("SELECT definition FROM ledger_campaigns WHERE kind = :kind ORDER BY id")
                .bind("kind", kind)
                .mapTo(String.class)
                .list();
    }

    /** The stored definition of a campaign. */
    public Optional<Campaign> campaign(String id) {
        return ledger.db().jdbi().withHandle(h -> storedDefinition(h, id)).map(CampaignYaml::parse);
    }

    /** Every hold-to-earn campaign, by id. */
    public List<Campaign> campaigns() {
        return ledger.db().jdbi().withHandle(h -> storedDefinitions(h, "hold")).stream()
                .map(CampaignYaml::parse)
                .toList();
    }

    // ---------------------------------------------------------------- settle

    /**
     * Settles every unsettled day of the campaign up to and including {@code through} (days after
     * the window are ignored) and reports every day through it, settled now or before. Each day
     * must have ended: its covered interval's end is not after now.
     */
    public List<DayReport> settleThrough(Campaign c, LocalDate through, io.redline.vocabulary.Actor actor) {
        Objects.requireNonNull(through, "through");
        List<CoveredDay> days =
                endedDaysThrough(
                                c.id(),
                                c.days(),
                                through,
                                d -> c.covered(d).orElseThrow().end())
                        .stream()
                        .map(d -> c.covered(d).orElseThrow())
                        .toList();
        register(c, actor);
        List<DayReport> reports = new ArrayList<>();
        PoolState main = PoolState.full(c.poolCapMinor());
        PoolState bonus = c.bonus() == null ? null : PoolState.full(c.bonus().poolMinor());
        Openings openings = null; // what the next day opens with, once a day of this run has been planned
        for (CoveredDay day : days) {
            Settled settled = settleDay(c, day, main, bonus, actor, openings);
            DayReport report = settled.report();
            openings = settled.next();
            reports.add(report);
            main = new PoolState(BigInteger.valueOf(report.poolRemainingMinor()), report.poolExhausted());
            if (bonus != null)
                bonus = new PoolState(BigInteger.valueOf(report.bonusRemainingMinor()), report.bonusExhausted());
        }
        return reports;
    }

    /**
     * A campaign's days up to and including {@code through} (later days are ignored), every one of
     * which must have ended by now: a day settles once, after it ends, for hold-to-earn and royalty
     * campaigns alike.
     */
    List<LocalDate> endedDaysThrough(
            String campaignId, List<LocalDate> days, LocalDate through, Function<LocalDate, Instant> endOf) {
        Instant now = ledger.clock().instant();
        List<LocalDate> ended = new ArrayList<>();
        for (LocalDate d : days) {
            if (d.isAfter(through)) break;
            Instant end = endOf.apply(d);
            if (end.isAfter(now)) {
                throw new LedgerException.Invalid(
                        "day " + d + " of campaign " + campaignId + " has not ended (it runs until "
                                + end + "); a day settles after it ends: use --through " + d.minusDays(1)
                                + " or later once it is over");
            }
            ended.add(d);
        }
        return ended;
    }

    /** A settled day and what the next day opens with (null when the day was settled before and not planned). */
    private record Settled(DayReport report, Openings next) {}

    private Settled settleDay(
            Campaign c,
            CoveredDay day,
            PoolState mainBefore,
            PoolState bonusBefore,
            io.redline.vocabulary.Actor actor,
            Openings openings) {
        Optional<DayRow> existing = dayRow(c.id(), day.day());
        if (existing.isPresent() && existing.get().settled())
            return new Settled(existing.get().report("already_settled"), null);

        long startedNs = System.nanoTime();
        Openings next = new Openings(day.endMs());
        DaySettlement.Result plan = plan(c, day, mainBefore, bonusBefore, openings, next);
        long plannedNs = System.nanoTime();
        PoolDay main = plan.main();
        PoolDay bonus = plan.bonus();
        DayReport totals = new DayReport(
                c.id(),
                day.day(),
                "running",
                main.accountsPaid(),
                clamp(main.totalDueMinor()),
                main.paidMinor().longValueExact(),
                main.after().remainingMinor().longValueExact(),
                main.after().exhausted(),
                bonus == null ? 0 : bonus.accountsPaid(),
                bonus == null ? 0 : bonus.paidMinor().longValueExact(),
                bonus == null ? 0 : bonus.after().remainingMinor().longValueExact(),
                bonus != null && bonus.after().exhausted());
        DayReport report = writeDay(
                c.id(),
                day.day(),
                plan.payouts(),
                totals,
                existing,
                java.util.Map.of(Leg.POOL, poolAccount(c.id()), Leg.BONUS, bonusAccount(c.id())),
                "balance history or accounts",
                actor);
        log.atInfo()
                .addKeyValue("campaign", c.id())
                .addKeyValue("day", day.day())
                .addKeyValue("payouts", plan.payouts().size())
                .addKeyValue("planMs", (plannedNs - startedNs) / 1_000_000)
                .addKeyValue("writeMs", (System.nanoTime() - plannedNs) / 1_000_000)
                .log("day settled");
        return new Settled(report, next);
    }

    /**
     * Writes a planned day: fixes the plan (digest and totals) in a {@code ledger_days} row, writes
     * the payouts in chunks (skipping chunks an earlier run committed) and marks the day settled.
     * Shared by every campaign kind; {@code debits} names the account each leg is paid from.
     *
     * @param inputs what the plan was computed from, for the message when a resumed day's inputs changed
     */
    DayReport writeDay(
            String campaignId,
            LocalDate day,
            List<Payout> payouts,
            DayReport totals,
            Optional<DayRow> existing,
            Map<Leg, String> debits,
            String inputs,
            io.redline.vocabulary.Actor actor) {
        Digest planDigest = new Digest();
        for (Payout p : payouts) {
            if (!p.day().equals(day)) throw new IllegalArgumentException("payout " + p + " is not for " + day);
            planDigest
                    .text(p.accountId())
                    .ch(',')
                    .text(p.leg().wireName())
                    .ch(',')
                    .text(p.asset())
                    .ch(',')
                    .number(p.amountMinor())
                    .ch('\n');
        }
        String digest = planDigest.hex();
        int chunks = (payouts.size() + chunkTransfers - 1) / chunkTransfers;
        DayRow row = existing.orElseGet(() -> startDay(totals, digest, chunks));
        if (!row.planDigest().equals(digest)) {
            throw new LedgerException.Conflict(
                    "day " + day + " of campaign " + campaignId + " began settling with other inputs (plan digest "
                            + row.planDigest().substring(0, 12) + "…, now " + digest.substring(0, 12)
                            + "…): " + inputs
                            + " for that day changed after its settlement started; restore them to finish the day");
        }
        if (row.chunks() != chunks) {
            throw new IllegalStateException("day " + day + " was cut into " + row.chunks()
                    + " chunks but now into " + chunks + "; resume with the chunk size it started with ("
                    + Settlement.class.getSimpleName() + ".CHUNK_TRANSFERS)");
        }
        String dayText = day.toString();
        ledger.db()
                .jdbi()
                .useHandle(h -> Bulk.during(h, ledger.db().dialect(), () -> {
                    try (Postings.Statements statements = new Postings.Statements(h.getConnection())) {
                        for (int k = 0; k < chunks; k++) {
                            List<Payout> part = payouts.subList(
                                    k * chunkTransfers, Math.min(payouts.size(), (k + 1) * chunkTransfers));
                            SettlementChunk chunk = new SettlementChunk(
                                    campaignId + "/" + dayText + "/chunk-" + k,
                                    campaignId,
                                    dayText,
                                    part,
                                    debits,
                                    ledger.clock().millis());
                            writeChunk(h, day, k, chunk, statements, actor);
                            progress.chunkCommitted(day, k, chunks);
                        }
                    }
                }));
        // Committed with the database's full durability: it makes every chunk before it durable too.
        return finishDay(campaignId, day, row, actor);
    }

    private void writeChunk(
            Handle handle,
            LocalDate day,
            int chunk,
            SettlementChunk rows,
            Postings.Statements statements,
            io.redline.vocabulary.Actor actor) {
        String txId = rows.txId();
        String digest = rows.digest();
        // The audit head is taken last, at the append, not first: the chain's lock is global, and
        // holding it for a whole chunk would stall every decision written meanwhile. Nothing that
        // takes the head first touches a settling campaign's rows except a hand-posted transfer on
        // its pool; should that deadlock, PostgreSQL aborts one side and a re-run resumes.
        handle.useTransaction(h -> {
            Bulk.chunkBegun(h, ledger.db().dialect());
            long now = rows.nowMs();
            if (!Ledger.claimTransaction(h, txId, "settlement", rows.size(), digest, now))
                return; // committed by an earlier run
            Postings.applyChunk(h, ledger.db().dialect(), rows, statements);
            long total = rows.totalMinor();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("day", day.toString());
            details.put("chunk", chunk);
            details.put("transfers", rows.size());
            details.put("amountMinor", total);
            details.put("first", rows.transferId(rows.payouts().getFirst()));
            details.put("last", rows.transferId(rows.payouts().getLast()));
            details.put("sha256", digest);
            ledger.audit()
                    .append(
                            h,
                            new AuditEvent(
                                    actor,
                                    "ledger.settle_chunk",
                                    new AuditEvent.Target("transaction", txId),
                                    Instant.ofEpochMilli(now),
                                    details));
        });
    }

    /**
     * Computes a day's plan from the balance history. The first day a run plans streams the whole
     * history before the day's end in account order; a day that follows it reads only the records
     * inside the day and opens each account with the balance carried in {@code openings}. Either
     * way {@code next} receives every account's last record before the day's end.
     */
    DaySettlement.Result plan(
            Campaign c, CoveredDay day, PoolState mainBefore, PoolState bonusBefore, Openings openings, Openings next) {
        DaySettlement settlement = new DaySettlement(c, day, mainBefore, bonusBefore);
        Set<String> bonusPaid = c.bonus() == null
                ? Set.of()
                : ledger.db()
                        .jdbi()
                        .withHandle(h -> new HashSet<>(h.createQuery(
                                        "SELECT credit_account FROM ledger_transfers WHERE campaign_id = :c AND leg = 'bonus' AND day < :day")
                                .bind("c", c.id())
                                .bind("day", day.day().toString())
                                .mapTo(String.class)
                                .list()));
        boolean carried = openings != null && openings.endMs() == day.startMs();
        // A carried day reads [start, end); a first day everything before the end.
        long fromMs = carried ? day.startMs() : Long.MIN_VALUE;
        Map<String, History> inDay = new HashMap<>();
        ledger.db().jdbi().useHandle(h -> {
            Connection conn = h.getConnection();
            boolean postgres = ledger.db().dialect() == Dialect.POSTGRESQL;
            // PostgreSQL streams with a fetch size only inside a transaction; otherwise it buffers every row.
            if (postgres) h.begin();
            try (PreparedStatement ps =
                    conn.prepareStatement("SELECT b.account_id, b.at_ms, b.balance_minor, h.registered_at_ms"
                            + " FROM ledger_balance_history b LEFT JOIN ledger_holders h ON h.account_id = b.account_id"
                            + " WHERE b.asset = ? AND b.at_ms >= ? AND b.at_ms < ? ORDER BY b.account_id, b.at_ms")) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setString(1, c.asset());
                ps.setLong(2, fromMs);
                ps.setLong(3, day.endMs());
                try (ResultSet rs = ps.executeQuery()) {
                    if (carried) {
                        readGroups(rs, (account, history) -> inDay.put(account, history.copy()));
                    } else {
                        readGroups(rs, (account, history) -> {
                            feed(settlement, bonusPaid, account, history);
                            next.add(account, history.registeredAtMs, history.lastAt(), history.lastBalance());
                        });
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading the balance history failed: " + e.getMessage(), e);
            } finally {
                if (postgres) h.rollback();
            }
        });
        if (carried) {
            // Every account known before the day: its opening record, then its records inside the day.
            History opening = new History();
            for (int i = 0; i < openings.size; i++) {
                String account = openings.accountIds[i];
                History changes = inDay.remove(account);
                opening.reset(openings.registeredAtMs[i]);
                opening.append(openings.atMs[i], openings.balanceMinor[i]);
                if (changes != null)
                    for (int k = 0; k < changes.n; k++) opening.append(changes.at[k], changes.balance[k]);
                feed(settlement, bonusPaid, account, opening);
                openings.atMs[i] = opening.lastAt();
                openings.balanceMinor[i] = opening.lastBalance();
            }
            next.adopt(openings);
            // Accounts whose first record falls inside the day.
            for (Map.Entry<String, History> e : inDay.entrySet()) {
                feed(settlement, bonusPaid, e.getKey(), e.getValue());
                next.add(
                        e.getKey(),
                        e.getValue().registeredAtMs,
                        e.getValue().lastAt(),
                        e.getValue().lastBalance());
            }
        }
        return settlement.finish();
    }

    private static void feed(DaySettlement settlement, Set<String> bonusPaid, String account, History history) {
        settlement.account(
                account,
                history.registeredAtMs == Openings.UNREGISTERED ? null : history.registeredAtMs,
                bonusPaid.contains(account),
                history.at,
                history.balance,
                history.n);
    }

    /** One account's balance records, reused from account to account while streaming. */
    private static final class History {
        long registeredAtMs = Openings.UNREGISTERED;
        long[] at = new long[16];
        long[] balance = new long[16];
        int n;

        void reset(long registeredAtMs) {
            this.registeredAtMs = registeredAtMs;
            n = 0;
        }

        void append(long atMs, long balanceMinor) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                balance = Arrays.copyOf(balance, n * 2);
            }
            at[n] = atMs;
            balance[n] = balanceMinor;
            n++;
        }

        long lastAt() {
            return at[n - 1];
        }

        long lastBalance() {
            return balance[n - 1];
        }

        History copy() {
            History h = new History();
            h.registeredAtMs = registeredAtMs;
            h.at = Arrays.copyOf(at, n);
            h.balance = Arrays.copyOf(balance, n);
            h.n = n;
            return h;
        }
    }

    private interface GroupSink {
        void account(String accountId, History history);
    }

    /** Groups rows ordered by account (then time) into one {@link History} per account. */
    private static void readGroups(ResultSet rs, GroupSink sink) throws SQLException {
        History history = new History();
        String current = null;
        while (rs.next()) {
            String account = rs.getString(1);
            if (!account.equals(current)) {
                if (current != null) sink.account(current, history);
                current = account;
                long r = rs.getLong(4);
                history.reset(rs.wasNull() ? Openings.UNREGISTERED : r);
            }
            history.append(rs.getLong(2), rs.getLong(3));
        }
        if (current != null) sink.account(current, history);
    }

    // ---------------------------------------------------------------- day rows

    record DayRow(
            String campaignId,
            LocalDate day,
            String status,
            String planDigest,
            int chunks,
            long accountsPaid,
            long totalDue,
            long paid,
            long poolRemaining,
            boolean poolExhausted,
            long bonusAccounts,
            long bonusPaid,
            long bonusRemaining,
            boolean bonusExhausted) {
        boolean settled() {
            return "settled".equals(status);
        }

        DayReport report(String reportStatus) {
            return new DayReport(
                    campaignId,
                    day,
                    reportStatus,
                    accountsPaid,
                    totalDue,
                    paid,
                    poolRemaining,
                    poolExhausted,
                    bonusAccounts,
                    bonusPaid,
                    bonusRemaining,
                    bonusExhausted);
        }
    }

    private static final String DAY_COLUMNS =
            "campaign_id, day, status, plan_digest, chunks, accounts_paid, total_due_minor, paid_minor,"
                    + " pool_remaining_minor, pool_exhausted, bonus_accounts_paid, bonus_paid_minor, bonus_remaining_minor, bonus_exhausted";

    private static DayRow mapDay(ResultSet rs) throws SQLException {
        return new DayRow(
                rs.getString(1),
                LocalDate.parse(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getInt(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                rs.getInt(10) == 1,
                rs.getLong(11),
                rs.getLong(12),
                rs.getLong(13),
                rs.getInt(14) == 1);
    }

    Optional<DayRow> dayRow(String campaignId, LocalDate day) {
        return ledger.db()
                .jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT " + DAY_COLUMNS + " FROM ledger_days WHERE campaign_id = :c AND day = :d")
                        .bind("c", campaignId)
                        .bind("d", day.toString())
                        .map((rs, ctx) -> mapDay(rs))
                        .findOne());
    }

    private DayRow startDay(DayReport t, String digest, int chunks) {
        ledger.db()
                .jdbi()
                .useTransaction(h -> h.createUpdate("INSERT INTO ledger_days (" + DAY_COLUMNS
                                + ", started_at_ms) VALUES (:c, :d, 'running',"
                                + " :digest, :chunks, :accounts, :due, :paid, :remaining, :exhausted, :bAccounts, :bPaid, :bRemaining, :bExhausted, :now)"
                                + " ON CONFLICT (campaign_id, day) DO NOTHING")
                        .bind("c", t.campaignId())
                        .bind("d", t.day().toString())
                        .bind("digest", digest)
                        .bind("chunks", chunks)
                        .bind("accounts", t.accountsPaid())
                        .bind("due", t.totalDueMinor())
                        .bind("paid", t.paidMinor())
                        .bind("remaining", t.poolRemainingMinor())
                        .bind("exhausted", t.poolExhausted() ? 1 : 0)
                        .bind("bAccounts", t.bonusAccountsPaid())
                        .bind("bPaid", t.bonusPaidMinor())
                        .bind("bRemaining", t.bonusRemainingMinor())
                        .bind("bExhausted", t.bonusExhausted() ? 1 : 0)
                        .bind("now", ledger.clock().millis())
                        .execute());
        return dayRow(t.campaignId(), t.day()).orElseThrow();
    }

    /** A day's total due can exceed 64 bits only in absurd campaigns; it is reported, not paid, so saturate. */
    private static long clamp(BigInteger v) {
        return v.bitLength() > 62 ? Long.MAX_VALUE : v.longValueExact();
    }

    private DayReport finishDay(String campaignId, LocalDate day, DayRow row, io.redline.vocabulary.Actor actor) {
        ledger.db().jdbi().useTransaction(h -> {
            ledger.audit().lockForAppend(h);
            long now = ledger.clock().millis();
            int moved = h.createUpdate(
                            "UPDATE ledger_days SET status = 'settled', settled_at_ms = :now WHERE campaign_id = :c AND day = :d AND status = 'running'")
                    .bind("now", now)
                    .bind("c", campaignId)
                    .bind("d", day.toString())
                    .execute();
            if (moved == 0) return; // another run finished it meanwhile
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("day", day.toString());
            details.put("planSha256", row.planDigest());
            details.put("chunks", row.chunks());
            details.put("accountsPaid", row.accountsPaid());
            details.put("paidMinor", row.paid());
            details.put("poolRemainingMinor", row.poolRemaining());
            details.put("bonusAccountsPaid", row.bonusAccounts());
            details.put("bonusPaidMinor", row.bonusPaid());
            ledger.audit()
                    .append(
                            h,
                            new AuditEvent(
                                    actor,
                                    "ledger.settle_day",
                                    new AuditEvent.Target("campaign", campaignId),
                                    Instant.ofEpochMilli(now),
                                    details));
        });
        return row.report("settled");
    }

    /** Every day of a campaign settled or started so far, in day order. */
    public List<DayReport> days(String campaignId) {
        return ledger
                .db()
                .jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT " + DAY_COLUMNS + " FROM ledger_days WHERE campaign_id = :c ORDER BY day")
                        .bind("c", campaignId)
                        .map((rs, ctx) -> mapDay(rs))
                        .list())
                .stream()
                .map(r -> r.report(r.status()))
                .toList();
    }

    // ---------------------------------------------------------------- output

    /**
     * Every payout of the campaign for the days through {@code through}, main pool and bonus alike,
     * sorted by day, then account id, then leg, whichever run posted it.
     */
    public void payouts(String campaignId, LocalDate through, Consumer<Payout> sink) {
        ledger.db().jdbi().useHandle(h -> {
            List<String> days = h.createQuery(
                            "SELECT DISTINCT day FROM ledger_transfers WHERE campaign_id = :c AND leg IN ('pool', 'bonus', 'royalty')"
                                    + " AND day <= :through ORDER BY day")
                    .bind("c", campaignId)
                    .bind("through", through.toString())
                    .mapTo(String.class)
                    .list();
            for (String day : days) {
                List<Payout> rows = h.createQuery(
                                "SELECT credit_account, leg, asset, amount_minor FROM ledger_transfers"
                                        + " WHERE campaign_id = :c AND day = :d AND leg IN ('pool', 'bonus', 'royalty')")
                        .bind("c", campaignId)
                        .bind("d", day)
                        .setFetchSize(FETCH_SIZE)
                        .map((rs, ctx) -> new Payout(
                                LocalDate.parse(day),
                                rs.getString(1),
                                Leg.parse(rs.getString(2)),
                                rs.getString(3),
                                rs.getLong(4)))
                        .list();
                // Sorted here, not in SQL: the database's collation of account ids may differ from byte order.
                rows.sort(Comparator.comparing(Payout::accountId).thenComparing(Payout::leg));
                rows.forEach(sink);
            }
        });
    }

    /** The CSV header of {@link #writeCsv}. */
    public static final String CSV_HEADER = "day,accountId,asset,amountMinor";

    /**
     * Writes every payout through {@code through} as CSV: the header {@value #CSV_HEADER}, then one
     * row per payout (main pool and bonus), sorted by day then account id. Whichever run posted
     * them, the output is the same, byte for byte.
     */
    public void writeCsv(String campaignId, LocalDate through, java.io.Writer out) throws java.io.IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        StringBuilder line = new StringBuilder(64);
        java.io.IOException[] failed = new java.io.IOException[1];
        payouts(campaignId, through, p -> {
            if (failed[0] != null) return;
            line.setLength(0);
            line.append(p.day())
                    .append(',')
                    .append(p.accountId())
                    .append(',')
                    .append(p.asset())
                    .append(',')
                    .append(p.amountMinor())
                    .append('\n');
            try {
                out.append(line);
            } catch (java.io.IOException e) {
                failed[0] = e;
            }
        });
        if (failed[0] != null) throw failed[0];
        out.flush();
    }

    // ---------------------------------------------------------------- verify

    /** Adds a problem for every campaign whose payouts exceed a cap or disagree with its settled days; returns campaigns checked. */
    static long verifyCaps(Handle h, List<String> problems) {
        List<String> definitions = storedDefinitions(h, "hold");
        for (String json : definitions) {
            Campaign c = CampaignYaml.parse(json);
            Map<String, Long> paid = new LinkedHashMap<>();
            h.createQuery(
                            "SELECT leg, COALESCE(SUM(amount_minor), 0) FROM ledger_transfers WHERE campaign_id = :c AND leg IN ('pool', 'bonus') GROUP BY leg")
                    .bind("c", c.id())
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> paid.put(e.getKey(), e.getValue()));
            long reversedPool = reversedInto(h, c.id(), poolAccount(c.id()));
            long pool = paid.getOrDefault("pool", 0L) - reversedPool;
            if (BigInteger.valueOf(pool).compareTo(c.poolCapMinor()) > 0) {
                Ledger.add(
                        problems,
                        "campaign " + c.id() + " paid " + pool + " minor units of " + c.asset()
                                + " from its pool, over the cap " + c.poolCapMinor());
            }
            if (c.bonus() != null) {
                long bonus = paid.getOrDefault("bonus", 0L) - reversedInto(h, c.id(), bonusAccount(c.id()));
                if (BigInteger.valueOf(bonus).compareTo(c.bonus().poolMinor()) > 0) {
                    Ledger.add(
                            problems,
                            "campaign " + c.id() + " paid " + bonus + " minor units of "
                                    + c.bonus().asset() + " bonus, over the bonus pool "
                                    + c.bonus().poolMinor());
                }
            }
            Map<String, long[]> byDay = new LinkedHashMap<>();
            h.createQuery(
                            "SELECT day, leg, SUM(amount_minor) FROM ledger_transfers WHERE campaign_id = :c AND leg IN ('pool', 'bonus') GROUP BY day, leg")
                    .bind("c", c.id())
                    .map((rs, ctx) -> {
                        byDay.computeIfAbsent(rs.getString(1), d -> new long[2])[
                                        "pool".equals(rs.getString(2)) ? 0 : 1] =
                                rs.getLong(3);
                        return 0;
                    })
                    .list();
            h.createQuery(
                            "SELECT day, paid_minor, bonus_paid_minor FROM ledger_days WHERE campaign_id = :c AND status = 'settled'")
                    .bind("c", c.id())
                    .map((rs, ctx) -> {
                        long[] posted = byDay.getOrDefault(rs.getString(1), new long[2]);
                        if (posted[0] != rs.getLong(2) || posted[1] != rs.getLong(3)) {
                            Ledger.add(
                                    problems,
                                    "campaign " + c.id() + " day " + rs.getString(1) + " reported " + rs.getLong(2)
                                            + " + " + rs.getLong(3) + " bonus paid but its transfers sum to "
                                            + posted[0] + " + " + posted[1]);
                        }
                        return 0;
                    })
                    .list();
        }
        return definitions.size();
    }

    private static long reversedInto(Handle h, String campaignId, String account) {
        return h.createQuery(
                        "SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_transfers WHERE campaign_id = :c AND leg = 'reversal' AND credit_account = :a")
                .bind("c", campaignId)
                .bind("a", account)
                .mapTo(Long.class)
                .one();
    }
}
