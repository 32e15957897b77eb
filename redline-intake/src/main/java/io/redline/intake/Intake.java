package io.redline.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

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
 */
public final class Intake {
    public static final String CAPABILITY = "intake";
    static final int IDEMPOTENCY_KEY_CHARS_MAX = 200;
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database db;
    private final GroupCommit writes;
    private final IntakeLimits limits;
    private final Clock clock;
    private final Ids ids;
    private final ObjectMapper json = new ObjectMapper();

    public Intake(Database db, GroupCommit writes, IntakeLimits limits, Clock clock, Ids ids) {
        this.db = db;
        this.writes = writes;
        this.limits = limits;
        this.clock = clock;
        this.ids = ids;
    }

    public IntakeLimits limits() {
        return limits;
    }

    public Receipt submit(Principal who, Submission submission, String idempotencyKey) {
        return submitBatch(who, List.of(submission), idempotencyKey, false).get(0);
    }

    /** Stores every item or none. With a key, item {@code i} is keyed {@code key#i}. */
    public List<Receipt> submitBatch(Principal who, List<Submission> items, String idempotencyKey) {
        return submitBatch(who, items, idempotencyKey, true);
    }

    private List<Receipt> submitBatch(Principal who, List<Submission> items, String idempotencyKey, boolean batch) {
        checkSubmitter(who);
        if (items.isEmpty()) throw new IntakeException.Invalid(List.of(new FieldError("items", "a batch needs at least one item")));
        if (items.size() > limits.batchItemsMax()) {
            throw new IntakeException.Invalid(List.of(new FieldError("items",
                    "a batch holds at most " + limits.batchItemsMax() + " items, got " + items.size())));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > IDEMPOTENCY_KEY_CHARS_MAX)) {
            throw new IntakeException.Invalid(List.of(new FieldError("Idempotency-Key",
                    "must be 1.." + IDEMPOTENCY_KEY_CHARS_MAX + " characters")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            errors.addAll(items.get(i).validate(limits, batch ? "items[" + i + "]." : ""));
        }
        if (!errors.isEmpty()) throw new IntakeException.Invalid(errors);
        for (int i = 0; i < items.size(); i++) {
            Submission s = items.get(i);
            if (!who.canActFor(s.authorId())) {
                throw new IntakeException.Forbidden("a creator token may only submit content of its own author '"
                        + who.authorId() + "', not '" + s.authorId() + "'" + (batch ? " (items[" + i + "])" : ""));
            }
        }
        String requestHash = idempotencyKey == null ? null : sha256(items);
        try {
            return writes.write(h -> store(h, who, items, idempotencyKey, requestHash, batch));
        } catch (UnableToExecuteStatementException e) {
            // A concurrent request with the same key (or externalId) committed first; answer as if
            // we had arrived second, which is what happened.
            if (idempotencyKey != null) {
                List<Receipt> replay = db.jdbi().withHandle(h -> replay(h, who, items.size(), idempotencyKey, requestHash, batch));
                if (replay != null) return replay;
            }
            throw conflictOnExternalId(items, e);
        }
    }

    private List<Receipt> store(Handle h, Principal who, List<Submission> items, String key, String requestHash, boolean batch) {
        if (key != null) {
            List<Receipt> replay = replay(h, who, items.size(), key, requestHash, batch);
            if (replay != null) return replay;
        }
        for (Submission s : items) {
            if (s.externalId() != null) {
                Optional<Long> existing = h.createQuery("SELECT id FROM contents WHERE surface = :surface AND external_id = :ext")
                        .bind("surface", s.surface()).bind("ext", s.externalId()).mapTo(Long.class).findOne();
                if (existing.isPresent()) {
                    throw new IntakeException.Conflict("content with externalId '" + s.externalId() + "' on surface '"
                            + s.surface() + "' already exists as id " + existing.get());
                }
            }
        }
        Instant now = Instant.ofEpochMilli(clock.millis()); // what the database keeps, so replies equal reads
        List<Receipt> receipts = new ArrayList<>(items.size());
        var insert = h.prepareBatch("""
                INSERT INTO contents (id, surface, author_id, external_id, title, body, tags_json, images_json,
                                      submitted_by, idempotency_key, request_sha256, created_at_ms)
                VALUES (:id, :surface, :author, :ext, :title, :body, :tags, :images, :by, :key, :hash, :at)""");
        for (int i = 0; i < items.size(); i++) {
            Submission s = items.get(i);
            long id = ids.next();
            Content c = new Content(id, Surface.parse(s.surface()).orElseThrow(), s.authorId(), s.externalId(), s.title(),
                    s.text(), s.tags(), s.images(), who.tokenId(), now);
            insert.bind("id", id).bind("surface", s.surface()).bind("author", s.authorId()).bind("ext", s.externalId())
                    .bind("title", s.title()).bind("body", s.text()).bind("tags", toJson(s.tags()))
                    .bind("images", toJson(s.images())).bind("by", who.tokenId())
                    .bind("key", key == null ? null : itemKey(key, i, batch)).bind("hash", requestHash)
                    .bind("at", now.toEpochMilli()).add();
            receipts.add(new Receipt(c, false));
        }
        insert.execute();
        return receipts;
    }

    /** The stored originals for a replayed key, null when the key is new. */
    private List<Receipt> replay(Handle h, Principal who, int size, String key, String requestHash, boolean batch) {
        List<Receipt> receipts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Optional<Stored> stored = h.createQuery("SELECT * FROM contents WHERE submitted_by = :by AND idempotency_key = :key")
                    .bind("by", who.tokenId()).bind("key", itemKey(key, i, batch))
                    .map(this::stored).findOne();
            if (stored.isEmpty()) {
                if (i == 0) return null;
                break; // a batch replayed with more items than the original
            }
            if (!requestHash.equals(stored.get().requestHash())) break;
            receipts.add(new Receipt(stored.get().content(), true));
        }
        if (receipts.size() != size) {
            throw new IntakeException.Conflict("Idempotency-Key '" + key + "' was already used for a different request; "
                    + "use a new key for new content");
        }
        return receipts;
    }

    private IntakeException conflictOnExternalId(List<Submission> items, RuntimeException cause) {
        for (Submission s : items) {
            if (s.externalId() != null) {
                var conflict = new IntakeException.Conflict("content with externalId '" + s.externalId()
                        + "' was stored concurrently; fetch it instead of resubmitting");
                conflict.initCause(cause);
                return conflict;
            }
        }
        throw cause;
    }

    public Optional<Content> find(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM contents WHERE id = :id")
                .bind("id", id).map(this::stored).findOne().map(Stored::content));
    }

    /** Content visible to {@code who}; a creator sees only their own (others look absent, not forbidden). */
    public Optional<Content> find(Principal who, long id) {
        return find(id).filter(c -> who.canActFor(c.authorId()));
    }

    public ContentPage list(Principal who, ContentQuery q) {
        String authorId = q.authorId();
        if (who.role() == Role.CREATOR) {
            if (authorId != null && !authorId.equals(who.authorId())) {
                throw new IntakeException.Forbidden("a creator token may only list its own author's content ('" + who.authorId() + "')");
            }
            authorId = who.authorId();
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM contents WHERE 1 = 1");
        if (authorId != null) sql.append(" AND author_id = :author");
        if (q.surface() != null) sql.append(" AND surface = :surface");
        if (q.beforeId() != null) sql.append(" AND id < :before");
        sql.append(" ORDER BY id DESC LIMIT :limit");
        String author = authorId;
        List<Content> rows = db.jdbi().withHandle(h -> {
            var query = h.createQuery(sql.toString()).bind("limit", q.limit() + 1);
            if (author != null) query.bind("author", author);
            if (q.surface() != null) query.bind("surface", q.surface().wireName());
            if (q.beforeId() != null) query.bind("before", q.beforeId());
            return query.map(this::stored).map(Stored::content).list();
        });
        if (rows.size() <= q.limit()) return new ContentPage(rows, null);
        List<Content> page = rows.subList(0, q.limit());
        return new ContentPage(List.copyOf(page), page.get(page.size() - 1).id());
    }

    public long count() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM contents").mapTo(Long.class).one());
    }

    private static void checkSubmitter(Principal who) {
        switch (who.role()) {
            case ADMIN, SERVICE, CREATOR -> { }
            case POLICY_EDITOR, REVIEWER, AUDITOR ->
                    throw new IntakeException.Forbidden("role " + who.role().wireName() + " may not submit content");
        }
    }

    private record Stored(Content content, String requestHash) {}

    private Stored stored(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        Content c = new Content(rs.getLong("id"), Surface.parse(rs.getString("surface")).orElseThrow(),
                rs.getString("author_id"), rs.getString("external_id"), rs.getString("title"), rs.getString("body"),
                fromJson(rs.getString("tags_json")), fromJson(rs.getString("images_json")), rs.getString("submitted_by"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")));
        return new Stored(c, rs.getString("request_sha256"));
    }

    private static String itemKey(String key, int index, boolean batch) {
        return batch ? key + "#" + index : key;
    }

    private String toJson(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    private List<String> fromJson(String text) {
        try {
            return List.copyOf(json.readValue(text, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON list in contents row: " + e.getOriginalMessage(), e);
        }
    }

    private String sha256(List<Submission> items) {
        try {
            byte[] canonical = json.writeValueAsString(items).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash a submission", e);
        }
    }
}
