package io.redline.rights.copies;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Copy detection for content stored before it ran at intake: such items have no signature rows, so
 * the index cannot find them as originals and nothing links their reposts. The backfill walks the
 * content ids that existed when it started, oldest first, in batches; each item not yet in the
 * register is hashed, looked up among <em>earlier</em> items only, and its rows and link are
 * stored — with the new cursor and an audit entry ({@code rights.copy.backfill}) in the batch's
 * transaction, so a crash or a stop resumes after the last committed batch and never hashes an
 * item twice.
 *
 * <p>Bounded: a batch holds at most {@link #BATCH_MAX} items and one call scans at most the items
 * it is given ({@code itemsMax}), so a call's time and memory are bounded whatever the table's
 * size; run it again to continue. Items the live path already handles (a signature or picture row,
 * or a link) and undecided items (their decision will look them up) are skipped.
 *
 * <p>What it cannot do: an item that arrived after copy detection started and copied an old item
 * was looked up before the old one was indexed, so it stays unlinked (the backfill links only
 * towards earlier originals). The one writer of {@code rights_copy_backfill}.
 */
public final class Backfill {
    public static final int BATCH_MAX = 5_000;
    static final String NAME = "copies";
    private static final Principal ACTOR = Principal.system("rights-backfill");

    /** Where stored content comes from: intake's, which rights does not depend on (the server implements it). */
    public interface Source {
        /** The highest content id stored now (0 when none). */
        long lastId();

        /**
         * Content rows with id above {@code afterId} and at most {@code untilId}, in id order, at most
         * {@code limit}: of those, the items to consider (decided ones, as the register sees them);
         * the cursor moves past the others too.
         */
        Page page(long afterId, long untilId, int limit);
    }

    /**
     * A page of {@link Source#page}: the items to consider, the highest content id it looked at, and
     * how many content rows it looked at (fewer than asked: the range is done).
     */
    public record Page(List<CopyRegister.Item> items, long lastScannedId, int scanned) {}

    /** Progress after a call: the range, how far it got, and the totals so far. */
    public record Progress(long untilId, long afterId, long scanned, long hashed, long linked, boolean finished) {}

    private final Database db;
    private final CopyRegister register;
    private final AuditLog audit;
    private final Clock clock;

    public Backfill(Database db, CopyRegister register, AuditLog audit, Clock clock) {
        this.db = db;
        this.register = register;
        this.audit = audit;
        this.clock = clock;
    }

    /** Progress so far, if a backfill was ever started. */
    public Optional<Progress> progress() {
        return db.jdbi().withHandle(this::progress);
    }

    /**
     * Continues (or starts) the backfill for at most {@code itemsMax} content ids, in batches of
     * {@code batch} (1..{@link #BATCH_MAX}). Returns where it stands.
     */
    public Progress run(Source source, int batch, long itemsMax) {
        if (batch < 1 || batch > BATCH_MAX) throw new IllegalArgumentException("batch must be 1.." + BATCH_MAX);
        if (itemsMax < 1) throw new IllegalArgumentException("itemsMax must be at least 1");
        Progress p = progress().orElseGet(() -> start(source.lastId()));
        long budget = itemsMax;
        while (!p.finished() && budget > 0) {
            int limit = (int) Math.min(batch, budget);
            Page page = source.page(p.afterId(), p.untilId(), limit);
            boolean end = page.scanned() < limit || page.lastScannedId() >= p.untilId();
            long next = page.scanned() == 0 ? p.untilId() : page.lastScannedId();
            p = commit(p, notInRegister(page.items()), next, page.scanned(), end);
            budget -= Math.max(1, page.scanned());
        }
        return p;
    }

    private Progress start(long untilId) {
        Instant now = clock.instant();
        db.jdbi().useTransaction(h -> {
            h.createUpdate("""
                    INSERT INTO rights_copy_backfill (name, until_id, after_id, scanned, hashed, linked, started_at_ms,
                                                      updated_at_ms, finished_at_ms)
                    VALUES (:name, :until, 0, 0, 0, 0, :now, :now, :finished)
                    ON CONFLICT (name) DO NOTHING""")
                    .bind("name", NAME)
                    .bind("until", untilId)
                    .bind("now", now.toEpochMilli())
                    .bind("finished", untilId == 0 ? now.toEpochMilli() : null)
                    .execute();
        });
        return progress().orElseThrow();
    }

    /** Items the register has no rows or link for. */
    private List<CopyRegister.Item> notInRegister(List<CopyRegister.Item> items) {
        if (items.isEmpty()) return items;
        List<Long> ids = items.stream().map(CopyRegister.Item::id).toList();
        Set<Long> known = db.jdbi().withHandle(h -> {
            Set<Long> out = new HashSet<>();
            out.addAll(h.createQuery("SELECT item_id FROM rights_text_signatures WHERE item_id IN (<ids>)")
                    .bindList("ids", ids)
                    .mapTo(Long.class)
                    .list());
            out.addAll(h.createQuery("SELECT DISTINCT item_id FROM rights_image_hashes WHERE item_id IN (<ids>)")
                    .bindList("ids", ids)
                    .mapTo(Long.class)
                    .list());
            h.createQuery("SELECT item_id FROM rights_copies WHERE item_id IN (<ids>)")
                    .bindList("ids", ids.stream().map(String::valueOf).toList())
                    .mapTo(String.class)
                    .forEach(id -> out.add(Long.parseLong(id)));
            return out;
        });
        List<CopyRegister.Item> out = new ArrayList<>(items.size());
        for (CopyRegister.Item i : items) if (!known.contains(i.id())) out.add(i);
        return out;
    }

    private Progress commit(Progress p, List<CopyRegister.Item> fresh, long next, int considered, boolean finished) {
        // Assert: the cursor only moves forward, within the range fixed at the start.
        if (next < p.afterId())
            throw new IllegalStateException("backfill cursor moved back: " + next + " < " + p.afterId());
        CopyRegister.Lookup lookup = register.lookUpAmongEarlier(fresh);
        Set<Long> ids = new HashSet<>();
        for (CopyRegister.Item i : fresh) ids.add(i.id());
        int hashed = fresh.size(), linked = lookup.found().size();
        Instant now = clock.instant();
        long after = Math.min(next, p.untilId());
        db.jdbi().useTransaction(h -> {
            if (!fresh.isEmpty()) register.record(h, lookup, ids);
            int moved = h.createUpdate("""
                    UPDATE rights_copy_backfill SET after_id = :after, scanned = scanned + :scanned,
                           hashed = hashed + :hashed, linked = linked + :linked, updated_at_ms = :now,
                           finished_at_ms = :finished
                     WHERE name = :name AND after_id = :before""")
                    .bind("after", after)
                    .bind("scanned", considered)
                    .bind("hashed", hashed)
                    .bind("linked", linked)
                    .bind("now", now.toEpochMilli())
                    .bind("finished", finished ? now.toEpochMilli() : null)
                    .bind("name", NAME)
                    .bind("before", p.afterId())
                    .execute();
            // Two backfills at once would hash the same items: the second one's batch rolls back here.
            if (moved != 1)
                throw new IllegalStateException("another copy backfill moved the cursor; run one at a time");
            if (considered > 0 || finished) {
                Map<String, Object> details = new LinkedHashMap<>();
                // Content ids exceed 2^53: strings, so every JSON reader keeps them exact.
                details.put("fromId", Long.toString(p.afterId() + 1));
                details.put("throughId", Long.toString(after));
                details.put("items", considered);
                details.put("hashed", hashed);
                details.put("linked", linked);
                details.put("finished", finished);
                audit.append(
                        h,
                        new AuditEvent(
                                ACTOR.actor(),
                                "rights.copy.backfill",
                                new AuditEvent.Target("backfill", NAME),
                                now,
                                details));
            }
        });
        return progress().orElseThrow();
    }

    private Optional<Progress> progress(Handle h) {
        return h.createQuery("SELECT * FROM rights_copy_backfill WHERE name = :name")
                .bind("name", NAME)
                .map((rs, ctx) -> new Progress(
                        rs.getLong("until_id"),
                        rs.getLong("after_id"),
                        rs.getLong("scanned"),
                        rs.getLong("hashed"),
                        rs.getLong("linked"),
                        rs.getObject("finished_at_ms") != null))
                .findOne();
    }
}
