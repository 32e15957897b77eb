package io.redline.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.store.Database;
import io.redline.store.HotStatements;
import io.redline.store.Ids;
import io.redline.vocabulary.Surface;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Reads stored content for other capabilities (the decision worker, rescreen, backtest, author
 * facts) and for intake itself. Intake is the only writer and the only code that knows the
 * {@code contents} and {@code content_images} columns; everyone else reads through here.
 *
 * <p>Time windows become primary-key ranges: ids are minted from the intake writer's clock at
 * the moment {@code created_at_ms} is taken (see {@link Ids}), so an id lies within
 * {@link #ID_TIME_SLACK_MS} of its creation time even across a clock step.
 */
public final class ContentReader {
    /** Slack between an id's embedded time and its created_at: both come from one clock at one moment; an hour covers any step. */
    public static final long ID_TIME_SLACK_MS = 3_600_000;
    /** Most rows one page read returns. */
    public static final int PAGE_MAX = 10_000;
    /** Most ids or authors per call: well under SQLite's and PostgreSQL's bind-parameter limits. */
    public static final int KEYS_MAX = 1_000;

    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public ContentReader(Database db) {
        this.db = db;
    }

    public Optional<Content> find(long id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM contents WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> content(rs))
                        .findOne()
                        .map(c -> withImages(h, List.of(c)).get(0)));
    }

    /**
     * Whether content {@code id} exists, read on the caller's handle. For callers inside a write
     * transaction (the group-commit writer): asking the pool for a second connection there made the
     * one writer wait behind requests that were waiting on it, and under load the whole service
     * stalled on the pool (the soak suite, docs/reliability.md).
     */
    public static boolean exists(Handle h, long id) {
        return h.createQuery("SELECT 1 FROM contents WHERE id = :id")
                .bind("id", id)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    /** Many items at once, keyed by id in the order found; unknown ids are absent. At most {@value #KEYS_MAX} ids. */
    public Map<Long, Content> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        if (ids.size() > KEYS_MAX)
            throw new IllegalArgumentException("at most " + KEYS_MAX + " ids at a time, got " + ids.size());
        return db.jdbi().withHandle(h -> {
            List<Content> found = h.createQuery("SELECT * FROM contents WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> content(rs))
                    .list();
            Map<Long, Content> out = new LinkedHashMap<>();
            for (Content c : withImages(h, found)) out.put(c.id(), c);
            return out;
        });
    }

    /**
     * Content created in {@code [createdFromMs, createdUntilMs)} with an id above {@code afterId},
     * oldest first, at most {@code limit}: a cursor over a time window (rescreen, backtest). The
     * window is also bounded by id (see {@link #ID_TIME_SLACK_MS}), so it reads a key range.
     */
    public List<Content> window(long afterId, long createdFromMs, long createdUntilMs, int limit) {
        requireLimit(limit);
        long from = Math.max(afterId, Ids.lowestAt(createdFromMs - ID_TIME_SLACK_MS) - 1);
        long last = createdUntilMs >= Long.MAX_VALUE - ID_TIME_SLACK_MS
                ? Long.MAX_VALUE
                : Ids.lowestAt(createdUntilMs + ID_TIME_SLACK_MS);
        return db.jdbi()
                .withHandle(h -> withImages(
                        h,
                        h.createQuery("""
                        SELECT * FROM contents
                         WHERE id > :from AND id <= :last AND created_at_ms >= :since AND created_at_ms < :until
                         ORDER BY id LIMIT :n""")
                                .bind("from", from)
                                .bind("last", last)
                                .bind("since", createdFromMs)
                                .bind("until", createdUntilMs)
                                .bind("n", limit)
                                .map((rs, ctx) -> content(rs))
                                .list()));
    }

    /**
     * Content with an id above {@code afterId} that has no row in {@code table} (a table of the
     * calling capability whose primary key {@code content_id} refers to content), oldest first, at
     * most {@code limit}: "what have we not handled yet" as one index-backed anti-join, e.g. the
     * decision worker's undecided content ({@code decision_heads}).
     */
    public List<Content> withoutRowIn(String table, long afterId, int limit) {
        requireLimit(limit);
        if (!TABLE.matcher(table).matches())
            throw new IllegalArgumentException("table must be a lower-case SQL name: " + table);
        return db.jdbi()
                .withHandle(h -> withImages(
                        h,
                        // "No row" as a scalar subquery per content, not NOT EXISTS: PostgreSQL turns
                        // NOT EXISTS into an anti-join, and on statistics that lag a growing table it
                        // planned a sequential scan of every content (3.7 ms at 15k rows, linear in the
                        // table, for each poll that found nothing). This form always reads the key
                        // range above the watermark: 0.05 ms (docs/benchmarks.md, session 10).
                        h.createQuery("SELECT * FROM contents c WHERE c.id > :after AND (SELECT x.content_id FROM "
                                        + table + " x WHERE x.content_id = c.id) IS NULL ORDER BY c.id LIMIT :n")
                                .bind("after", afterId)
                                .bind("n", limit)
                                .map((rs, ctx) -> content(rs))
                                .list()));
    }

    /** How many stored items have no row in {@code table} (see {@link #withoutRowIn}); a full anti-join, for metrics and tests. */
    public long countWithoutRowIn(String table) {
        if (!TABLE.matcher(table).matches())
            throw new IllegalArgumentException("table must be a lower-case SQL name: " + table);
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM contents c WHERE NOT EXISTS (SELECT 1 FROM "
                                + table + " x WHERE x.content_id = c.id)")
                        .mapTo(Long.class)
                        .one());
    }

    /** When each author's first content was created, for those with any; at most {@value #KEYS_MAX} authors. */
    public Map<String, Long> firstCreatedAtMs(Collection<String> authorIds) {
        if (authorIds.isEmpty()) return Map.of();
        if (authorIds.size() > KEYS_MAX)
            throw new IllegalArgumentException("at most " + KEYS_MAX + " authors at a time, got " + authorIds.size());
        Map<String, Long> out = new LinkedHashMap<>();
        // MIN(id) reads only the (author_id, id) index; ids are time-ordered, so it is the first content.
        db.jdbi()
                .useHandle(h -> h.createQuery("""
                        SELECT author_id, created_at_ms FROM contents WHERE id IN
                            (SELECT MIN(id) FROM contents WHERE author_id IN (<authors>) GROUP BY author_id)""")
                        .bindList("authors", List.copyOf(authorIds))
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** An earlier item of one author in one stream, as {@link #earlierInStream} reads it. */
    public record StreamItem(long id, String text, Instant createdAt) {}

    /** Most earlier items {@link #earlierInStream} reads per item. */
    public static final int STREAM_ITEMS_MAX = 64;

    private static final String EARLIER_IN_STREAM = """
            SELECT id, body, created_at_ms FROM contents
             WHERE stream_id = ? AND author_id = ? AND id < ? AND id > ? AND created_at_ms >= ? AND created_at_ms <= ?
             ORDER BY id DESC LIMIT ?""";

    /**
     * For each item with a stream id: the same author's items in the same stream stored before it
     * (smaller id) and created at most {@code windowMs} before it, the newest {@code itemsMax},
     * oldest first; keyed by content id. Items without a stream are absent and cost no query; each
     * other item costs one query on the {@code contents_stream} index, all on one connection.
     */
    public Map<Long, List<StreamItem>> earlierInStream(Collection<Content> items, int itemsMax, long windowMs) {
        if (itemsMax < 1 || itemsMax > STREAM_ITEMS_MAX)
            throw new IllegalArgumentException("itemsMax must be 1.." + STREAM_ITEMS_MAX + ", was " + itemsMax);
        if (windowMs < 1) throw new IllegalArgumentException("windowMs must be positive, was " + windowMs);
        List<Content> streamed =
                items.stream().filter(c -> c.streamId() != null).toList();
        if (streamed.isEmpty()) return Map.of();
        Map<Long, List<StreamItem>> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> HotStatements.with(h, EARLIER_IN_STREAM, ps -> {
                    for (Content c : streamed) {
                        long untilMs = c.createdAt().toEpochMilli();
                        long fromMs = untilMs - windowMs;
                        ps.setString(1, c.streamId());
                        ps.setString(2, c.authorId());
                        ps.setLong(3, c.id());
                        ps.setLong(4, Ids.lowestAt(Math.max(0, fromMs - ID_TIME_SLACK_MS)) - 1);
                        ps.setLong(5, fromMs);
                        ps.setLong(6, untilMs);
                        ps.setInt(7, itemsMax);
                        List<StreamItem> found = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next())
                                found.add(new StreamItem(
                                        rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                        }
                        out.put(c.id(), found.reversed());
                    }
                    return null;
                }));
        return out;
    }

    /** Maps a {@code contents} row (without its images; see {@link #withImages}). */
    static Content content(ResultSet rs) throws SQLException {
        return new Content(
                rs.getLong("id"),
                Surface.parse(rs.getString("surface")).orElseThrow(),
                rs.getString("author_id"),
                rs.getString("external_id"),
                rs.getString("title"),
                rs.getString("body"),
                fromJson(rs.getString("tags_json"), STRINGS),
                fromJson(rs.getString("images_json"), STRINGS),
                rs.getString("submitted_by"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                rs.getInt("ai_declared") != 0,
                rs.getString("ai_mark"),
                List.of(),
                rs.getString("stream_id"));
    }

    /** Attaches uploaded images to a page of content with one query. */
    static List<Content> withImages(Handle h, List<Content> contents) {
        if (contents.isEmpty()) return contents;
        String idList = contents.stream().map(c -> Long.toString(c.id())).collect(Collectors.joining(","));
        Map<Long, List<ContentImage>> byContent = new LinkedHashMap<>();
        h.createQuery("SELECT * FROM content_images WHERE content_id IN (" + idList + ") ORDER BY content_id, idx")
                .map((rs, ctx) -> new ContentImage(
                        rs.getLong("content_id"),
                        rs.getInt("idx"),
                        rs.getString("media_type"),
                        rs.getInt("width"),
                        rs.getInt("height"),
                        rs.getLong("bytes"),
                        rs.getString("sha256"),
                        rs.getString("ai_mark"),
                        fromJson(rs.getString("evidence_json"), STRINGS),
                        rs.getString("aigc_json") == null ? null : fromJson(rs.getString("aigc_json"), FIELDS),
                        rs.getString("stored_path"),
                        rs.getString("c2pa_status"),
                        rs.getString("c2pa_source_type")))
                .forEach(img -> byContent
                        .computeIfAbsent(img.contentId(), k -> new ArrayList<>())
                        .add(img));
        if (byContent.isEmpty()) return contents;
        return contents.stream()
                .map(c -> byContent.containsKey(c.id())
                        ? new Content(
                                c.id(),
                                c.surface(),
                                c.authorId(),
                                c.externalId(),
                                c.title(),
                                c.text(),
                                c.tags(),
                                c.images(),
                                c.submittedBy(),
                                c.createdAt(),
                                c.aiDeclared(),
                                c.aiMark(),
                                List.copyOf(byContent.get(c.id())),
                                c.streamId())
                        : c)
                .toList();
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > PAGE_MAX)
            throw new IllegalArgumentException("limit must be 1.." + PAGE_MAX + ", was " + limit);
    }

    private static <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in a contents row: " + e.getOriginalMessage(), e);
        }
    }
}
