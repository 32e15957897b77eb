package io.redline.audit;

import io.redline.audit.VerifyResult.Broken;
import io.redline.audit.VerifyResult.Intact;
import io.redline.audit.VerifyResult.Reason;
import io.redline.store.BeforeCommit;
import io.redline.store.BulkInsert;
import io.redline.store.Database;
import io.redline.store.Dialect;
import io.redline.store.GroupCommit;
import io.redline.store.HotStatements;
import io.redline.store.Ids;
import io.redline.store.TransactionMemo;
import java.io.IOException;
import java.io.Writer;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained audit log: the API other capabilities call to record privileged
 * actions and decisions, and the one the server exposes for verification, export and search.
 *
 * <p><b>Chains.</b> The log is up to {@link #CHAINS_MAX} independent hash chains. Chain {@code k}
 * owns the seqs {@code k * CHAIN_SEQ_SPAN + 1 .. (k + 1) * CHAIN_SEQ_SPAN - 1}, so seq stays every
 * entry's unique key and, being hashed into the entry, binds it to its chain. A log appends to one
 * chain: chain 0 (the server, the CLI, everything single-process), or the chain a Kafka worker
 * process leased ({@link #leaseChain}), so workers sharing one PostgreSQL never queue on each
 * other's head. Verification, anchors and retention cover every chain (docs/audit.md, "Chains").
 *
 * <p>Appends to one chain are serialised through its {@code audit_head} row: each append reads the
 * head (locking it on PostgreSQL with {@code FOR UPDATE}; SQLite's {@code BEGIN IMMEDIATE} already
 * admits one writer), then compare-and-sets it to the new seq and hash in the same transaction
 * as the entry insert. Two appenders can therefore never both extend the same head, whether
 * they are threads or processes sharing one PostgreSQL.
 *
 * <p>Everything that reads many entries (verify, export, purge) walks in bounded pages by seq.
 */
public final class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** Most events one {@link #appendAll} call accepts: bounds the transaction and the lock hold. */
    public static final int APPEND_BATCH_MAX = 1_000;
    /** Entries deleted per purge transaction (each preceded by its own purge anchor). */
    static final int PURGE_BATCH = 10_000;

    private static final int CAS_ATTEMPTS_MAX = 10;

    /**
     * Seqs per chain: 2^40, about 35 years of 1,000 appends a second. With {@link #CHAINS_MAX}
     * chains every seq stays below 2^53, so it is an exact number in JSON.
     */
    public static final long CHAIN_SEQ_SPAN = 1L << 40;
    /** Chains the log may have (the schema's CHECK agrees): chain 0 plus one per concurrent worker process. */
    public static final int CHAINS_MAX = 64;

    private final Database db;
    private final AuditRetention retention;
    private final Clock clock;
    private final Ids ids = new Ids();
    private final int chain;
    // The append's statements name the chain as a literal: one cached statement per chain and
    // sql text, the same statements per append as before chains.
    private final String headSql;
    private final String headForUpdateSql;
    private final String headUpdateSql;
    /** This chain's head row in {@link BeforeCommit}: one key per chain, shared by every AuditLog on it. */
    private final String pendingKey;
    /**
     * The head this process last wrote or locked: the first guess of the next append, which then
     * needs no read of the head (on the group-commit writer that read was one statement per item,
     * a round trip on PostgreSQL). The compare-and-set checks seq and hash, so a wrong guess (another
     * process appended to this chain, a transaction rolled back, a test edited the head) only costs a re-read.
     */
    private volatile Head lastHead;

    private AuditLog(Database db, AuditRetention retention, Clock clock, int chain) {
        if (chain < 0 || chain >= CHAINS_MAX)
            throw new IllegalArgumentException("chain must be 0.." + (CHAINS_MAX - 1) + ", was " + chain);
        this.db = db;
        this.retention = retention;
        this.clock = clock;
        this.chain = chain;
        this.headSql = "SELECT seq, hash FROM audit_head WHERE chain = " + chain;
        this.headForUpdateSql = headSql + " FOR UPDATE";
        this.headUpdateSql =
                "UPDATE audit_head SET seq = ? , hash = ? WHERE chain = " + chain + " AND seq = ? AND hash = ?";
        this.pendingKey = "audit.head." + chain;
    }

    /** Migrates the audit tables and returns the log with the default retention (365 days). */
    public static AuditLog open(Database db) {
        return open(db, AuditRetention.DEFAULT, Clock.systemUTC());
    }

    public static AuditLog open(Database db, AuditRetention retention, Clock clock) {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(clock, "clock");
        migrate(db);
        return new AuditLog(db, retention, clock, 0);
    }

    /** The chain this log appends to. */
    public int chain() {
        return chain;
    }

    /**
     * This log appending to chain {@code chain} (created empty if it has none yet). Appenders on
     * different chains never wait for each other; appenders on one chain are serialised as ever.
     * Processes should take their chain from {@link #leaseChain}, which keeps two of them off one.
     */
    public AuditLog onChain(int chain) {
        AuditLog log = new AuditLog(db, retention, clock, chain);
        if (chain != 0) {
            db.jdbi()
                    .useHandle(h -> h.execute(
                            "INSERT INTO audit_head (chain, seq, hash) VALUES (?, ?, ?) ON CONFLICT (chain) DO NOTHING",
                            chain,
                            ChainWalk.base(chain),
                            HashChain.GENESIS_HASH));
        }
        return log;
    }

    /**
     * Leases a chain of its own for this process (a Kafka worker): on PostgreSQL the first of chains
     * 1..{@code CHAINS_MAX - 1} whose session advisory lock it can take, held on a connection of its
     * own until {@link ChainLease#close} or the process dies (PostgreSQL then frees it for the
     * next worker). With every chain leased, or on SQLite (one writer anyway), the lease is chain 0.
     * The lease is for throughput only: correctness never depends on it, since two appenders that
     * do share a chain are serialised by its head row.
     */
    public ChainLease leaseChain() {
        if (db.dialect() != Dialect.POSTGRESQL) return new ChainLease(this, null);
        java.sql.Connection c = null;
        try {
            c = db.dataSource().getConnection();
            c.setAutoCommit(true);
            try (var ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                for (int k = 1; k < CHAINS_MAX; k++) {
                    ps.setInt(1, CHAIN_LEASE_LOCK_CLASS);
                    ps.setInt(2, k);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            log.atInfo().addKeyValue("chain", k).log("audit chain leased");
                            return new ChainLease(onChain(k), c);
                        }
                    }
                }
            }
            c.close();
        } catch (java.sql.SQLException e) {
            try {
                if (c != null) c.close();
            } catch (java.sql.SQLException ignored) {
                // the lease failed already; the connection goes back to the pool or is discarded
            }
            throw new IllegalStateException("could not lease an audit chain: " + e.getMessage(), e);
        }
        log.atWarn()
                .addKeyValue("chains", CHAINS_MAX - 1)
                .log("every audit chain is leased; appending to chain 0, serialised with the server");
        return new ChainLease(this, null);
    }

    /** The advisory-lock class of chain leases ("RLAC"), so they cannot collide with other advisory locks. */
    static final int CHAIN_LEASE_LOCK_CLASS = 0x524C4143;

    /** A chain held by this process; closing it frees the chain for another worker. */
    public static final class ChainLease implements AutoCloseable {
        private final AuditLog log;
        private final java.sql.Connection connection;

        ChainLease(AuditLog log, java.sql.Connection connection) {
            this.log = log;
            this.connection = connection;
        }

        /** The audit log appending to the leased chain. */
        public AuditLog log() {
            return log;
        }

        @Override
        public void close() {
            if (connection == null) return;
            try (connection) {
                try (var ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                    ps.setInt(1, CHAIN_LEASE_LOCK_CLASS);
                    ps.setInt(2, log.chain());
                    ps.execute();
                }
            } catch (java.sql.SQLException e) {
                // Closing the connection ends the session, which frees the lock anyway.
                AuditLog.log.atWarn().addKeyValue("chain", log.chain()).log("audit chain lease not released cleanly");
            }
        }
    }

    /** The audit capability's tables, Flyway history {@code audit}. Idempotent; safe on every start. */
    public static void migrate(Database db) {
        db.migrate("audit");
    }

    public AuditRetention retention() {
        return retention;
    }

    // ---------------------------------------------------------------- append

    /** Appends one event in its own transaction. */
    public AuditEntry append(AuditEvent event) {
        return appendAll(List.of(event)).getFirst();
    }

    /**
     * Appends inside the caller's transaction, so a capability's change and its audit entry commit
     * or roll back together. Call it last in the transaction: this log's chain head stays locked
     * until the caller commits, and every other appender to that chain waits for it. On PostgreSQL the transaction
     * must be READ COMMITTED (the default). A handle outside a transaction gets its own.
     */
    public AuditEntry append(Handle handle, AuditEvent event) {
        return appendAll(handle, List.of(event)).getFirst();
    }

    /**
     * Takes the append lock now, inside the caller's transaction. A transaction that will append
     * after writing rows other writers may also touch (first decisions, unique keys) calls this
     * first, so every such writer queues on the head before holding anything else: on PostgreSQL,
     * taking the head last would let two processes on one chain deadlock (each holding a row the
     * other needs). Writers on different chains hold different heads (docs/scale.md, lock order).
     * No-op on SQLite, whose {@code BEGIN IMMEDIATE} already admits one writer, and after the first
     * call in a transaction (the lock is held to its end; see {@link TransactionMemo}).
     */
    public void lockForAppend(Handle handle) {
        if (db.dialect() == Dialect.POSTGRESQL && TransactionMemo.first(handle, headForUpdateSql))
            lastHead = hotHead(handle, true);
    }

    /** Appends up to {@link #APPEND_BATCH_MAX} events as consecutive entries in one transaction. */
    public List<AuditEntry> appendAll(List<AuditEvent> events) {
        return db.jdbi().inTransaction(h -> appendAll(h, events));
    }

    /** Batch form of {@link #append(Handle, AuditEvent)}; the entries get consecutive seqs in list order. */
    public List<AuditEntry> appendAll(Handle handle, List<AuditEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty() || events.size() > APPEND_BATCH_MAX) {
            throw new IllegalArgumentException(
                    "append 1.." + APPEND_BATCH_MAX + " events at a time, got " + events.size());
        }
        events.forEach(e -> Objects.requireNonNull(e, "event"));
        if (!handle.isInTransaction()) return handle.inTransaction(h -> appendAll(h, events));

        MessageDigest sha256 = HashChain.sha256();
        PendingHead pending = BeforeCommit.pending(handle, pendingKey);
        if (pending != null) {
            // This group's transaction moved the head with its first append and holds it (the
            // row's lock on PostgreSQL, the one writer on SQLite): chain on from the latest entry
            // and leave the entries and the row to one batch and one update before the commit.
            List<AuditEntry> entries = chainFrom(pending.latest, events, sha256);
            pending.entries.addAll(entries);
            pending.latest = lastHead =
                    new Head(entries.getLast().seq(), entries.getLast().hash());
            return entries;
        }
        boolean lock = db.dialect() == Dialect.POSTGRESQL;
        Head guess = lastHead;
        for (int attempt = 1; attempt <= CAS_ATTEMPTS_MAX; attempt++) {
            Head head = attempt == 1 && guess != null ? guess : hotHead(handle, lock);
            List<AuditEntry> entries = chainFrom(head, events, sha256);
            long seq = entries.getLast().seq();
            String hash = entries.getLast().hash();
            // The compare-and-set is the real guard; the row lock only avoids wasted attempts.
            int moved = HotStatements.update(handle, headUpdateSql, seq, hash, head.seq(), head.hash());
            if (moved == 1) {
                insert(handle, entries);
                lastHead = new Head(seq, hash);
                if (BeforeCommit.offered(handle)) BeforeCommit.work(handle, pendingKey, () -> new PendingHead(handle));
                return entries;
            }
        }
        throw new IllegalStateException("audit head kept moving during " + CAS_ATTEMPTS_MAX
                + " append attempts; is the caller's transaction REPEATABLE READ or SERIALIZABLE?");
    }

    /** The entries for {@code events}, chained on from {@code head}. */
    private List<AuditEntry> chainFrom(Head head, List<AuditEvent> events, MessageDigest sha256) {
        if (head.seq() + events.size() > ChainWalk.last(chain))
            throw new IllegalStateException("audit chain " + chain + " is full (" + (CHAIN_SEQ_SPAN - 1)
                    + " entries); append to another chain");
        List<AuditEntry> entries = new ArrayList<>(events.size());
        String prev = head.hash();
        long seq = head.seq();
        for (AuditEvent event : events) {
            seq++;
            String hash = HashChain.hash(sha256, prev, AuditEntry.contentJson(seq, event));
            entries.add(new AuditEntry(seq, event, prev, hash));
            prev = hash;
        }
        return entries;
    }

    /**
     * The head row of this chain in a {@link GroupCommit} group's transaction after its first
     * append: later appends of the group (every AuditLog on this chain: the key is the chain's)
     * only chain on in memory; before the commit, in the same transaction, their entries are
     * inserted in one batch and the row moves from {@code written} to {@code latest} once. Per
     * group one batch and one head update, instead of an insert and an update per item (each a
     * round trip on PostgreSQL, on the one writer thread).
     */
    private final class PendingHead implements Runnable {
        private final Handle handle;
        private final Head written;
        private final List<AuditEntry> entries = new ArrayList<>();
        private Head latest;

        PendingHead(Handle handle) {
            this.handle = handle;
            this.written = this.latest = lastHead;
        }

        @Override
        public void run() {
            if (latest.equals(written)) return;
            insert(handle, entries);
            int moved = HotStatements.update(
                    handle, headUpdateSql, latest.seq(), latest.hash(), written.seq(), written.hash());
            // The transaction has held the head since it wrote `written`: nobody can have moved it.
            if (moved != 1)
                throw new IllegalStateException(
                        "audit chain " + chain + "'s head moved while this transaction held it");
        }
    }

    /**
     * Appending is on every decision's path (the group-commit writer): plain JDBC ({@link
     * HotStatements}), and a group's pending entries go in one statement on PostgreSQL ({@link
     * BulkInsert}) instead of a Bind/Execute per entry.
     */
    private static final BulkInsert INSERT = BulkInsert.into(
            "audit_entries",
            null,
            "seq int8",
            "occurred_at_ms int8",
            "actor_id text",
            "actor_role text",
            "action text",
            "target_type text",
            "target_id text",
            "details text",
            "prev_hash text",
            "hash text");

    private void insert(Handle handle, List<AuditEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) rows.add(row(e));
        // At once, never collected: the entries must land with the head row that names them.
        INSERT.insertNow(handle, db.dialect(), rows);
    }

    /** An entry's values in {@link StoredEntry#COLUMNS} order, as stored. */
    static Object[] row(AuditEntry e) {
        AuditEvent ev = e.event();
        return new Object[] {
            e.seq(),
            ev.occurredAt().toEpochMilli(),
            ev.actor().id(),
            ev.actor().role(),
            ev.action(),
            ev.target().type(),
            ev.target().id(),
            ev.detailsJson(),
            e.prevHash(),
            e.hash()
        };
    }

    private record Head(long seq, String hash) {}

    private Head hotHead(Handle handle, boolean forUpdate) {
        return HotStatements.with(handle, forUpdate ? headForUpdateSql : headSql, ps -> {
            try (var rs = ps.executeQuery()) {
                if (!rs.next())
                    throw new IllegalStateException(
                            "audit_head has no row for chain " + chain + "; the audit schema was not migrated");
                return new Head(rs.getLong(1), rs.getString(2));
            }
        });
    }

    // ---------------------------------------------------------------- verify and anchors

    /** Walks every chain's retained entries and checks each ends at its recorded head. */
    public VerifyResult verify() {
        return verify(1, Long.MAX_VALUE);
    }

    /**
     * Walks entries {@code fromSeq..toSeq} of every chain the range meets (clamped to what retention
     * kept and to each chain's head). The entry before {@code fromSeq} is trusted as the starting
     * link; a chain's head is checked only when the range reaches it. An entry in the range that no
     * chain accounts for is reported as inserted. The first broken chain is the result.
     */
    public VerifyResult verify(long fromSeq, long toSeq) {
        if (fromSeq < 1 || toSeq < fromSeq) {
            throw new IllegalArgumentException(
                    "verify range must satisfy 1 <= fromSeq <= toSeq, got " + fromSeq + ".." + toSeq);
        }
        long startedNs = System.nanoTime();
        VerifyResult result = db.jdbi().withHandle(h -> {
            List<ChainWalk.Head> heads = ChainWalk.heads(h);
            List<VerifyResult> intact = new ArrayList<>();
            for (ChainWalk.Head head : heads) {
                int c = head.chain();
                if (toSeq <= ChainWalk.base(c) || fromSeq > ChainWalk.last(c)) continue;
                VerifyResult r = verifyChain(h, c, fromSeq, Math.min(toSeq, ChainWalk.last(c)));
                if (!r.ok()) return r;
                intact.add(r);
            }
            Optional<Long> stray = ChainWalk.stray(h, heads, fromSeq, toSeq);
            if (stray.isPresent()) {
                long seq = stray.get();
                return new Broken(
                        fromSeq,
                        seq,
                        intact.stream().mapToLong(VerifyResult::entriesChecked).sum(),
                        seq,
                        Reason.ENTRY_INSERTED,
                        "entry " + seq + " belongs to no audit chain (chain " + ChainWalk.chainOf(seq)
                                + " has no head): it was written around the audit log");
            }
            return combined(intact, fromSeq);
        });
        log.atInfo()
                .addKeyValue("ok", result.ok())
                .addKeyValue("entries", result.entriesChecked())
                .addKeyValue("ms", (System.nanoTime() - startedNs) / 1_000_000)
                .log("audit chain verified");
        return result;
    }

    /**
     * One chain's walk. A purge committing mid-walk deletes entries the walk expected; that is not
     * tampering, so a break seen while the purge horizon moved is re-checked once from the new horizon.
     */
    private static VerifyResult verifyChain(Handle h, int chain, long fromSeq, long toSeq) {
        long horizonSeq = ChainWalk.horizon(h, chain).seq();
        VerifyResult first = new ChainWalk(h, chain).verify(fromSeq, toSeq);
        if (first.ok() || ChainWalk.horizon(h, chain).seq() == horizonSeq) return first;
        return new ChainWalk(h, chain).verify(fromSeq, toSeq);
    }

    /** Several chains' intact walks as one result: the first chain's range and hash, every chain's count. */
    private static VerifyResult combined(List<VerifyResult> intact, long fromSeq) {
        if (intact.isEmpty()) return new Intact(fromSeq, fromSeq - 1, 0, HashChain.GENESIS_HASH, 0);
        if (intact.size() == 1) return intact.getFirst();
        Intact first = (Intact) intact.getFirst();
        long checked = intact.stream().mapToLong(VerifyResult::entriesChecked).sum();
        return new Intact(first.fromSeq(), first.toSeq(), checked, first.lastHash(), intact.size());
    }

    /** Entries a start-up check walks when no anchor bounds it: about a second of work on the reference machine. */
    public static final long TAIL_ENTRIES_MAX = 100_000;

    /**
     * The check a server runs when it starts, before it appends anything: the tail of the chain
     * since the newest anchor (checkpoint or purge), or the newest {@link #TAIL_ENTRIES_MAX}
     * entries when there is none, must verify up to the recorded head. Catches a chain edited
     * while the server was down, which appending onto would otherwise bury.
     */
    public VerifyResult verifyTail() {
        List<VerifyResult> intact = new ArrayList<>();
        List<ChainWalk.Head> heads = db.jdbi().withHandle(ChainWalk::heads);
        for (ChainWalk.Head head : heads) {
            int c = head.chain();
            long base = ChainWalk.base(c);
            Optional<Long> newest = db.jdbi()
                    .withHandle(
                            h -> h.createQuery("SELECT MAX(seq) FROM audit_anchors WHERE seq > :base AND seq <= :last")
                                    .bind("base", base)
                                    .bind("last", ChainWalk.last(c))
                                    .mapTo(Long.class)
                                    .findOne());
            long from = newest.isEmpty()
                    ? Math.max(base + 1, head.seq() - TAIL_ENTRIES_MAX + 1)
                    : Math.max(base + 1, newest.get());
            VerifyResult r = db.jdbi().withHandle(h -> verifyChain(h, c, from, ChainWalk.last(c)));
            if (!r.ok()) return r;
            intact.add(r);
        }
        return combined(intact, 1);
    }

    /**
     * Records every chain's current head as a checkpoint anchor and returns them all, ordered by
     * chain, for safekeeping elsewhere. All of them: a worker's chain (docs/scale.md) holds its own
     * decisions, and an anchor of chain 0 alone says nothing about them.
     */
    public List<Anchor> anchor() {
        return db.jdbi().inTransaction(h -> {
            List<Anchor> all = new ArrayList<>();
            for (ChainWalk.Head head : ChainWalk.heads(h)) {
                Anchor anchor = new Anchor(head.seq(), head.hash(), clock.instant());
                insertAnchor(h, "checkpoint", anchor);
                all.add(anchor);
            }
            if (all.isEmpty()) throw new IllegalStateException("the audit log has no chain head row");
            return List.copyOf(all);
        });
    }

    /** The most recent checkpoint and purge anchors, newest first (at most 500). */
    public List<Anchor> anchors(int limit) {
        if (limit < 1 || limit > 500) throw new IllegalArgumentException("limit must be 1..500, was " + limit);
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT seq, hash, anchored_at_ms FROM audit_anchors ORDER BY seq DESC, id DESC LIMIT :limit")
                        .bind("limit", limit)
                        .map((rs, ctx) ->
                                new Anchor(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                        .list());
    }

    /**
     * Checks an anchor held outside the database: the chain up to {@code anchor.seq} must verify
     * and the entry at {@code anchor.seq} must still carry {@code anchor.hash}. This catches a
     * history that was rewritten and completely re-hashed, which {@link #verify()} alone cannot.
     */
    public VerifyResult verifyAgainst(Anchor anchor) {
        Objects.requireNonNull(anchor, "anchor");
        return db.jdbi().withHandle(h -> {
            long seq = anchor.seq();
            int anchored = ChainWalk.chainOf(seq);
            if (anchored >= CHAINS_MAX
                    || h.createQuery("SELECT COUNT(*) FROM audit_head WHERE chain = :chain")
                                    .bind("chain", anchored)
                                    .mapTo(Long.class)
                                    .one()
                            == 0) {
                return new Broken(
                        seq,
                        seq,
                        0,
                        seq,
                        Reason.ENTRY_MISSING,
                        "the anchor's entry " + seq + " belongs to audit chain " + anchored
                                + ", which does not exist: the chain was removed");
            }
            ChainWalk.Horizon horizon = ChainWalk.horizon(h, anchored);
            if (seq < horizon.seq()) {
                return new Broken(
                        seq,
                        seq,
                        0,
                        seq,
                        Reason.ANCHOR_PURGED,
                        "entry " + seq + " was removed by retention" + " (entries up to " + horizon.seq()
                                + " are purged); check a newer anchor");
            }
            String actual;
            if (seq == ChainWalk.base(anchored)) {
                actual = HashChain.GENESIS_HASH;
            } else if (seq == horizon.seq()) {
                actual = horizon.hash();
            } else {
                VerifyResult chain = new ChainWalk(h, anchored).verify(ChainWalk.base(anchored) + 1, seq);
                if (!chain.ok()) return chain;
                Optional<String> stored = h.createQuery("SELECT hash FROM audit_entries WHERE seq = :seq")
                        .bind("seq", seq)
                        .mapTo(String.class)
                        .findOne();
                if (stored.isEmpty()) {
                    return new Broken(
                            seq,
                            seq,
                            chain.entriesChecked(),
                            seq,
                            Reason.ENTRY_MISSING,
                            "entry " + seq + " named by the anchor does not exist: the log was truncated");
                }
                actual = stored.get();
            }
            if (!actual.equals(anchor.hash())) {
                return new Broken(
                        seq,
                        seq,
                        0,
                        seq,
                        Reason.ANCHOR_MISMATCH,
                        "entry " + seq + " has hash " + actual
                                + " but the anchor of " + anchor.anchoredAt() + " recorded " + anchor.hash()
                                + ": history up to this entry was rewritten");
            }
            return new Intact(horizon.seq() + 1, seq, Math.max(0, seq - horizon.seq()), actual);
        });
    }

    private void insertAnchor(Handle h, String kind, Anchor anchor) {
        h.createUpdate(
                        "INSERT INTO audit_anchors (id, kind, seq, hash, anchored_at_ms) VALUES (:id, :kind, :seq, :hash, :at)")
                .bind("id", ids.next())
                .bind("kind", kind)
                .bind("seq", anchor.seq())
                .bind("hash", anchor.hash())
                .bind("at", anchor.anchoredAt().toEpochMilli())
                .execute();
    }

    // ---------------------------------------------------------------- export and search

    /**
     * Writes every entry with {@code from <= occurredAt < to} as canonical JSON lines (seq order,
     * {@code \n}-terminated) to {@code out}, a page at a time; returns the number of lines. The
     * writer should encode UTF-8; it is flushed, not closed.
     */
    public long export(Instant from, Instant to, Writer out) throws IOException {
        Objects.requireNonNull(out, "out");
        if (!Objects.requireNonNull(from, "from").isBefore(Objects.requireNonNull(to, "to"))) {
            throw new IllegalArgumentException("export range is empty: from " + from + " is not before to " + to);
        }
        long written = 0;
        long after = 0;
        while (true) {
            long cursor = after;
            List<StoredEntry> rows = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT " + StoredEntry.COLUMNS
                                    + " FROM audit_entries WHERE occurred_at_ms >= :from AND occurred_at_ms < :to AND seq > :after"
                                    + " ORDER BY seq LIMIT :limit")
                            .bind("from", from.toEpochMilli())
                            .bind("to", to.toEpochMilli())
                            .bind("after", cursor)
                            .bind("limit", ChainWalk.PAGE_SIZE)
                            .map(StoredEntry::map)
                            .list());
            for (StoredEntry r : rows) {
                out.write(r.jsonLine());
                out.write('\n');
            }
            written += rows.size();
            if (rows.size() < ChainWalk.PAGE_SIZE) break;
            after = rows.getLast().seq();
        }
        out.flush();
        return written;
    }

    /** Entries matching the query, newest first; at most {@code query.limit()} of them. */
    public List<AuditEntry> search(AuditQuery q) {
        Objects.requireNonNull(q, "query");
        StringBuilder sql = new StringBuilder("SELECT " + StoredEntry.COLUMNS + " FROM audit_entries WHERE 1 = 1");
        if (q.actionPrefix() != null) sql.append(" AND action LIKE :action ESCAPE '\\'");
        if (q.actorId() != null) sql.append(" AND actor_id = :actor");
        if (q.targetType() != null) sql.append(" AND target_type = :targetType");
        if (q.targetId() != null) sql.append(" AND target_id = :targetId");
        if (q.from() != null) sql.append(" AND occurred_at_ms >= :from");
        if (q.to() != null) sql.append(" AND occurred_at_ms < :to");
        if (q.beforeSeq() != null) sql.append(" AND seq < :before");
        sql.append(" ORDER BY seq DESC LIMIT :limit");
        List<StoredEntry> rows = db.jdbi().withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("limit", q.limit());
            // '_' is a LIKE wildcard and may appear in actions, so it is escaped.
            if (q.actionPrefix() != null) query.bind("action", q.actionPrefix().replace("_", "\\_") + "%");
            if (q.actorId() != null) query.bind("actor", q.actorId());
            if (q.targetType() != null) query.bind("targetType", q.targetType());
            if (q.targetId() != null) query.bind("targetId", q.targetId());
            if (q.from() != null) query.bind("from", q.from().toEpochMilli());
            if (q.to() != null) query.bind("to", q.to().toEpochMilli());
            if (q.beforeSeq() != null) query.bind("before", q.beforeSeq());
            return query.map(StoredEntry::map).list();
        });
        return rows.stream().map(StoredEntry::toEntry).toList();
    }

    /** The newest entry's seq on this log's chain (its genesis position, 0 for chain 0, when empty). */
    public long headSeq() {
        return db.jdbi().withHandle(h -> ChainWalk.head(h, chain, false).seq());
    }

    // ---------------------------------------------------------------- retention

    /**
     * Deletes the oldest entries that occurred before {@code now − retention}, as a prefix of the
     * chain: it stops at the first entry still within retention even if later ones are older
     * (clock skew between writers), because a hole in the middle could not be verified. Each batch
     * first records a purge anchor for its last entry, in the same transaction as the delete, so
     * verification resumes from that anchor. A batch whose entries do not verify is refused: a
     * purge never launders tampering.
     *
     * @return the number of entries deleted
     */
    public int purgeBefore(Instant now) {
        long cutoffMs = retention.cutoff(Objects.requireNonNull(now, "now")).toEpochMilli();
        int total = 0;
        for (ChainWalk.Head head : db.jdbi().withHandle(ChainWalk::heads)) {
            while (true) {
                int purged = db.jdbi().inTransaction(h -> purgeBatch(h, head.chain(), cutoffMs));
                total += purged;
                if (purged < PURGE_BATCH) break;
            }
        }
        if (total > 0) {
            log.atInfo()
                    .addKeyValue("entries", total)
                    .addKeyValue("cutoffMs", cutoffMs)
                    .log("audit entries purged");
        }
        return total;
    }

    private int purgeBatch(Handle h, int chain, long cutoffMs) {
        // Holding the head keeps concurrent purges (and appends, briefly) from interleaving.
        ChainWalk.Head head = ChainWalk.head(h, chain, db.dialect() == Dialect.POSTGRESQL);
        ChainWalk.Horizon horizon = ChainWalk.horizon(h, chain);
        MessageDigest sha256 = HashChain.sha256();
        String prev = horizon.hash();
        long expected = horizon.seq() + 1;
        StoredEntry last = null;
        long after = horizon.seq();
        int count = 0;
        while (count < PURGE_BATCH) {
            int limit = Math.min(ChainWalk.PAGE_SIZE, PURGE_BATCH - count);
            List<StoredEntry> rows = ChainWalk.page(h, after, head.seq(), limit);
            boolean reachedKept = false;
            for (StoredEntry r : rows) {
                if (r.occurredAtMs() >= cutoffMs) {
                    reachedKept = true;
                    break;
                }
                if (r.seq() != expected
                        || !r.prevHash().equals(prev)
                        || !HashChain.hash(sha256, r.prevHash(), r.contentJson())
                                .equals(r.hash())) {
                    throw new IllegalStateException("refusing to purge: audit entry " + expected
                            + " does not verify; run the audit verification and investigate before purging");
                }
                prev = r.hash();
                expected++;
                last = r;
                count++;
            }
            if (reachedKept || rows.size() < limit) break;
            after = rows.getLast().seq();
        }
        if (last == null) return 0;
        insertAnchor(h, "purge", new Anchor(last.seq(), last.hash(), clock.instant()));
        int deleted = h.createUpdate("DELETE FROM audit_entries WHERE seq > :after AND seq <= :through")
                .bind("after", horizon.seq())
                .bind("through", last.seq())
                .execute();
        if (deleted != count) {
            throw new IllegalStateException("purge expected to delete " + count + " entries but deleted " + deleted);
        }
        return deleted;
    }
}
