package io.redline.decision;

import io.redline.intake.ContentReader;
import io.redline.policy.AuthorFacts;
import io.redline.store.Database;
import io.redline.store.HotStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.ConnectionException;

/**
 * What the policy knows about authors, computed from stored content and decisions, for a whole
 * batch in at most two queries (never one per item); authors' first-content times are cached.
 *
 * <ul>
 *   <li>accountAgeDays: whole days from the author's first stored content to this content's
 *       creation (so replays see the age the author had when posting).
 *   <li>priorStrikes: the author's earlier contents (smaller id) whose current decision is block.
 *   <li>trustLevel: 0 with any strike; otherwise one level per 30 clean days, up to 10 (300 days).
 *   <li>openReports: user reports on the author's content whose review task is still open.
 * </ul>
 */
public final class AuthorFactsSource {
    static final int TRUST_DAYS_PER_LEVEL = 30;
    /** Authors per IN list: well under SQLite's and PostgreSQL's bind-parameter limits. */
    private static final int AUTHORS_PER_QUERY = 1_000;

    /** Cached first-content times; cleared when full rather than tracking recency (the query refills it). */
    static final int FIRST_CONTENT_CACHE_MAX = 500_000;

    private final Database db;
    private final ContentReader contents;
    private final OpenReports reports;
    /**
     * author id → creation time of their first content. Immutable once known, since later content
     * always gets a larger id, so a hit never goes stale (contents are never deleted).
     */
    private final Map<String, Long> firstContentMs = new ConcurrentHashMap<>();

    /** Alone, as in tests: contents read from {@code db}, nobody has open reports. */
    public AuthorFactsSource(Database db) {
        this(db, new ContentReader(db), OpenReports.NONE);
    }

    public AuthorFactsSource(Database db, ContentReader contents, OpenReports reports) {
        this.db = db;
        this.contents = contents;
        this.reports = reports;
    }

    /** Facts for each content, keyed by content id. */
    public Map<Long, AuthorFacts> forContents(List<ContentSnapshot> contents) {
        if (contents.isEmpty()) return Map.of();
        Set<String> authors = new LinkedHashSet<>();
        for (ContentSnapshot c : contents) authors.add(c.authorId());
        List<String> all = new ArrayList<>(authors);
        // First, on a connection of its own and before taking the one below: a thread holding one
        // pooled connection while it waits for a second can starve the pool when many do it at once.
        Map<String, Long> firstMs = firstContentTimes(all);
        // A pooled connection, not a Jdbi handle: every decision reads these facts, and opening a
        // handle (a copy of Jdbi's configuration) was a third of the time they took.
        try (Connection c = db.dataSource().getConnection()) {
            return forContents(c, contents, all, firstMs);
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
    }

    /** Each author's first-content time: cached, the rest read in queries of at most AUTHORS_PER_QUERY. */
    private Map<String, Long> firstContentTimes(List<String> all) {
        Map<String, Long> firstMs = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String a : all) {
            Long ms = firstContentMs.get(a);
            if (ms == null) unknown.add(a);
            else firstMs.put(a, ms);
        }
        for (int from = 0; from < unknown.size(); from += AUTHORS_PER_QUERY) {
            List<String> part = unknown.subList(from, Math.min(unknown.size(), from + AUTHORS_PER_QUERY));
            firstMs.putAll(this.contents.firstCreatedAtMs(part));
        }
        if (firstContentMs.size() + unknown.size() > FIRST_CONTENT_CACHE_MAX) firstContentMs.clear();
        for (String a : unknown) {
            Long ms = firstMs.get(a);
            if (ms != null) firstContentMs.put(a, ms);
        }
        return firstMs;
    }

    private Map<Long, AuthorFacts> forContents(
            Connection connection, List<ContentSnapshot> contents, List<String> all, Map<String, Long> firstMs) {
        Map<String, List<Long>> blocked = new HashMap<>();
        for (int from = 0; from < all.size(); from += AUTHORS_PER_QUERY) {
            List<String> part = all.subList(from, Math.min(all.size(), from + AUTHORS_PER_QUERY));
            // Every decision reads it (plain JDBC: see HotStatements).
            HotStatements.queryIn(
                    connection,
                    "SELECT author_id, content_id FROM decision_heads WHERE author_id IN (" + HotStatements.IN
                            + ") AND action = 'block'",
                    part,
                    rs -> blocked.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getLong(2)));
        }
        Map<String, Integer> openReports = new HashMap<>();
        for (int from = 0; from < all.size(); from += AUTHORS_PER_QUERY) {
            openReports.putAll(
                    reports.count(connection, all.subList(from, Math.min(all.size(), from + AUTHORS_PER_QUERY))));
        }
        Map<Long, AuthorFacts> out = new HashMap<>(contents.size() * 2);
        for (ContentSnapshot c : contents) {
            long first = firstMs.getOrDefault(c.authorId(), c.createdAt().toEpochMilli());
            long ageDays = Math.max(
                    0, Duration.ofMillis(c.createdAt().toEpochMilli() - first).toDays());
            int strikes = 0;
            for (long id : blocked.getOrDefault(c.authorId(), List.of())) {
                if (id < c.id()) strikes++;
            }
            out.put(
                    c.id(),
                    facts(
                            (int) Math.min(Integer.MAX_VALUE, ageDays),
                            strikes,
                            openReports.getOrDefault(c.authorId(), 0)));
        }
        return out;
    }

    /** The documented rule, public so tests and docs can state it once. */
    public static AuthorFacts facts(int accountAgeDays, int priorStrikes, int openReports) {
        int trust = priorStrikes > 0 ? 0 : Math.min(AuthorFacts.TRUST_LEVEL_MAX, accountAgeDays / TRUST_DAYS_PER_LEVEL);
        return new AuthorFacts(accountAgeDays, trust, priorStrikes, openReports);
    }
}
