package io.redline.review;

import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.intake.Content;
import io.redline.intake.Intake;
import io.redline.intake.IntakeLimits;
import io.redline.intake.Submission;
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
    final Intake intake;
    final Decisions decisions;

    Fixture(Database db) {
        this.db = db;
        db.migrate("intake");
        this.writes = new GroupCommit(db, 10_000, 256);
        this.audit = AuditLog.open(db);
        this.policies = new PolicyStore(db, writes, audit, Clock.systemUTC());
        this.intake = new Intake(db, writes, IntakeLimits.defaults(), Clock.systemUTC(), new Ids());
        this.decisions = new Decisions(db, writes, audit, policies, SCREENER::current, Clock.systemUTC(), new Ids());
    }

    /** Another process on the same database: its own writer, caches and watermark. */
    Decisions secondDecisions() {
        return new Decisions(db, new GroupCommit(db, 10_000, 256), audit, new PolicyStore(db, writes, audit, Clock.systemUTC()),
                SCREENER::current, Clock.systemUTC(), new Ids());
    }

    Content note(String author, String title, String text, List<String> tags) {
        return intake.submit(SERVICE, new Submission("note", author, null, title, text, tags, List.of()), null).content();
    }

    Content comment(String author, String text) {
        return intake.submit(SERVICE, new Submission("comment", author, null, null, text, null, null), null).content();
    }

    /** Submits {@code n} comments in batches, a mix of clean, drainage and gambling text. */
    void comments(int n) {
        String[] texts = {"好看!", "今天天气真好", "请加 微 信 xyz 详聊", "网赌 稳赚", "求链接", "私信我 看看"};
        for (int from = 0; from < n; from += 100) {
            List<Submission> batch = new java.util.ArrayList<>();
            for (int i = from; i < Math.min(n, from + 100); i++) {
                batch.add(new Submission("comment", "author" + (i % 17), null, null, texts[i % texts.length] + " #" + i, null, null));
            }
            intake.submitBatch(SERVICE, batch, null);
        }
    }

    @Override
    public void close() {
        writes.close();
        db.close();
    }
}
