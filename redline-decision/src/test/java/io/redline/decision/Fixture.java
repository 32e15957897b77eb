package io.redline.decision;

import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.text.Screener;
import io.redline.text.ScreenerHolder;
import java.time.Clock;
import java.util.List;

/** The review capability wired the way the server wires it, on one database. */
final class Fixture implements AutoCloseable {
    static final Principal SERVICE = new Principal("tok_service", Role.SERVICE, null, "platform");
    static final Principal EDITOR = new Principal("tok_editor", Role.POLICY_EDITOR, null, "editor");
    static final Principal REVIEWER = new Principal("tok_reviewer", Role.REVIEWER, null, "reviewer");
    static final ScreenerHolder SCREENER = new ScreenerHolder(Screener.starter());

    static final String STRICT_POLICY = """
            schema: redline/policy-v1
            name: strict-drainage
            description: Block every drainage hit on every surface.
            defaults:
              action: allow
              reasonCode: ok
            rules:
              - id: prohibited-high
                when:
                  hits: {category: [gambling, drugs, adult, fraud], severity: {atLeast: 80}}
                action: block
                reasonCode: prohibited_content
              - id: drainage-block-everywhere
                when:
                  hits: {category: [drainage]}
                action: block
                reasonCode: off_platform_contact
              - id: harm-review
                when:
                  hits: {category: [gambling, drugs, adult, fraud, violence], severity: {atLeast: 40}}
                action: review
                review: {queue: harm, priority: 2, deadline: PT2H}
                reasonCode: pending_review
            """;

    final Database db;
    final GroupCommit writes;
    final AuditLog audit;
    final PolicyStore policies;
    final Ids contentIds = new Ids();
    final Decisions decisions;

    Fixture(Database db) {
        this.db = db;
        db.migrate("intake");
        this.writes = new GroupCommit(db, 10_000, 256);
        this.audit = AuditLog.open(db);
        this.policies = new PolicyStore(db, writes, audit, Clock.systemUTC());
        this.decisions = new Decisions(db, writes, audit, policies, SCREENER::current, Clock.systemUTC(), new Ids());
    }

    /** Another process on the same database: its own writer, caches and watermark. */
    Decisions secondDecisions() {
        return new Decisions(
                db,
                new GroupCommit(db, 10_000, 256),
                audit,
                new PolicyStore(db, writes, audit, Clock.systemUTC()),
                SCREENER::current,
                Clock.systemUTC(),
                new Ids());
    }

    ContentSnapshot note(String author, String title, String text, List<String> tags) {
        return insert("note", author, title, text, tags);
    }

    ContentSnapshot comment(String author, String text) {
        return insert("comment", author, null, text, List.of());
    }

    /**
     * Stores content the way intake does (same columns, ids minted at creation), straight in SQL so
     * these tests depend on intake's table, which review reads, not on intake's Java API.
     */
    ContentSnapshot insert(String surface, String author, String title, String text, List<String> tags) {
        long id = contentIds.next();
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                INSERT INTO contents (id, surface, author_id, external_id, title, body, tags_json, images_json,
                                      submitted_by, idempotency_key, request_sha256, created_at_ms)
                VALUES (:id, :surface, :author, NULL, :title, :body, :tags, '[]', 'tok_service', NULL, NULL, :at)""")
                        .bind("id", id)
                        .bind("surface", surface)
                        .bind("author", author)
                        .bind("title", title)
                        .bind("body", text)
                        .bind("tags", json(tags))
                        .bind("at", io.redline.store.Ids.epochMsOf(id))
                        .execute());
        return Decisions.snapshot(
                new io.redline.intake.ContentReader(db).find(id).orElseThrow());
    }

    /** Stores {@code n} comments, a mix of clean, drainage and gambling text. */
    void comments(int n) {
        String[] texts = {"好看!", "今天天气真好", "请加 微 信 xyz 详聊", "网赌 稳赚", "求链接", "私信我 看看"};
        db.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO contents (id, surface, author_id, external_id, title, body, tags_json, images_json,
                                          submitted_by, idempotency_key, request_sha256, created_at_ms)
                    VALUES (:id, 'comment', :author, NULL, NULL, :body, '[]', '[]', 'tok_service', NULL, NULL, :at)""");
            for (int i = 0; i < n; i++) {
                long id = contentIds.next();
                batch.bind("id", id)
                        .bind("author", "author" + (i % 17))
                        .bind("body", texts[i % texts.length] + " #" + i)
                        .bind("at", io.redline.store.Ids.epochMsOf(id))
                        .add();
            }
            batch.execute();
        });
    }

    private static String json(List<String> values) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        writes.close();
        db.close();
    }
}
