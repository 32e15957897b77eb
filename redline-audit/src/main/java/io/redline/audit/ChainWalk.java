package io.redline.audit;

import io.redline.audit.VerifyResult.Broken;
import io.redline.audit.VerifyResult.Intact;
import io.redline.audit.VerifyResult.Reason;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * One verification pass over one chain of {@code audit_entries}, page by page in seq order. Memory
 * is bounded by one page plus a window of recently seen hashes (used to tell an insertion from an
 * edit). Chain {@code k} owns the seqs {@code base(k) + 1 .. base(k + 1) - 1} (see {@link AuditLog#CHAIN_SEQ_SPAN}).
 */
final class ChainWalk {
    static final int PAGE_SIZE = 500;
    /** Hashes of this many recent entries are remembered to recognise inserted entries. */
    private static final int RECENT_MAX = 4 * PAGE_SIZE;

    /** A chain's head row: the seq and hash of its newest entry as recorded by the last append. */
    record Head(int chain, long seq, String hash) {}

    /** The newest purge anchor of a chain: its entries up to {@code seq} were removed by retention. */
    record Horizon(long seq, String hash) {
        static Horizon none(int chain) {
            return new Horizon(base(chain), HashChain.GENESIS_HASH);
        }
    }

    /** The seq before chain {@code chain}'s first entry (its genesis position). */
    static long base(int chain) {
        return chain * AuditLog.CHAIN_SEQ_SPAN;
    }

    /** The highest seq chain {@code chain} may hold. */
    static long last(int chain) {
        return base(chain + 1) - 1;
    }

    static int chainOf(long seq) {
        return (int) Math.floorDiv(seq, AuditLog.CHAIN_SEQ_SPAN);
    }

    private final Handle handle;
    private final int chain;
    private final MessageDigest sha256 = HashChain.sha256();

    ChainWalk(Handle handle, int chain) {
        this.handle = handle;
        this.chain = chain;
    }

    static Head head(Handle h, int chain, boolean forUpdate) {
        return h.createQuery("SELECT chain, seq, hash FROM audit_head WHERE chain = :chain"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("chain", chain)
                .map((rs, ctx) -> new Head(rs.getInt(1), rs.getLong(2), rs.getString(3)))
                .one();
    }

    /** Every chain's head, chain 0 first. */
    static List<Head> heads(Handle h) {
        return h.createQuery("SELECT chain, seq, hash FROM audit_head ORDER BY chain")
                .map((rs, ctx) -> new Head(rs.getInt(1), rs.getLong(2), rs.getString(3)))
                .list();
    }

    static Horizon horizon(Handle h, int chain) {
        return h.createQuery("SELECT seq, hash FROM audit_anchors WHERE kind = 'purge' AND seq > :base AND seq <= :last"
                        + " ORDER BY seq DESC LIMIT 1")
                .bind("base", base(chain))
                .bind("last", last(chain))
                .map((rs, ctx) -> new Horizon(rs.getLong(1), rs.getString(2)))
                .findOne()
                .orElse(Horizon.none(chain));
    }

    /**
     * The lowest seq in {@code from..to} that no chain accounts for: in the range of a chain that
     * has no head row, at a chain's genesis position, or past the last chain. Such an entry was
     * written around the audit log (appends only ever extend a chain that has a head).
     */
    static Optional<Long> stray(Handle h, List<Head> heads, long from, long to) {
        java.util.Set<Integer> known = new java.util.HashSet<>();
        for (Head head : heads) known.add(head.chain());
        StringBuilder where = new StringBuilder("seq <= 0 OR seq > " + last(AuditLog.CHAINS_MAX - 1));
        for (int c = 0; c < AuditLog.CHAINS_MAX; c++) {
            if (known.contains(c)) {
                if (c > 0) where.append(" OR seq = ").append(base(c));
            } else {
                where.append(" OR (seq >= ")
                        .append(base(c))
                        .append(" AND seq <= ")
                        .append(last(c))
                        .append(')');
            }
        }
        return h.createQuery("SELECT MIN(seq) FROM audit_entries WHERE seq >= :from AND seq <= :to AND (" + where + ")")
                .bind("from", from)
                .bind("to", to)
                .mapTo(Long.class)
                .findOne();
    }

    static List<StoredEntry> page(Handle h, long afterSeq, long toSeq, int limit) {
        return h.createQuery("SELECT " + StoredEntry.COLUMNS + " FROM audit_entries WHERE seq > :after AND seq <= :to"
                        + " ORDER BY seq LIMIT :limit")
                .bind("after", afterSeq)
                .bind("to", toSeq)
                .bind("limit", limit)
                .map(StoredEntry::map)
                .list();
    }

    VerifyResult verify(long fromSeq, long toSeq) {
        Head head = head(handle, chain, false);
        Horizon horizon = horizon(handle, chain);
        long start = Math.max(Math.max(fromSeq, base(chain) + 1), horizon.seq() + 1);
        long end = Math.min(toSeq, head.seq());

        String prev;
        if (start == horizon.seq() + 1) {
            prev = horizon.hash();
        } else {
            Optional<String> before = handle.createQuery("SELECT hash FROM audit_entries WHERE seq = :seq")
                    .bind("seq", start - 1)
                    .mapTo(String.class)
                    .findOne();
            if (before.isEmpty()) {
                return new Broken(
                        start,
                        start - 1,
                        0,
                        start - 1,
                        Reason.ENTRY_MISSING,
                        "entry " + (start - 1) + ", the predecessor the range starts from, is missing: it was deleted");
            }
            prev = before.get();
        }

        long expected = start;
        long checked = 0;
        LinkedHashMap<String, Long> recent = new LinkedHashMap<>(RECENT_MAX * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > RECENT_MAX;
            }
        };
        recent.put(prev, start - 1);

        while (expected <= end) {
            List<StoredEntry> rows = page(handle, expected - 1, end, PAGE_SIZE);
            if (rows.isEmpty()) break;
            Map<Long, List<AnchorRow>> anchors =
                    anchorsBetween(rows.getFirst().seq(), rows.getLast().seq());
            Map<String, Long> pageHashes = new HashMap<>();
            for (StoredEntry r : rows) pageHashes.put(r.hash(), r.seq());

            for (StoredEntry r : rows) {
                if (r.seq() != expected) {
                    return new Broken(
                            start,
                            r.seq(),
                            checked,
                            expected,
                            Reason.ENTRY_MISSING,
                            expected == r.seq() - 1
                                    ? "entry " + expected + " is missing (the next stored entry is " + r.seq()
                                            + "): it was deleted"
                                    : "entries " + expected + ".." + (r.seq() - 1) + " are missing: they were deleted");
                }
                String computed = HashChain.hash(sha256, r.prevHash(), r.contentJson());
                boolean linked = r.prevHash().equals(prev);
                boolean intact = computed.equals(r.hash());
                if (!linked || !intact) {
                    return diagnose(start, checked, r, linked, intact, pageHashes, recent);
                }
                List<AnchorRow> witnessed = anchors.get(r.seq());
                if (witnessed != null) {
                    for (AnchorRow a : witnessed) {
                        if (!a.hash().equals(r.hash())) {
                            return new Broken(
                                    start,
                                    r.seq(),
                                    checked,
                                    r.seq(),
                                    Reason.ANCHOR_MISMATCH,
                                    "entry " + r.seq() + " no longer has the hash recorded by the " + a.kind()
                                            + " anchor of " + Instant.ofEpochMilli(a.anchoredAtMs())
                                            + ": history up to this entry was rewritten and re-hashed");
                        }
                    }
                }
                recent.put(r.hash(), r.seq());
                prev = r.hash();
                expected++;
                checked++;
            }
        }
        if (expected <= end) {
            return new Broken(
                    start,
                    expected - 1,
                    checked,
                    expected,
                    Reason.ENTRY_MISSING,
                    "entries " + expected + ".." + end + " are missing (the head records seq " + head.seq()
                            + "): they were deleted or cut off the end");
        }
        if (toSeq >= head.seq()) {
            if (!prev.equals(head.hash())) {
                return new Broken(
                        start,
                        end,
                        checked,
                        head.seq(),
                        Reason.HEAD_MISMATCH,
                        "entry " + head.seq() + " has hash " + prev + " but the chain head records " + head.hash()
                                + ": the newest entry or the head was replaced");
            }
            // One statement sees one snapshot, and an append commits its entries and the head
            // together, so an entry past the head in the same snapshot was never appended.
            Optional<Long> beyond = handle.createQuery("SELECT MIN(seq) FROM audit_entries"
                            + " WHERE seq > (SELECT seq FROM audit_head WHERE chain = :chain) AND seq <= :last")
                    .bind("chain", chain)
                    .bind("last", last(chain))
                    .mapTo(Long.class)
                    .findOne();
            if (beyond.isPresent()) {
                return new Broken(
                        start,
                        end,
                        checked,
                        beyond.get(),
                        Reason.ENTRY_INSERTED,
                        "entry " + beyond.get() + " lies beyond the chain head: it was written around the audit log");
            }
        }
        return new Intact(start, end, checked, prev);
    }

    /**
     * Names the most specific cause of a failed entry. The checks run only on the first failure,
     * so they may be a little expensive (re-hashing under neighbouring seqs).
     */
    private Broken diagnose(
            long start,
            long checked,
            StoredEntry r,
            boolean linked,
            boolean intact,
            Map<String, Long> pageHashes,
            Map<String, Long> recent) {
        long seq = r.seq();
        if (linked) {
            return new Broken(
                    start,
                    seq,
                    checked,
                    seq,
                    Reason.CONTENT_EDITED,
                    "entry " + seq + " was edited: its stored hash does not match its content");
        }
        // Which stored entry does this one link to? Memory first; the table scan (no index on
        // hash) runs at most once per verification, on the failure path.
        Long linkedTo = pageHashes.get(r.prevHash());
        if (linkedTo == null) linkedTo = recent.get(r.prevHash());
        if (linkedTo == null) {
            linkedTo = handle.createQuery("SELECT MIN(seq) FROM audit_entries WHERE hash = :hash")
                    .bind("hash", r.prevHash())
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(null);
        }
        if (linkedTo != null && linkedTo > seq) {
            return new Broken(
                    start,
                    seq,
                    checked,
                    seq,
                    Reason.REORDERED,
                    "entry " + seq + " links to entry " + linkedTo
                            + " yet is stored before it: entries were reordered");
        }
        Long earlier = linkedTo;
        if (earlier != null && earlier < seq - 1) {
            return new Broken(
                    start,
                    seq,
                    checked,
                    earlier + 1,
                    Reason.ENTRY_INSERTED,
                    "entries " + (earlier + 1) + ".." + (seq - 1) + " were inserted: entry " + seq
                            + " links directly to entry " + earlier);
        }
        if (!intact) {
            // A renumbered entry still hashes correctly under its original seq.
            for (long delta = 1; delta <= 64; delta++) {
                for (long original : new long[] {seq + delta, seq - delta}) {
                    if (original <= base(chain) || original > last(chain)) continue;
                    String content = HashChain.contentJson(
                            original,
                            r.occurredAtMs(),
                            r.actorId(),
                            r.actorRole(),
                            r.action(),
                            r.targetType(),
                            r.targetId(),
                            r.detailsJson());
                    if (!HashChain.hash(sha256, r.prevHash(), content).equals(r.hash())) continue;
                    return original > seq
                            ? new Broken(
                                    start,
                                    seq,
                                    checked,
                                    seq,
                                    Reason.ENTRY_MISSING,
                                    "entry " + seq + " is entry " + original + " renumbered: " + delta
                                            + " entries before it were deleted")
                            : new Broken(
                                    start,
                                    seq,
                                    checked,
                                    original,
                                    Reason.ENTRY_INSERTED,
                                    "entry " + seq + " is entry " + original + " renumbered: " + delta
                                            + " entries were inserted before it");
                }
            }
            return new Broken(
                    start,
                    seq,
                    checked,
                    seq,
                    Reason.CHAIN_BROKEN,
                    "entry " + seq + " neither matches its hash nor links to entry " + (seq - 1));
        }
        return new Broken(
                start,
                seq,
                checked,
                seq - 1,
                Reason.CHAIN_BROKEN,
                "entry " + (seq - 1) + " is not the entry that entry " + seq + " links to: it was replaced by a"
                        + " re-hashed forgery (or entry " + seq + "'s link was rewritten)");
    }

    private record AnchorRow(String kind, long seq, String hash, long anchoredAtMs) {}

    private Map<Long, List<AnchorRow>> anchorsBetween(long fromSeq, long toSeq) {
        Map<Long, List<AnchorRow>> bySeq = new HashMap<>();
        handle.createQuery(
                        "SELECT kind, seq, hash, anchored_at_ms FROM audit_anchors WHERE seq >= :from AND seq <= :to")
                .bind("from", fromSeq)
                .bind("to", toSeq)
                .map((rs, ctx) -> new AnchorRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                .forEach(a ->
                        bySeq.computeIfAbsent(a.seq(), k -> new ArrayList<>()).add(a));
        return bySeq;
    }
}
