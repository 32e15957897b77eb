package io.redline.server.console;

import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.review.tasks.ReviewTask;
import io.redline.review.tasks.TaskVerdict;
import io.redline.server.RedlineServer;
import io.redline.server.TestServer;
import io.redline.server.demo.DemoData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Takes the screenshots in {@code docs/console.md} from a real server loaded with the demo data
 * set. Not part of the suite: run {@code docs/console-screenshots.sh} (it sets
 * {@code redline.screenshots} to the output folder). Chinese pages need a CJK font
 * ({@code fonts-noto-cjk}) or they show boxes.
 */
@EnabledIfSystemProperty(named = "redline.screenshots", matches = ".+")
class ConsoleScreenshots {

    @Test
    void mainPages() {
        Path out = Path.of(System.getProperty("redline.screenshots"));
        try (ConsoleFixture fx = new ConsoleFixture()) {
            RedlineServer s = fx.server.server();
            DemoData.load(s);
            TestServer.eventually("demo items decided", () -> s.decisions().pendingCount() == 0 ? true : null);
            while (s.tasks().openPending(500) > 0) {
                // open every review task now rather than waiting for the sweeper
            }
            // A little history for the dashboard and the inboxes: two reviewers decide a few tasks, a creator appeals,
            // a user reports.
            Principal rita = new Principal("usr_rita", Role.REVIEWER, null, "rita");
            Principal sam = new Principal("usr_sam", Role.REVIEWER, null, "sam");
            String queue = s.tasks().queueStats().stream()
                    .max(java.util.Comparator.comparingLong(io.redline.review.tasks.QueueStats::open))
                    .orElseThrow()
                    .queue();
            Long appealed = null;
            for (int i = 0; i < 4; i++) {
                Optional<ReviewTask> t = s.tasks().claim(queue, i % 2 == 0 ? rita : sam, Duration.ofMinutes(5));
                if (t.isEmpty()) break;
                s.tasks()
                        .decide(
                                t.get().id(),
                                i % 2 == 0 ? rita : sam,
                                i % 3 == 0 ? TaskVerdict.APPROVE : TaskVerdict.REJECT,
                                i % 3 == 0 ? "false_positive" : "off_platform_contact",
                                null);
                if (i % 3 != 0 && appealed == null) appealed = t.get().contentId();
            }
            if (appealed != null) {
                String author = s.intake().find(appealed).orElseThrow().authorId();
                s.tasks()
                        .appeal(
                                appealed,
                                new Principal("tok_author", Role.CREATOR, author, author),
                                "这是我自己店铺的客服电话，不是引流，请复核。");
            }
            long reported = s.tasks().openTasks(queue, 5).get(0).contentId();
            s.tasks()
                    .report(
                            reported,
                            new Principal("tok_reader", Role.SERVICE, null, "reader"),
                            "drainage",
                            "评论区一直在发微信号拉人进群");

            try (Browser en = new Browser(fx.url(), "en-US")) {
                en.open("/console/login");
                en.screenshot(out.resolve("login.png"));
                en.signInWithToken(fx.server.tokens.get(Role.ADMIN));
                en.awaitPath("/console/dashboard");
                en.screenshot(out.resolve("dashboard.png"));
                en.open("/console/queues");
                en.screenshot(out.resolve("queues.png"));
                en.open("/console/queues/" + queue);
                en.screenshot(out.resolve("queue.png"));
                en.press("n");
                en.await("#actions");
                en.screenshot(out.resolve("task.png"));
                en.open("/console/appeals");
                en.screenshot(out.resolve("appeals.png"));
                en.open("/console/reports");
                en.screenshot(out.resolve("reports.png"));
                en.open("/console/policies");
                en.screenshot(out.resolve("policies.png"));
                en.open("/console/policies/" + s.policies().active().version());
                en.screenshot(out.resolve("policy.png"));
                en.open("/console/audit?verify=1");
                en.screenshot(out.resolve("audit.png"));
            }
            try (Browser zh = new Browser(fx.url(), "zh-CN")) {
                zh.signInWithToken(fx.server.tokens.get(Role.REVIEWER));
                zh.awaitPath("/console/queues");
                zh.open("/console/queues/" + queue);
                zh.press("n");
                zh.await("#actions");
                zh.screenshot(out.resolve("task-zh.png"));
            }
            if (appealed != null) {
                String author = s.intake().find(appealed).orElseThrow().authorId();
                String token = s.tokens()
                        .create(
                                new io.redline.identity.TokenRequest(Role.CREATOR, author, "screenshot creator"),
                                "test")
                        .secret();
                try (Browser creator = new Browser(fx.url(), "zh-CN")) {
                    creator.signInWithToken(token);
                    creator.awaitPath("/console/mine");
                    creator.screenshot(out.resolve("mine-zh.png"));
                }
            }
        }
    }
}
