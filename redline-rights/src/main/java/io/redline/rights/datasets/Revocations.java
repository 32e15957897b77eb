package io.redline.rights.datasets;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Revocation impact: which exported dataset versions hold an item whose consent no longer permits
 * the version's use, or that was removed (its decision in force is now {@code block}), and the
 * delta a retraining or unlearning run needs (the items to drop). Found items are recorded
 * ({@code rights_revocations}), so the creator sees that their withdrawal reached every version.
 *
 * <p>Two ways in: a creator's consent change checks that creator's items in every version at once
 * ({@link #afterConsentChange}); staff ask for a version's delta ({@link #delta}), which checks all
 * of its items, removals included.
 */
public final class Revocations {
    public static final String CONSENT_WITHDRAWN = "consent_withdrawn";
    public static final String CONTENT_REMOVED = "content_removed";
    private static final int PAGE = 1_000;
    /** Dataset items one creator's consent change checks at most (a bound on the work a request does). */
    static final int AUTHOR_ITEMS_MAX = 100_000;

    /** What the decision capability says now: content id → action of its decision in force (absent: none). */
    @FunctionalInterface
    public interface CurrentActions {
        Map<Long, String> of(List<Long> contentIds);
    }

    /** An item to drop from a version, and why. */
    public record Revoked(
            String dataset, String version, String itemId, String authorId, String reason, Instant foundAt) {}

    /** A version's delta: every item to drop, oldest finding first. */
    public record Delta(String dataset, String version, String use, int items, List<Revoked> remove) {}

    private final Database db;
    private final Datasets datasets;
    private final ConsentRegistry consent;
    private final AuditLog audit;
    private final Clock clock;

    public Revocations(Database db, Datasets datasets, ConsentRegistry consent, AuditLog audit, Clock clock) {
        this.db = db;
        this.datasets = datasets;
        this.consent = consent;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * After {@code authorId} changed their consent: each of their items in any version whose consent
     * now no longer permits that version's use is recorded. Returns how many were newly found.
     */
    public int afterConsentChange(String authorId) {
        Instant now = clock.instant();
        List<String[]> held = db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT i.name, i.version, i.item_id, d.spec_json FROM rights_dataset_items i
                          JOIN rights_datasets d ON d.name = i.name AND d.version = i.version
                         WHERE i.author_id = :author ORDER BY i.name, i.version, i.item_id LIMIT :max""")
                        .bind("author", authorId)
                        .bind("max", AUTHOR_ITEMS_MAX)
                        .map((rs, ctx) ->
                                new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                        .list());
        Map<String, DatasetSpec> specs = new HashMap<>();
        List<Revoked> found = new ArrayList<>();
        for (String[] row : held) {
            DatasetSpec spec = specs.computeIfAbsent(row[3], DatasetSpec::parse);
            if (!spec.permits(consent.effective(row[2], authorId, now).state()))
                found.add(new Revoked(row[0], row[1], row[2], authorId, CONSENT_WITHDRAWN, now));
        }
        return record(found, Principal.system("rights-revocations"), "author", authorId);
    }

    /**
     * The delta of one version: its items whose consent now no longer permits its use, or whose
     * decision in force is now block. New findings are recorded and audited
     * ({@code rights.dataset.revocations}).
     */
    public Delta delta(Principal who, String name, String version, CurrentActions actions) {
        Datasets.requireStaff(who);
        DatasetVersion v = datasets.version(name, version)
                .orElseThrow(() -> new DatasetException.NotFound("no dataset " + name + " version " + version));
        DatasetSpec spec = DatasetSpec.parse(v.specJson());
        Instant now = clock.instant();
        List<Revoked> found = new ArrayList<>();
        String after = "";
        while (true) {
            List<DatasetItem> page = datasets.items(name, version, after, PAGE);
            if (page.isEmpty()) break;
            Map<Long, String> current =
                    actions.of(page.stream().map(i -> Long.parseLong(i.id())).toList());
            for (DatasetItem i : page) {
                if ("block".equals(current.get(Long.parseLong(i.id())))) {
                    found.add(new Revoked(name, version, i.id(), i.authorId(), CONTENT_REMOVED, now));
                } else if (!spec.permits(
                        consent.effective(i.id(), i.authorId(), now).state())) {
                    found.add(new Revoked(name, version, i.id(), i.authorId(), CONSENT_WITHDRAWN, now));
                }
            }
            after = page.getLast().id();
            if (page.size() < PAGE) break;
        }
        record(found, who, "dataset", name + "@" + version);
        List<Revoked> all = db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT * FROM rights_revocations WHERE name = :name AND version = :version
                        ORDER BY found_at_ms, item_id""")
                        .bind("name", name)
                        .bind("version", version)
                        .map((rs, ctx) -> revoked(rs))
                        .list());
        return new Delta(name, version, spec.use().wireName(), v.items(), all);
    }

    /** A creator's items found revoked in any version, newest first (at most {@code limit}, 1..500). */
    public List<Revoked> forAuthor(String authorId, int limit) {
        if (limit < 1 || limit > 500) throw new DatasetException.Invalid("limit must be 1..500");
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT * FROM rights_revocations WHERE author_id = :author
                        ORDER BY found_at_ms DESC, name, version, item_id LIMIT :limit""")
                        .bind("author", authorId)
                        .bind("limit", limit)
                        .map((rs, ctx) -> revoked(rs))
                        .list());
    }

    private int record(List<Revoked> found, Principal who, String targetType, String targetId) {
        if (found.isEmpty()) return 0;
        return db.jdbi().inTransaction(h -> {
            var insert = h.prepareBatch("""
                    INSERT INTO rights_revocations (name, version, item_id, author_id, reason, found_at_ms)
                    VALUES (:name, :version, :item, :author, :reason, :at) ON CONFLICT (name, version, item_id) DO NOTHING""");
            for (Revoked r : found) {
                insert.bind("name", r.dataset())
                        .bind("version", r.version())
                        .bind("item", r.itemId())
                        .bind("author", r.authorId())
                        .bind("reason", r.reason())
                        .bind("at", r.foundAt().toEpochMilli())
                        .add();
            }
            int added = 0;
            for (int n : insert.execute()) added += Math.max(0, n);
            if (added > 0) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("found", added);
                audit.append(
                        h,
                        new AuditEvent(
                                who.actor(),
                                "rights.dataset.revocations",
                                new AuditEvent.Target(targetType, targetId),
                                found.getFirst().foundAt(),
                                details));
            }
            return added;
        });
    }

    private static Revoked revoked(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Revoked(
                rs.getString("name"),
                rs.getString("version"),
                rs.getString("item_id"),
                rs.getString("author_id"),
                rs.getString("reason"),
                Instant.ofEpochMilli(rs.getLong("found_at_ms")));
    }
}
