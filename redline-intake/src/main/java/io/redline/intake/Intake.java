package io.redline.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.media.Inspection;
import io.redline.store.BulkInsert;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.HotStatements;
import io.redline.store.Ids;
import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Content intake: validates submissions and stores them durably.
 *
 * <p>Returning from {@link #submit} means the row is committed (SQLite in WAL with
 * {@code synchronous=FULL}, or PostgreSQL's commit), so the server may answer 2xx. Writes go
 * through {@link GroupCommit}, so concurrent submissions share one commit and one fsync. An
 * {@code Idempotency-Key} is scoped to the submitting token: replaying it with the same request
 * returns the stored original and stores nothing; reusing it with a different request is a
 * conflict. Batches are all-or-nothing: every item is validated first, then all are stored in
 * one transaction.
 *
 * <p>Uploaded images are inspected for AI-generation labels, stored with the platform's
 * propagation fields written into their metadata (see {@link Labelling}), and the resulting mark
 * is audited together with the content row.
 */
public final class Intake {
    public static final String CAPABILITY = "intake";
    static final int IDEMPOTENCY_KEY_CHARS_MAX = 200;

    private final Database db;
    private final GroupCommit writes;
    private final IntakeLimits limits;
    private final Clock clock;
    private final Ids ids;
    private final Labelling labelling;
    private final AuditLog audit;
    private final ObjectMapper json = new ObjectMapper();
    private final ContentReader reader;

    public Intake(
            Database db,
            GroupCommit writes,
            IntakeLimits limits,
            Clock clock,
            Ids ids,
            Labelling labelling,
            AuditLog audit) {
        this.db = db;
        this.writes = writes;
        this.limits = limits;
        this.clock = clock;
        this.ids = ids;
        this.labelling = labelling;
        this.audit = audit;
        this.reader = new ContentReader(db);
    }

    public IntakeLimits limits() {
        return limits;
    }

    /**
     * Work another capability stores atomically with newly accepted items (the first decision, for
     * {@code ?wait=true}). {@link #prepare} runs before the write, outside the shared writer, with
     * the items as they will be stored; what it returns runs inside the same transaction, after the
     * rows are inserted. It does not run for idempotent replays: nothing new is stored then.
     */
    @FunctionalInterface
    public interface Companion {
        HandleConsumer<RuntimeException> prepare(List<Content> items);

        Companion NONE = items -> h -> {};
    }

    public Receipt submit(Principal who, Submission submission, String idempotencyKey) {
        return submit(who, submission, List.of(), idempotencyKey, Companion.NONE);
    }

    /** One item with images uploaded alongside it. */
    public Receipt submit(Principal who, Submission submission, List<ImageUpload> uploads, String idempotencyKey) {
        return submit(who, submission, uploads, idempotencyKey, Companion.NONE);
    }

    /** One item with images uploaded alongside it, and companion work committed with it. */
    public Receipt submit(
            Principal who,
            Submission submission,
            List<ImageUpload> uploads,
            String idempotencyKey,
            Companion companion) {
        return store(who, List.of(new Item(submission, uploads)), idempotencyKey, false, companion)
                .get(0);
    }

    /** Stores every item or none. With a key, item {@code i} is keyed {@code key#i}. */
    public List<Receipt> submitBatch(Principal who, List<Submission> items, String idempotencyKey) {
        return submitBatch(who, items, idempotencyKey, Companion.NONE);
    }

    public List<Receipt> submitBatch(
            Principal who, List<Submission> items, String idempotencyKey, Companion companion) {
        return store(who, items.stream().map(s -> new Item(s, List.of())).toList(), idempotencyKey, true, companion);
    }

    private record Item(Submission submission, List<ImageUpload> uploads) {}

    /** An item ready to write: the content as it will be stored (images already on disk). */
    private record Prepared(Content content, Submission submission) {}

    private List<Receipt> store(
            Principal who, List<Item> items, String idempotencyKey, boolean batch, Companion companion) {
        checkSubmitter(who);
        validate(items, idempotencyKey, batch);
        for (int i = 0; i < items.size(); i++) {
            Submission s = items.get(i).submission();
            if (!who.canActFor(s.authorId())) {
                throw new IntakeException.Forbidden("a creator token may only submit content of its own author '"
                        + who.authorId() + "', not '" + s.authorId() + "'" + (batch ? " (items[" + i + "])" : ""));
            }
        }
        String requestHash = idempotencyKey == null ? null : requestHash(items);
        if (idempotencyKey != null) {
            // Answer a replay before touching any image files.
            List<Receipt> replay =
                    db.jdbi().withHandle(h -> replay(h, who, items.size(), idempotencyKey, requestHash, batch));
            if (replay != null) return replay;
        }
        List<Prepared> prepared = prepare(who, items);
        HandleConsumer<RuntimeException> alongside =
                companion.prepare(prepared.stream().map(Prepared::content).toList());
        try {
            return writes.write(h -> insert(h, who, prepared, idempotencyKey, requestHash, batch, alongside));
        } catch (UnableToExecuteStatementException e) {
            // A concurrent request with the same key (or externalId) committed first; answer as if
            // we had arrived second, which is what happened.
            if (idempotencyKey != null) {
                List<Receipt> replay =
                        db.jdbi().withHandle(h -> replay(h, who, items.size(), idempotencyKey, requestHash, batch));
                if (replay != null) return replay;
            }
            throw conflictOnExternalId(items, e);
        }
    }

    private void validate(List<Item> items, String idempotencyKey, boolean batch) {
        if (items.isEmpty())
            throw new IntakeException.Invalid(List.of(new FieldError("items", "a batch needs at least one item")));
        if (items.size() > limits.batchItemsMax()) {
            throw new IntakeException.Invalid(List.of(new FieldError(
                    "items", "a batch holds at most " + limits.batchItemsMax() + " items, got " + items.size())));
        }
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > IDEMPOTENCY_KEY_CHARS_MAX)) {
            throw new IntakeException.Invalid(List.of(
                    new FieldError("Idempotency-Key", "must be 1.." + IDEMPOTENCY_KEY_CHARS_MAX + " characters")));
        }
        if (idempotencyKey != null && idempotencyKey.indexOf('#') >= 0) {
            // Item i of a batch is stored under key#i: a single item's key with '#' could claim a batch item's slot.
            throw new IntakeException.Invalid(List.of(new FieldError("Idempotency-Key", "must not contain '#'")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String prefix = batch ? "items[" + i + "]." : "";
            errors.addAll(item.submission().validate(limits, prefix));
            int uploads = item.uploads().size();
            if (uploads > 0) {
                Surface s = Surface.parse(item.submission().surface()).orElse(null);
                if (s != null && !s.acceptsImages()) {
                    errors.add(new FieldError(
                            prefix + "uploads", "images are only accepted on surfaces note, profile and output"));
                }
                if (uploads + item.submission().images().size() > limits.imagesMax()) {
                    errors.add(new FieldError(
                            prefix + "uploads",
                            "at most " + limits.imagesMax() + " images per item, got "
                                    + (uploads + item.submission().images().size())));
                }
                if (labelling == null)
                    errors.add(new FieldError(prefix + "uploads", "image uploads are not enabled on this server"));
            }
        }
        if (!errors.isEmpty()) throw new IntakeException.Invalid(errors);
    }

    /** Assigns ids and labels and stores uploaded images; runs before the database write so files exist first. */
    private List<Prepared> prepare(Principal who, List<Item> items) {
        Instant now = Instant.ofEpochMilli(clock.millis()); // what the database keeps, so replies equal reads
        List<Prepared> out = new ArrayList<>(items.size());
        for (Item item : items) {
            long id = ids.next();
            boolean declared = item.submission().aiGenerated();
            List<Labelling.Labelled> labelled = new ArrayList<>();
            for (int k = 0; k < item.uploads().size(); k++) {
                labelled.add(labelling.label(item.uploads().get(k), declared, id, "uploads[" + k + "]"));
            }
            List<ContentImage> images = new ArrayList<>();
            for (int k = 0; k < labelled.size(); k++) {
                Labelling.Labelled l = labelled.get(k);
                Inspection in = l.inspection();
                String ext = in.format().name().toLowerCase(Locale.ROOT);
                String path = labelling.files().write(id, k, ext.equals("jpeg") ? "jpg" : ext, l.storedBytes());
                Map<String, String> aigc = in.aigc() == null && in.mark() == AiMark.NONE
                        ? null
                        : io.redline.media.AigcLabel.forPropagation(
                                        in.aigc(), in.mark(), labelling.propagatorId(), Long.toString(id))
                                .fields();
                images.add(new ContentImage(
                        id,
                        k,
                        in.format().mediaType(),
                        in.width(),
                        in.height(),
                        l.storedBytes().length,
                        sha256(l.storedBytes()),
                        markName(in.mark()),
                        in.evidence(),
                        aigc,
                        path,
                        in.c2pa() == null
                                ? null
                                : in.c2pa().validation().status().name().toLowerCase(java.util.Locale.ROOT),
                        in.c2pa() == null ? null : in.c2pa().digitalSourceType()));
            }
            Submission s = item.submission();
            out.add(new Prepared(
                    new Content(
                            id,
                            Surface.parse(s.surface()).orElseThrow(),
                            s.authorId(),
                            s.externalId(),
                            s.title(),
                            s.text(),
                            s.tags(),
                            s.images(),
                            who.tokenId(),
                            now,
                            declared,
                            markName(Labelling.contentMark(declared, labelled)),
                            List.copyOf(images),
                            s.streamId()),
                    s));
        }
        return out;
    }

    private List<Receipt> insert(
            Handle h,
            Principal who,
            List<Prepared> items,
            String key,
            String requestHash,
            boolean batch,
            HandleConsumer<RuntimeException> alongside) {
        // No replay check here: submit() checked before queueing, and a duplicate key that raced
        // past it hits the unique index (contents_idempotency), whose error submit() answers with
        // the replay. A query here was a round trip per keyed item on the one writer thread.
        for (Prepared p : items) {
            Submission s = p.submission();
            if (s.externalId() != null) {
                Optional<Long> existing = h.createQuery(
                                "SELECT id FROM contents WHERE surface = :surface AND external_id = :ext")
                        .bind("surface", s.surface())
                        .bind("ext", s.externalId())
                        .mapTo(Long.class)
                        .findOne();
                if (existing.isPresent()) {
                    throw new IntakeException.Conflict("content with externalId '" + s.externalId() + "' on surface '"
                            + s.surface() + "' already exists as id " + existing.get());
                }
            }
        }
        List<Receipt> receipts = new ArrayList<>(items.size());
        List<Object[]> rows = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Content c = items.get(i).content();
            Submission s = items.get(i).submission();
            rows.add(new Object[] {
                c.id(),
                s.surface(),
                s.authorId(),
                s.externalId(),
                s.title(),
                s.text(),
                toJson(s.tags()),
                toJson(s.images()),
                who.tokenId(),
                key == null ? null : itemKey(key, i, batch),
                requestHash,
                c.createdAt().toEpochMilli(),
                s.aiGenerated() ? 1 : 0,
                c.aiMark(),
                s.streamId()
            });
            receipts.add(new Receipt(c, false));
        }
        CONTENTS.insertAll(h, rows);
        for (Prepared p : items) {
            for (ContentImage img : p.content().uploaded()) insertImage(h, img);
            if (p.submission().aiGenerated() || !p.content().uploaded().isEmpty()) auditLabel(h, who, p.content());
        }
        alongside.useHandle(h);
        return receipts;
    }

    /**
     * Every accepted item runs this on the group-commit writer: plain JDBC ({@link HotStatements}),
     * one statement per group on PostgreSQL ({@link BulkInsert}). A duplicate key still fails its
     * own write: the group then runs again write by write.
     */
    private static final BulkInsert CONTENTS = BulkInsert.into(
            "contents",
            null,
            "id int8",
            "surface text",
            "author_id text",
            "external_id text",
            "title text",
            "body text",
            "tags_json text",
            "images_json text",
            "submitted_by text",
            "idempotency_key text",
            "request_sha256 text",
            "created_at_ms int8",
            "ai_declared int2",
            "ai_mark text",
            "stream_id text");

    private void insertImage(Handle h, ContentImage img) {
        h.createUpdate("""
                INSERT INTO content_images (content_id, idx, media_type, width, height, bytes, sha256, ai_mark, evidence_json,
                                            aigc_json, stored_path, c2pa_status, c2pa_source_type)
                VALUES (:cid, :idx, :type, :w, :h, :bytes, :sha, :mark, :evidence, :aigc, :path, :c2paStatus, :c2paSource)""")
                .bind("cid", img.contentId())
                .bind("idx", img.index())
                .bind("type", img.mediaType())
                .bind("w", img.width())
                .bind("h", img.height())
                .bind("bytes", img.bytes())
                .bind("sha", img.sha256())
                .bind("mark", img.aiMark())
                .bind("evidence", toJson(img.evidence()))
                .bind("aigc", img.aigc() == null ? null : toJson(img.aigc()))
                .bind("path", img.storedPath())
                .bind("c2paStatus", img.credential())
                .bind("c2paSource", img.credentialSourceType())
                .execute();
    }

    /** The labelling decision is a regulated act: who, which mark, and why, in the audit log. */
    private void auditLabel(Handle h, Principal who, Content c) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mark", c.aiMark());
        details.put("declared", c.aiDeclared());
        details.put(
                "images",
                c.uploaded().stream()
                        .map(i -> Map.of(
                                "index",
                                i.index(),
                                "mark",
                                i.aiMark(),
                                "evidence",
                                String.join("; ", i.evidence()),
                                "sha256",
                                i.sha256()))
                        .toList());
        audit.append(
                h,
                AuditEvent.now(
                        who.actor(),
                        "content.label",
                        new AuditEvent.Target("content", Long.toString(c.id())),
                        details));
    }

    /** A text already reduced to its hash by {@link #redactBodies}. */
    private static final java.util.regex.Pattern HASHED = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}");

    /**
     * Reduces the stored text of these contents to {@code sha256:<hex>} of itself (UTF-8), for
     * texts kept only for a retention period (the AI gateway's prompts and outputs). A text already
     * in that form stays as it is, so repeating a call changes nothing. One {@code content.redact}
     * audit entry per call that changed something, in the same transaction. Returns how many changed.
     */
    public int redactBodies(Principal who, String reason, Collection<Long> ids) {
        if (ids.isEmpty()) return 0;
        return db.jdbi().inTransaction(h -> {
            List<Map.Entry<Long, String>> rows = h.createQuery("SELECT id, body FROM contents WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("body")))
                    .list();
            List<Long> changed = new ArrayList<>();
            org.jdbi.v3.core.statement.PreparedBatch update =
                    h.prepareBatch("UPDATE contents SET body = :body WHERE id = :id");
            for (Map.Entry<Long, String> r : rows) {
                if (HASHED.matcher(r.getValue()).matches()) continue;
                update.bind("body", "sha256:" + sha256(r.getValue().getBytes(StandardCharsets.UTF_8)))
                        .bind("id", r.getKey())
                        .add();
                changed.add(r.getKey());
            }
            if (changed.isEmpty()) return 0;
            update.execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", reason);
            details.put("count", changed.size());
            details.put("ids", changed.stream().map(String::valueOf).toList());
            audit.append(
                    h,
                    AuditEvent.now(
                            who.actor(),
                            "content.redact",
                            new AuditEvent.Target("content", Long.toString(changed.getFirst())),
                            details));
            return changed.size();
        });
    }

    /** The stored originals for a replayed key, null when the key is new. */
    private List<Receipt> replay(Handle h, Principal who, int size, String key, String requestHash, boolean batch) {
        List<Receipt> receipts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Optional<Stored> stored = h.createQuery(
                            "SELECT * FROM contents WHERE submitted_by = :by AND idempotency_key = :key")
                    .bind("by", who.tokenId())
                    .bind("key", itemKey(key, i, batch))
                    .map(this::stored)
                    .findOne();
            if (stored.isEmpty()) {
                if (i == 0) return null;
                break; // a batch replayed with more items than the original
            }
            if (!requestHash.equals(stored.get().requestHash())) break;
            receipts.add(
                    new Receipt(withImages(h, List.of(stored.get().content())).get(0), true));
        }
        if (receipts.size() != size) {
            throw new IntakeException.Conflict("Idempotency-Key '" + key
                    + "' was already used for a different request; " + "use a new key for new content");
        }
        return receipts;
    }

    private IntakeException conflictOnExternalId(List<Item> items, RuntimeException cause) {
        for (Item item : items) {
            if (item.submission().externalId() != null) {
                var conflict = new IntakeException.Conflict(
                        "content with externalId '" + item.submission().externalId()
                                + "' was stored concurrently; fetch it instead of resubmitting");
                conflict.initCause(cause);
                return conflict;
            }
        }
        throw cause;
    }

    public Optional<Content> find(long id) {
        return reader.find(id);
    }

    /** Many items at once (a queue page's previews), keyed by id; unknown ids are absent. At most 1,000 ids. */
    public Map<Long, Content> findAll(Collection<Long> ids) {
        return reader.findAll(ids);
    }

    /** Read access for other capabilities: the one way they see stored content. */
    public ContentReader reader() {
        return reader;
    }

    /** Content visible to {@code who}; a creator sees only their own (others look absent, not forbidden). */
    public Optional<Content> find(Principal who, long id) {
        return find(id).filter(c -> who.canActFor(c.authorId()));
    }

    /** The stored (labelled) copy of an uploaded image, if {@code who} may see its content. */
    public Optional<StoredImage> image(Principal who, long contentId, int index) {
        return find(who, contentId)
                .flatMap(c ->
                        c.uploaded().stream().filter(i -> i.index() == index).findFirst())
                .map(i -> new StoredImage(i, labelling.files().read(i.storedPath())));
    }

    /** An image's record and bytes. */
    public record StoredImage(ContentImage image, byte[] bytes) {}

    public ContentPage list(Principal who, ContentQuery q) {
        String authorId = q.authorId();
        if (who.role() == Role.CREATOR) {
            if (authorId != null && !authorId.equals(who.authorId())) {
                throw new IntakeException.Forbidden(
                        "a creator token may only list its own author's content ('" + who.authorId() + "')");
            }
            authorId = who.authorId();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM contents WHERE 1 = 1");
        if (authorId != null) sql.append(" AND author_id = :author");
        if (q.surface() != null) sql.append(" AND surface = :surface");
        if (q.beforeId() != null) sql.append(" AND id < :before");
        sql.append(" ORDER BY id DESC LIMIT :limit");
        String author = authorId;
        return db.jdbi().withHandle(h -> {
            var query = h.createQuery(sql.toString())
                    .bind("limit", q.limit() + 1); // one extra row tells whether a next page exists
            if (author != null) query.bind("author", author);
            if (q.surface() != null) query.bind("surface", q.surface().wireName());
            if (q.beforeId() != null) query.bind("before", q.beforeId());
            List<Content> found = query.map(this::stored).map(Stored::content).list();
            boolean more = found.size() > q.limit();
            List<Content> page = withImages(h, more ? found.subList(0, q.limit()) : found);
            return new ContentPage(
                    List.copyOf(page), more ? page.get(page.size() - 1).id() : null);
        });
    }

    public long count() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM contents")
                        .mapTo(Long.class)
                        .one());
    }

    private static void checkSubmitter(Principal who) {
        switch (who.role()) {
            case ADMIN, SERVICE, CREATOR -> {}
            case POLICY_EDITOR, REVIEWER, AUDITOR ->
                throw new IntakeException.Forbidden("role " + who.role().wireName() + " may not submit content");
        }
    }

    private record Stored(Content content, String requestHash) {}

    private Stored stored(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        return new Stored(ContentReader.content(rs), rs.getString("request_sha256"));
    }

    private static List<Content> withImages(Handle h, List<Content> contents) {
        return ContentReader.withImages(h, contents);
    }

    private static String markName(AiMark mark) {
        return mark.name().toLowerCase(Locale.ROOT);
    }

    private static String itemKey(String key, int index, boolean batch) {
        return batch ? key + "#" + index : key;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and string maps always serialise", e);
        }
    }

    /** Hash of the whole request, images included, so a replayed key with other bytes is a conflict. */
    private String requestHash(List<Item> items) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Item item : items) {
                sha.update(json.writeValueAsString(item.submission()).getBytes(StandardCharsets.UTF_8));
                for (ImageUpload u : item.uploads())
                    sha.update(MessageDigest.getInstance("SHA-256").digest(u.bytes()));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a submission", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required of every JDK", e);
        }
    }
}
