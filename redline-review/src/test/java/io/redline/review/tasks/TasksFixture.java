package io.redline.review.tasks;

import io.redline.audit.AuditEntry;
import io.redline.audit.AuditLog;
import io.redline.audit.AuditQuery;
import io.redline.decision.Decision;
import io.redline.decision.Decisions;
import io.redline.decision.PolicyStore;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.review.webhooks.WebhookSubscription;
import io.redline.review.webhooks.Webhooks;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.store.TestClock;
import io.redline.text.Screener;
import io.redline.text.ScreenerHolder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Decisions and the review queue wired the way the server wires them, on one database, with a clock tests can move. */
final class TasksFixture implements AutoCloseable {
    static final Principal SERVICE = new Principal("tok_service", Role.SERVICE, null, "platform");
    static final Principal ANNA = new Principal("tok_anna", Role.REVIEWER, null, "anna");
    static final Principal BORIS = new Principal("tok_boris", Role.REVIEWER, null, "boris");
    static final Principal CHEN = new Principal("tok_chen", Role.REVIEWER, null, "chen");
    static final Principal READER = new Principal("tok_reader", Role.SERVICE, null, "reader");
    static final ScreenerHolder SCREENER = new ScreenerHolder(Screener.starter());
    static final Duration LEASE = Duration.ofMinutes(5);

    static Principal creator(String authorId) {
        return new Principal("tok_creator_" + authorId, Role.CREATOR, authorId, authorId);
    }

    final Database db;
    final GroupCommit writes;
    final AuditLog audit;
    final Decisions decisions;
    final TestClock clock = TestClock.wall();
    final PolicyStore policies;
    final Webhooks webhooks;
    final ReviewTasks tasks;
    private final Ids contentIds = new Ids();
    private final List<GroupCommit> extraWriters = new ArrayList<>();

    TasksFixture(Database db) {
        this(db, TaskConfig.defaults().withSampleRates(0, 0).withSweepLag(Duration.ZERO));
    }

    TasksFixture(Database db, TaskConfig config) {
        this(db, config, List.of());
    }

    /** With webhook subscriptions: verdicts enqueue deliveries (nothing sends them here). */
    TasksFixture(Database db, List<WebhookSubscription> subscriptions) {
        this(db, TaskConfig.defaults().withSampleRates(0, 0).withSweepLag(Duration.ZERO), subscriptions);
    }

    TasksFixture(Database db, TaskConfig config, List<WebhookSubscription> subscriptions) {
        this.db = db;
        db.migrate("intake");
        this.writes = new GroupCommit(db, 10_000, 256);
        this.audit = AuditLog.open(db);
        this.policies = new PolicyStore(db, writes, audit, Clock.systemUTC());
        this.decisions = new Decisions(db, writes, audit, policies, SCREENER::current, Clock.systemUTC(), new Ids());
        this.webhooks = new Webhooks(db, writes, audit, subscriptions, Webhooks.DEFAULT_MAX_ATTEMPTS, clock, new Ids());
        this.tasks = new ReviewTasks(db, writes, audit, decisions, config, clock, new Ids(), webhooks);
    }

    /** The review queue of another server process on the same database: its own writer thread. */
    ReviewTasks secondProcess() {
        GroupCommit w = new GroupCommit(db, 10_000, 256);
        extraWriters.add(w);
        return new ReviewTasks(db, w, audit, decisions, tasks.config(), clock, new Ids());
    }

    /** A note the default policy sends to the drainage queue (priority 3, deadline 8 h). */
    Decision reviewNote(String author) {
        return decide(insert("note", author, "请加 微 信 xyz"));
    }

    /** A comment the default policy blocks. */
    Decision blockedComment(String author) {
        return decide(insert("comment", author, "网赌 稳赚"));
    }

    /** A comment the default policy allows. */
    Decision allowedComment(String author) {
        return decide(insert("comment", author, "好看!"));
    }

    Decision decide(long contentId) {
        return decisions.decideNow(contentId, SERVICE);
    }

    /** Stores content the way intake does, in SQL, so these tests depend on intake's table only. */
    long insert(String surface, String author, String text) {
        long id = contentIds.next();
        db.jdbi()
                .useHandle(h -> h.createUpdate("""
                INSERT INTO contents (id, surface, author_id, external_id, title, body, tags_json, images_json,
                                      submitted_by, idempotency_key, request_sha256, created_at_ms)
                VALUES (:id, :surface, :author, NULL, NULL, :body, '[]', '[]', 'tok_service', NULL, NULL, :at)""")
                        .bind("id", id)
                        .bind("surface", surface)
                        .bind("author", author)
                        .bind("body", text)
                        .bind("at", Ids.epochMsOf(id))
                        .execute());
        return id;
    }

    /** Stores {@code n} notes the default policy sends to review, in one transaction, and decides them with the worker's call. */
    void reviewNotes(int n) {
        db.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO contents (id, surface, author_id, external_id, title, body, tags_json, images_json,
                                          submitted_by, idempotency_key, request_sha256, created_at_ms)
                    VALUES (:id, 'note', :author, NULL, NULL, '请加 微 信 xyz', '[]', '[]', 'tok_service', NULL, NULL, :at)""");
            for (int i = 0; i < n; i++) {
                long id = contentIds.next();
                batch.bind("id", id)
                        .bind("author", "author" + (i % 97))
                        .bind("at", Ids.epochMsOf(id))
                        .add();
            }
            batch.execute();
        });
        while (decisions.decidePending(Decisions.BATCH_MAX) > 0) {}
    }

    /** Opens the tasks of every review decision made so far. */
    int sweep() {
        clock.advance(Duration.ofMillis(2)); // the sample scan stops below the current millisecond: move past it
        int opened = 0, n;
        while ((n = tasks.openPending(ReviewTasks.BATCH_MAX)) > 0) opened += n;
        return opened;
    }

    ReviewTask claim(String queue, Principal reviewer) {
        return tasks.claim(queue, reviewer, LEASE)
                .orElseThrow(() -> new AssertionError(reviewer.name() + " got nothing from " + queue));
    }

    List<AuditEntry> audited(String actionPrefix) {
        return audit.search(AuditQuery.latest()
                .withActionPrefix(actionPrefix.isEmpty() ? null : actionPrefix)
                .withLimit(AuditQuery.LIMIT_MAX));
    }

    @Override
    public void close() {
        extraWriters.forEach(GroupCommit::close);
        writes.close();
        db.close();
    }
}
