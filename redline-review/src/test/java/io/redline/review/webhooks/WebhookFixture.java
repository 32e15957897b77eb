package io.redline.review.webhooks;

import io.redline.audit.AuditLog;
import io.redline.decision.Origin;
import io.redline.policy.Action;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.store.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The outbox and dispatchers on one database with a clock the test moves; events are enqueued directly. */
final class WebhookFixture implements AutoCloseable {
    static final String SECRET = "whsec-0123456789abcdef";
    final Database db;
    final GroupCommit writes;
    final AuditLog audit;
    final TestClock clock = TestClock.fixedNow();
    final Webhooks webhooks;
    private final List<WebhookSubscription> subscriptions;
    private final int maxAttempts;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Ids ids = new Ids();

    WebhookFixture(Database db, String url, int maxAttempts) {
        this.db = db;
        io.redline.decision.DecisionSchema.migrate(db);
        io.redline.review.ReviewSchema.migrate(db);
        this.writes = new GroupCommit(db, 1_000, 64);
        this.audit = AuditLog.open(db);
        this.subscriptions = List.of(WebhookSubscription.of("platform", url, SECRET));
        this.maxAttempts = maxAttempts;
        this.webhooks = new Webhooks(db, writes, audit, subscriptions, maxAttempts, clock, new Ids());
    }

    WebhookDispatcher dispatcher() {
        return dispatcher(WebhookDispatcher.REQUEST_TIMEOUT);
    }

    WebhookDispatcher dispatcher(Duration requestTimeout) {
        WebhookDispatcher d = new WebhookDispatcher(webhooks, clock, requestTimeout, 50);
        closeables.add(d);
        return d;
    }

    /** A dispatcher of another server process on the same database: its own writer thread and outbox. */
    WebhookDispatcher otherProcessDispatcher() {
        GroupCommit w = new GroupCommit(db, 1_000, 64);
        WebhookDispatcher d = new WebhookDispatcher(
                new Webhooks(db, w, audit, subscriptions, maxAttempts, clock, new Ids()),
                clock,
                WebhookDispatcher.REQUEST_TIMEOUT,
                50);
        closeables.add(w);
        closeables.add(d);
        return d;
    }

    /** Enqueues a decision.final event for a new content id, the way a verdict does; returns its delivery. */
    Delivery enqueue() {
        long contentId = ids.next();
        WebhookEvent event = new WebhookEvent.DecisionFinal(
                contentId,
                "alice",
                new WebhookEvent.FinalDecision(2, Action.BLOCK, "spam", Origin.REVIEW, clock.instant()));
        assertOne(writes.write(h -> webhooks.enqueue(h, event)));
        return webhooks.deliveries(null, Webhooks.LIST_MAX).stream()
                .filter(d -> d.contentId() == contentId)
                .findFirst()
                .orElseThrow();
    }

    Delivery reload(Delivery d) {
        return webhooks.delivery(d.id()).orElseThrow();
    }

    private static void assertOne(int stored) {
        if (stored != 1) throw new AssertionError("expected one delivery row, got " + stored);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) c.close();
        writes.close();
        db.close();
    }
}
