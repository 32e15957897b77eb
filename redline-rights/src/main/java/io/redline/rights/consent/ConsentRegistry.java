package io.redline.rights.consent;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.store.BulkInsert;
import io.redline.store.Database;
import io.redline.store.Ids;
import io.redline.vocabulary.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The training-consent registry: per creator a default, per item an override, the full history
 * of both, and the consent in force at any time, with copies inheriting their original's.
 *
 * <p>Only the creator changes their own consent: a creator principal acting for its own author.
 * Staff (admin, reviewers, auditors) can read it, never change it, and neither can internal
 * jobs. Every change and its audit entry commit in one transaction.
 *
 * <p>Precedence at time t: the item's latest override at or before t; else the creator's latest
 * default at or before t; else {@link ConsentState#DENIED}. A licence past its expiry counts as
 * denied. When the item is linked as a copy of another author's item, the stricter of its own
 * consent and the original's (at t) applies: a reposter cannot grant rights to someone else's
 * work, so a copy of a denied note is never trainable.
 */
public final class ConsentRegistry {
    public static final String CAPABILITY = "rights";
    /** History rows one call returns at most. */
    public static final int HISTORY_LIMIT_MAX = 500;
    /** Copy-of-a-copy links followed at most (a cycle cannot form, links point to earlier items, but bound it anyway). */
    static final int COPY_DEPTH_MAX = 8;

    private static final int ID_CHARS_MAX = 200;

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;
    private final Ids ids = new Ids();

    private ConsentRegistry(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Migrates the rights tables and returns the registry. */
    public static ConsentRegistry open(Database db, AuditLog audit, Clock clock) {
        db.migrate(CAPABILITY);
        return new ConsentRegistry(db, audit, clock);
    }

    // ---------------------------------------------------------------- changes

    /** Sets the creator's default for all their items without an override. */
    public ConsentRecord setDefault(Principal who, String authorId, ConsentChange change) {
        return change(
                who,
                authorId,
                "",
                change,
                "rights.consent.default_set",
                new AuditEvent.Target("creator", checkedId(authorId, "authorId")));
    }

    /** Sets an override for one item of the creator's. */
    public ConsentRecord setItem(Principal who, String authorId, String itemId, ConsentChange change) {
        return change(
                who,
                authorId,
                checkedId(itemId, "itemId"),
                change,
                "rights.consent.item_set",
                new AuditEvent.Target("content", itemId));
    }

    /** Clears an item's override so it follows the creator's default again; false when it had none. */
    public boolean clearItem(Principal who, String authorId, String itemId, String surface) {
        requireOwner(who, authorId);
        checkedId(itemId, "itemId");
        Instant now = clock.instant();
        return db.jdbi().inTransaction(h -> {
            Optional<ConsentRecord> current = latest(h, authorId, itemId, now);
            if (current.isEmpty() || current.get().state() == null) return false;
            ConsentRecord record = new ConsentRecord(
                    ids.next(),
                    authorId,
                    itemId,
                    null,
                    null,
                    null,
                    now,
                    actorId(who),
                    actor(who).role(),
                    surface);
            insert(h, record);
            audit.append(
                    h,
                    new AuditEvent(
                            actor(who),
                            "rights.consent.item_cleared",
                            new AuditEvent.Target("content", itemId),
                            now,
                            details(record, current.get())));
            return true;
        });
    }

    private ConsentRecord change(
            Principal who,
            String authorId,
            String itemId,
            ConsentChange change,
            String action,
            AuditEvent.Target target) {
        requireOwner(who, authorId);
        Instant now = clock.instant();
        String problem = change == null ? "a change is required" : change.problem(now);
        if (problem != null) throw new ConsentException.Invalid(problem);
        ConsentRecord record = new ConsentRecord(
                ids.next(),
                authorId,
                itemId.isEmpty() ? null : itemId,
                change.state(),
                change.licenceTerms(),
                change.licenceExpiresAt(),
                now,
                actorId(who),
                actor(who).role(),
                change.surface());
        return db.jdbi().inTransaction(h -> {
            if (!itemId.isEmpty()) {
                String owner = h.createQuery("SELECT author_id FROM rights_consent WHERE item_id = :item LIMIT 1")
                        .bind("item", itemId)
                        .mapTo(String.class)
                        .findOne()
                        .orElse(authorId);
                if (!owner.equals(authorId))
                    throw new ConsentException.Forbidden("item " + itemId + " belongs to another creator");
            }
            Optional<ConsentRecord> before = latest(h, authorId, itemId, now);
            insert(h, record);
            audit.append(h, new AuditEvent(actor(who), action, target, now, details(record, before.orElse(null))));
            return record;
        });
    }

    /** Records that {@code link.itemId()} is a near-copy of an earlier item by another author (idempotent per item). */
    public void linkCopy(Principal who, CopyLink link) {
        db.jdbi().useTransaction(h -> linkCopy(h, who, link));
    }

    /** On the group-commit writer for every linked copy: plain JDBC, one statement per group on PostgreSQL. */
    private static final BulkInsert INSERT_COPY = BulkInsert.into(
            "rights_copies",
            "item_id",
            "item_id text",
            "author_id text",
            "original_id text",
            "original_author_id text",
            "similarity float8",
            "linked_at_ms int8");

    /** {@link #linkCopy(Principal, CopyLink)} in the caller's transaction (intake links a copy with its first decision). */
    public void linkCopy(Handle h, Principal who, CopyLink link) {
        checkedId(link.itemId(), "itemId");
        checkedId(link.originalId(), "originalId");
        if (link.authorId().equals(link.originalAuthorId())) {
            throw new ConsentException.Invalid("an item by the original's own author is not a copy");
        }
        {
            int inserted = INSERT_COPY.insert(
                    h,
                    link.itemId(),
                    link.authorId(),
                    link.originalId(),
                    link.originalAuthorId(),
                    link.similarity(),
                    link.linkedAt().toEpochMilli());
            if (inserted == 1) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("author", link.authorId());
                details.put("original", link.originalId());
                details.put("originalAuthor", link.originalAuthorId());
                details.put("similarityPercent", Math.round(link.similarity() * 100));
                audit.append(
                        h,
                        new AuditEvent(
                                actor(who),
                                "rights.copy.link",
                                new AuditEvent.Target("content", link.itemId()),
                                link.linkedAt(),
                                details));
            }
        }
    }

    // ---------------------------------------------------------------- reads

    /** The creator's default in force at {@code at}. */
    public Consent effectiveDefault(String authorId, Instant at) {
        return db.jdbi().withHandle(h -> {
            Optional<ConsentRecord> r = latest(h, authorId, "", at);
            return resolve(null, authorId, r.orElse(null), "creator", at);
        });
    }

    /** The consent in force for an item of {@code authorId} at {@code at}, copies included. */
    public Consent effective(String itemId, String authorId, Instant at) {
        return db.jdbi().withHandle(h -> effective(h, itemId, authorId, at, 0));
    }

    private Consent effective(Handle h, String itemId, String authorId, Instant at, int depth) {
        Optional<ConsentRecord> item = latest(h, authorId, itemId, at).filter(r -> r.state() != null);
        Consent own = item.isPresent()
                ? resolve(itemId, authorId, item.get(), "item", at)
                : resolve(itemId, authorId, latest(h, authorId, "", at).orElse(null), "creator", at);
        // A link counts from when it was made, so the consent in force at a past time (a dataset's export time) never
        // changes.
        Optional<CopyLink> link = copyOf(h, itemId).filter(l -> !l.linkedAt().isAfter(at));
        if (link.isEmpty()) return own;
        String original = link.get().originalId();
        if (depth >= COPY_DEPTH_MAX) {
            return new Consent(itemId, authorId, ConsentState.DENIED, "original", null, null, null, original, at);
        }
        Consent inherited = effective(h, original, link.get().originalAuthorId(), at, depth + 1);
        if (inherited.state().ordinal() < own.state().ordinal()) {
            return new Consent(
                    itemId,
                    authorId,
                    inherited.state(),
                    "original",
                    inherited.recordId(),
                    inherited.licenceTerms(),
                    inherited.licenceExpiresAt(),
                    original,
                    at);
        }
        return new Consent(
                own.itemId(),
                own.authorId(),
                own.state(),
                own.source(),
                own.recordId(),
                own.licenceTerms(),
                own.licenceExpiresAt(),
                original,
                at);
    }

    private static Consent resolve(String itemId, String authorId, ConsentRecord r, String source, Instant at) {
        if (r == null || r.state() == null)
            return new Consent(itemId, authorId, ConsentState.DENIED, "default", null, null, null, null, at);
        if (r.state() == ConsentState.LICENSED && !r.licenceExpiresAt().isAfter(at)) {
            return new Consent(
                    itemId,
                    authorId,
                    ConsentState.DENIED,
                    "licence_expired",
                    r.id(),
                    r.licenceTerms(),
                    r.licenceExpiresAt(),
                    null,
                    at);
        }
        return new Consent(
                itemId, authorId, r.state(), source, r.id(), r.licenceTerms(), r.licenceExpiresAt(), null, at);
    }

    /** The creator's history (default and items), newest first. */
    public List<ConsentRecord> history(String authorId, int limit) {
        if (limit < 1 || limit > HISTORY_LIMIT_MAX)
            throw new ConsentException.Invalid("limit must be 1.." + HISTORY_LIMIT_MAX + ", got " + limit);
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT * FROM rights_consent WHERE author_id = :author ORDER BY changed_at_ms DESC, id DESC LIMIT :limit""")
                        .bind("author", authorId)
                        .bind("limit", limit)
                        .map((rs, ctx) -> record(rs))
                        .list());
    }

    /** The item's copy link, if it is linked as a copy. */
    public Optional<CopyLink> copyOf(String itemId) {
        return db.jdbi().withHandle(h -> copyOf(h, itemId));
    }

    /** Copy links of many items at once (at most 1,000), keyed by item id; unlinked items are absent. */
    public Map<String, CopyLink> copiesAmong(java.util.Collection<String> itemIds) {
        if (itemIds.isEmpty()) return Map.of();
        if (itemIds.size() > 1_000)
            throw new IllegalArgumentException("at most 1000 ids at a time, got " + itemIds.size());
        Map<String, CopyLink> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("SELECT * FROM rights_copies WHERE item_id IN (<ids>)")
                        .bindList("ids", List.copyOf(itemIds))
                        .map((rs, ctx) -> link(rs))
                        .forEach(l -> out.put(l.itemId(), l)));
        return out;
    }

    /** Every copy link, oldest first, for rebuilding the copy index at start (visits each once). */
    public void forEachLink(java.util.function.Consumer<CopyLink> visit) {
        db.jdbi()
                .useHandle(h -> h.createQuery("SELECT * FROM rights_copies ORDER BY linked_at_ms, item_id")
                        .setFetchSize(10_000)
                        .map((rs, ctx) -> link(rs))
                        .forEach(visit));
    }

    /**
     * The item's copy group at {@code at}: the id of the original its copy links lead to (links
     * made at or before {@code at}, at most {@link #COPY_DEPTH_MAX} of them); its own id when it copies nothing.
     */
    public String copyGroup(String itemId, Instant at) {
        return db.jdbi().withHandle(h -> {
            String current = itemId;
            for (int depth = 0; depth < COPY_DEPTH_MAX; depth++) {
                Optional<CopyLink> link =
                        copyOf(h, current).filter(l -> !l.linkedAt().isAfter(at));
                if (link.isEmpty()) break;
                current = link.get().originalId();
            }
            return current;
        });
    }

    /** Items linked as copies of {@code originalId}, oldest link first (at most 1,000). */
    public List<CopyLink> copiesOf(String originalId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT * FROM rights_copies WHERE original_id = :id ORDER BY linked_at_ms, item_id LIMIT 1000")
                        .bind("id", originalId)
                        .map((rs, ctx) -> link(rs))
                        .list());
    }

    // ---------------------------------------------------------------- internals

    private static Optional<CopyLink> copyOf(Handle h, String itemId) {
        return h.createQuery("SELECT * FROM rights_copies WHERE item_id = :id")
                .bind("id", itemId)
                .map((rs, ctx) -> link(rs))
                .findOne();
    }

    private static Optional<ConsentRecord> latest(Handle h, String authorId, String itemId, Instant at) {
        return h.createQuery("""
                        SELECT * FROM rights_consent WHERE author_id = :author AND item_id = :item AND changed_at_ms <= :at
                        ORDER BY changed_at_ms DESC, id DESC LIMIT 1""")
                .bind("author", authorId)
                .bind("item", itemId)
                .bind("at", at.toEpochMilli())
                .map((rs, ctx) -> record(rs))
                .findOne();
    }

    private static void insert(Handle h, ConsentRecord r) {
        h.createUpdate("""
                        INSERT INTO rights_consent (id, author_id, item_id, state, licence_terms, licence_expires_at_ms,
                                                    changed_at_ms, changed_by, changed_by_role, surface)
                        VALUES (:id, :author, :item, :state, :terms, :expires, :at, :by, :role, :surface)""")
                .bind("id", r.id())
                .bind("author", r.authorId())
                .bind("item", r.itemId() == null ? "" : r.itemId())
                .bind("state", r.state() == null ? null : r.state().wireName())
                .bind("terms", r.licenceTerms())
                .bind(
                        "expires",
                        r.licenceExpiresAt() == null
                                ? null
                                : r.licenceExpiresAt().toEpochMilli())
                .bind("at", r.changedAt().toEpochMilli())
                .bind("by", r.changedBy())
                .bind("role", r.changedByRole())
                .bind("surface", r.surface())
                .execute();
    }

    private static ConsentRecord record(ResultSet rs) throws SQLException {
        String item = rs.getString("item_id");
        String state = rs.getString("state");
        long expires = rs.getLong("licence_expires_at_ms");
        Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
        return new ConsentRecord(
                rs.getLong("id"),
                rs.getString("author_id"),
                item.isEmpty() ? null : item,
                state == null ? null : ConsentState.parse(state),
                rs.getString("licence_terms"),
                expiresAt,
                Instant.ofEpochMilli(rs.getLong("changed_at_ms")),
                rs.getString("changed_by"),
                rs.getString("changed_by_role"),
                rs.getString("surface"));
    }

    private static CopyLink link(ResultSet rs) throws SQLException {
        return new CopyLink(
                rs.getString("item_id"),
                rs.getString("author_id"),
                rs.getString("original_id"),
                rs.getString("original_author_id"),
                rs.getDouble("similarity"),
                Instant.ofEpochMilli(rs.getLong("linked_at_ms")));
    }

    private static void requireOwner(Principal who, String authorId) {
        Objects.requireNonNull(who, "who");
        if (who.role() != Role.CREATOR) {
            throw new ConsentException.Forbidden("only the creator changes their consent; role "
                    + who.role().wireName() + " can read it, never change it");
        }
        if (!who.authorId().equals(authorId))
            throw new ConsentException.Forbidden("a creator changes only their own consent");
    }

    private static String checkedId(String id, String field) {
        if (id == null || id.isBlank() || id.length() > ID_CHARS_MAX) {
            throw new ConsentException.Invalid(field + " must be 1.." + ID_CHARS_MAX + " characters and not blank");
        }
        return id;
    }

    private static String actorId(Principal who) {
        return who.actor().id();
    }

    private static Actor actor(Principal who) {
        return who.actor();
    }

    private static Map<String, Object> details(ConsentRecord r, ConsentRecord before) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("author", r.authorId());
        d.put("record", Long.toString(r.id()));
        d.put("after", r.state() == null ? "cleared" : r.state().wireName());
        d.put(
                "before",
                before == null || before.state() == null
                        ? "none"
                        : before.state().wireName());
        d.put("surface", r.surface());
        if (r.licenceExpiresAt() != null)
            d.put("licenceExpiresAt", r.licenceExpiresAt().toString());
        if (r.licenceTerms() != null)
            d.put("licenceTermsChars", r.licenceTerms().length());
        return d;
    }
}
