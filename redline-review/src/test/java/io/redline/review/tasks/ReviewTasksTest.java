package io.redline.review.tasks;

import static io.redline.review.tasks.TasksFixture.ANNA;
import static io.redline.review.tasks.TasksFixture.BORIS;
import static io.redline.review.tasks.TasksFixture.CHEN;
import static io.redline.review.tasks.TasksFixture.LEASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditEntry;
import io.redline.decision.Decision;
import io.redline.decision.Origin;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.policy.Action;
import io.redline.review.ReviewException;
import io.redline.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReviewTasksTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void everyReviewDecisionGetsExactlyOneTaskRoutedAsThePolicySaid(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision first = f.reviewNote("alice");
            Decision second = f.reviewNote("bob");
            f.blockedComment("carol");
            f.allowedComment("dave");

            assertThat(f.tasks.openFor(List.of(first))).isEqualTo(1);
            assertThat(f.sweep()).isEqualTo(1); // only the second was still without a task
            assertThat(f.sweep()).isZero();
            assertThat(f.tasks.openFor(List.of(first, second))).isZero();

            List<ReviewTask> drainage = f.tasks.openTasks("drainage", 10);
            assertThat(drainage)
                    .extracting(ReviewTask::contentId)
                    .containsExactly(first.contentId(), second.contentId());
            ReviewTask t = drainage.getFirst();
            assertThat(t.kind()).isEqualTo(TaskKind.DECISION);
            assertThat(t.decisionSeq()).isEqualTo(1);
            assertThat(t.priority()).isEqualTo(first.review().priority());
            assertThat(t.deadlineAt()).isEqualTo(first.review().deadlineAt());
            assertThat(t.authorId()).isEqualTo("alice");
            assertThat(t.category()).isEqualTo("drainage");
            assertThat(f.audited("task.open")).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anExpiredLeaseReturnsTheTaskToTheQueue(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            f.reviewNote("alice");
            f.sweep();
            ReviewTask held =
                    f.tasks.claim("drainage", ANNA, Duration.ofSeconds(30)).orElseThrow();
            assertThat(held.claimedBy()).isEqualTo("tok_anna");
            assertThat(f.tasks.claim("drainage", BORIS, LEASE)).isEmpty();

            f.clock.advance(Duration.ofSeconds(31));
            ReviewTask taken = f.tasks.claim("drainage", BORIS, LEASE).orElseThrow();

            assertThat(taken.id()).isEqualTo(held.id());
            assertThat(taken.claimedBy()).isEqualTo("tok_boris");
            assertThatThrownBy(() -> f.tasks.decide(held.id(), ANNA, TaskVerdict.REJECT, "off_platform_contact", null))
                    .isInstanceOf(TaskConflict.class)
                    .hasMessageContaining("no lease");
            assertThat(f.audited("task.claim"))
                    .first()
                    .satisfies(e -> assertThat(e.event().details()).containsEntry("expiredLeaseOf", "tok_anna"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void concurrentClaimsNeverHandOneTaskToTwoReviewers(Supplier<Database> factory) throws Exception {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            int taskCount = 30;
            List<Decision> review = new ArrayList<>();
            for (int i = 0; i < taskCount; i++) review.add(f.reviewNote("author" + i));
            assertThat(f.tasks.openFor(review)).isEqualTo(taskCount);
            // Two "processes" with their own writer threads, four reviewers each, all claiming at once.
            List<ReviewTasks> processes = List.of(f.tasks, f.secondProcess());
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int r = 0; r < threads; r++) {
                ReviewTasks queue = processes.get(r % 2);
                Principal reviewer = new Principal("tok_r" + r, Role.REVIEWER, null, "r" + r);
                results.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    Optional<ReviewTask> t;
                    while ((t = queue.claim("drainage", reviewer, LEASE)).isPresent())
                        mine.add(t.get().id());
                    return mine;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> r : results) all.addAll(r.get(60, TimeUnit.SECONDS));
            pool.shutdown();

            assertThat(all).hasSize(taskCount).doesNotHaveDuplicates();
            assertThat(f.audited("task.claim")).hasSize(taskCount);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void onlyTheLeaseHolderDecidesAndTheVerdictAppendsAReviewDecision(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision auto = f.reviewNote("alice");
            f.sweep();
            ReviewTask t = f.claim("drainage", ANNA);

            assertThatThrownBy(() -> f.tasks.decide(t.id(), BORIS, TaskVerdict.APPROVE, "ok", null))
                    .isInstanceOf(TaskConflict.class);
            assertThatThrownBy(() ->
                            f.tasks.decide(t.id(), TasksFixture.creator("alice"), TaskVerdict.APPROVE, "ok", null))
                    .isInstanceOf(ReviewException.Forbidden.class);
            assertThatThrownBy(() -> f.tasks.claim("drainage", TasksFixture.SERVICE, LEASE))
                    .isInstanceOf(ReviewException.Forbidden.class);
            assertThatThrownBy(() -> f.tasks.decide(t.id(), ANNA, TaskVerdict.REJECT, "Not A Code", null))
                    .isInstanceOf(IllegalArgumentException.class);

            ReviewTask done =
                    f.tasks.decide(t.id(), ANNA, TaskVerdict.REJECT, "off_platform_contact", "wechat id in text");

            assertThat(done.open()).isFalse();
            assertThat(done.verdict()).isEqualTo(TaskVerdict.REJECT);
            assertThat(done.decidedBy()).isEqualTo("tok_anna");
            assertThat(done.resultSeq()).isEqualTo(2);
            List<Decision> history = f.decisions.history(auto.contentId());
            assertThat(history).extracting(Decision::seq).containsExactly(1, 2);
            assertThat(history.get(0)).isEqualTo(auto); // history kept as it was
            Decision human = history.get(1);
            assertThat(human.origin()).isEqualTo(Origin.REVIEW);
            assertThat(human.action()).isEqualTo(Action.BLOCK);
            assertThat(human.reasonCode()).isEqualTo("off_platform_contact");
            assertThat(human.decidedBy()).isEqualTo("tok_anna");
            assertThat(human.evidence()).isEqualTo(auto.evidence()); // what the reviewer looked at
            assertThat(human.review()).isNull();
            assertThat(f.decisions.current(auto.contentId())).contains(human);
            assertThat(f.decisions.currentOf(List.of(auto.contentId())).get(auto.contentId()))
                    .isEqualTo(human);

            assertThatThrownBy(() -> f.tasks.decide(t.id(), ANNA, TaskVerdict.APPROVE, "ok", null))
                    .isInstanceOf(TaskConflict.class)
                    .hasMessageContaining("decided already");
            assertThat(f.audited("content.decide")).first().satisfies(e -> {
                assertThat(e.event().actor().id()).isEqualTo("tok_anna");
                assertThat(e.event().details())
                        .containsEntry("origin", "review")
                        .containsEntry("seq", 2L);
            });
            assertThat(f.audited("task.decide"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.event().details())
                            .containsEntry("verdict", "reject")
                            .containsEntry("note", "wechat id in text"));
            assertThat(f.tasks.openTasks("drainage", 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void escalationMovesTheTaskToTheSeniorQueue(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            f.reviewNote("alice");
            f.sweep();
            ReviewTask t = f.claim("drainage", ANNA);
            assertThatThrownBy(() -> f.tasks.escalate(t.id(), BORIS, null)).isInstanceOf(TaskConflict.class);

            ReviewTask moved = f.tasks.escalate(t.id(), ANNA, "looks like a brand account");

            assertThat(moved.queue()).isEqualTo("senior");
            assertThat(moved.claimedBy()).isNull();
            assertThat(moved.escalations()).isEqualTo(1);
            assertThat(f.tasks.claim("drainage", BORIS, LEASE)).isEmpty();
            ReviewTask senior = f.claim("senior", BORIS);
            assertThat(senior.id()).isEqualTo(t.id());
            assertThatThrownBy(() -> f.tasks.escalate(t.id(), BORIS, null)).isInstanceOf(TaskConflict.class);
            f.tasks.decide(t.id(), BORIS, TaskVerdict.APPROVE, "legitimate_contact", null);
            assertThat(f.audited("task.escalate"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.event().details())
                            .containsEntry("from", "drainage")
                            .containsEntry("to", "senior"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void onlyTheSeniorReviewersClaimFromTheSeniorQueueWhenTheyAreListed(Supplier<Database> factory) {
        TaskConfig config = TaskConfig.defaults().withSampleRates(0, 0).withSweepLag(Duration.ZERO);
        config = new TaskConfig(
                config.seniorQueue(),
                config.qualityQueue(),
                config.appealsQueue(),
                config.reportsQueue(),
                0,
                0,
                config.reportResponse(),
                config.appealResponse(),
                config.qualityResponse(),
                2,
                2,
                4,
                config.leaseMax(),
                Duration.ZERO,
                Set.of("tok_chen"));
        try (TasksFixture f = new TasksFixture(factory.get(), config)) {
            f.reviewNote("alice");
            f.sweep();
            f.tasks.escalate(f.claim("drainage", ANNA).id(), ANNA, null);
            assertThatThrownBy(() -> f.tasks.claim("senior", BORIS, LEASE))
                    .isInstanceOf(ReviewException.Forbidden.class);
            assertThat(f.tasks.claim("senior", CHEN, LEASE)).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aBulkDecisionNeedsEveryLeaseAndStoresAllOrNothing(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            List<Decision> review = List.of(f.reviewNote("a1"), f.reviewNote("a2"), f.reviewNote("a3"));
            f.sweep();
            long mine1 = f.claim("drainage", ANNA).id();
            long mine2 = f.claim("drainage", ANNA).id();
            long borisTask = f.claim("drainage", BORIS).id();

            assertThatThrownBy(() ->
                            f.tasks.decideAll(List.of(mine1, mine2, borisTask), ANNA, TaskVerdict.REJECT, "spam", null))
                    .isInstanceOf(TaskConflict.class)
                    .hasMessageContaining(Long.toString(borisTask));
            for (Decision d : review)
                assertThat(f.decisions.history(d.contentId())).hasSize(1);

            List<ReviewTask> done = f.tasks.decideAll(List.of(mine1, mine2), ANNA, TaskVerdict.REJECT, "spam", null);
            assertThat(done).allSatisfy(t -> assertThat(t.resultSeq()).isEqualTo(2));
            assertThat(f.tasks.task(borisTask).orElseThrow().open()).isTrue();
            assertThat(f.audited("task.decide")).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aBulkDecisionFromTheQueueTakesFreeTasksOrNoneAtAll(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            List<Decision> review = List.of(f.reviewNote("a1"), f.reviewNote("a2"), f.reviewNote("a3"));
            f.sweep();
            List<Long> ids = f.tasks.openTasks("drainage", 10).stream()
                    .map(ReviewTask::id)
                    .toList();
            assertThat(ids).hasSize(3);
            long borisTask = f.claim("drainage", BORIS).id();
            long mine = f.claim("drainage", ANNA).id();

            // One of the selection is Boris's: nothing is claimed or decided.
            assertThatThrownBy(() -> f.tasks.claimAndDecideAll(ids, ANNA, TaskVerdict.REJECT, "spam", null))
                    .isInstanceOf(TaskConflict.class)
                    .hasMessageContaining(Long.toString(borisTask));
            for (Decision d : review)
                assertThat(f.decisions.history(d.contentId())).hasSize(1);
            List<Long> rest = ids.stream().filter(id -> id != borisTask).toList();
            assertThat(rest.stream()
                            .filter(id -> id != mine)
                            .map(id -> f.tasks.task(id).orElseThrow().claimedBy()))
                    .containsOnlyNulls();

            // A free task and one already leased to Anna: both taken and decided together.
            List<ReviewTask> done = f.tasks.claimAndDecideAll(rest, ANNA, TaskVerdict.REJECT, "spam", "same spam ring");
            assertThat(done).extracting(ReviewTask::open).containsOnly(false);
            assertThat(done).extracting(ReviewTask::decidedBy).containsOnly("tok_anna");
            assertThat(f.audited("task.decide")).hasSize(2);
            assertThat(f.tasks.task(borisTask).orElseThrow().open()).isTrue();
            assertThatThrownBy(() -> f.tasks.claimAndDecideAll(List.of(), ANNA, TaskVerdict.REJECT, "spam", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aRescreenThatReDecidesTheContentClosesItsReviewTaskUnlessAReporterIsWaiting(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            java.time.Instant start = java.time.Instant.now().minusSeconds(1);
            Decision moot = f.reviewNote("m1");
            Decision reported = f.reviewNote("m2");
            f.sweep();
            ReviewTask mootTask = f.tasks.tasksOf(moot.contentId()).getFirst();
            ReviewTask reportedTask = f.tasks.tasksOf(reported.contentId()).getFirst();
            f.tasks.report(reported.contentId(), TasksFixture.READER, "drainage", "still there");
            f.claim("drainage", ANNA); // a reviewer is reading one of them when the policy changes

            // Policy change: drainage is blocked outright now, and a rescreen re-decides both notes.
            Principal editor = new Principal("tok_editor", Role.POLICY_EDITOR, null, "editor");
            String strict = """
                    schema: redline/policy-v1
                    name: strict
                    defaults: {action: allow, reasonCode: ok}
                    rules:
                      - id: drainage-block
                        when: {hits: {category: [drainage]}}
                        action: block
                        reasonCode: off_platform_contact
                    """;
            f.policies.activate(f.policies.save(strict, editor).version(), editor);
            assertThat(f.decisions.rescreen(start, editor, 100).changed()).isEqualTo(2);
            f.sweep();

            ReviewTask closed = f.tasks.task(mootTask.id()).orElseThrow();
            assertThat(closed.open()).isFalse();
            assertThat(closed.verdict()).isNull();
            assertThat(closed.reasonCode()).isEqualTo("superseded");
            assertThat(closed.resultSeq()).isEqualTo(2);
            assertThat(f.audited("task.close"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.event().target().id()).isEqualTo(Long.toString(mootTask.id())));
            assertThat(f.tasks.task(reportedTask.id()).orElseThrow().open())
                    .as("a reporter is owed a person's answer")
                    .isTrue();
            // Whoever held the moot task can no longer put a verdict on top of the machine's new decision.
            assertThatThrownBy(() -> f.tasks.decide(mootTask.id(), ANNA, TaskVerdict.APPROVE, "no_violation", null))
                    .isInstanceOf(TaskConflict.class)
                    .hasMessageContaining("decided already");
            assertThat(f.decisions.history(moot.contentId())).hasSize(2);
            assertThat(f.tasks.throughput(start))
                    .noneSatisfy(t -> assertThat(t.reviewer()).startsWith("system:"));
            assertThat(f.sweep()).isZero(); // nothing left to close or open
            assertThat(f.audited("task.close")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aCreatorAppealsOnceAndAnotherReviewerDecidesIt(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision auto = f.reviewNote("alice");
            Principal alice = TasksFixture.creator("alice");
            assertThatThrownBy(() -> f.tasks.appeal(auto.contentId(), alice, "not even reviewed yet"))
                    .isInstanceOf(TaskConflict.class)
                    .hasMessageContaining("waiting for a reviewer");
            f.sweep();
            f.tasks.decide(f.claim("drainage", ANNA).id(), ANNA, TaskVerdict.REJECT, "off_platform_contact", null);

            assertThatThrownBy(() ->
                            f.tasks.appeal(auto.contentId(), TasksFixture.creator("mallory"), "not mine but unfair"))
                    .isInstanceOf(ReviewException.Forbidden.class);
            assertThatThrownBy(() -> f.tasks.appeal(auto.contentId(), BORIS, "on behalf of"))
                    .isInstanceOf(ReviewException.Forbidden.class);
            assertThatThrownBy(() -> f.tasks.appeal(auto.contentId(), alice, " "))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.tasks.appeal(42L, alice, "no such content"))
                    .isInstanceOf(ReviewException.NotFound.class);

            Appeal appeal = f.tasks.appeal(auto.contentId(), alice, "That is my shop's customer-service account.");
            assertThat(appeal.appealedSeq()).isEqualTo(2);
            assertThatThrownBy(() -> f.tasks.appeal(auto.contentId(), alice, "again"))
                    .isInstanceOf(TaskConflict.class)
                    .hasMessageContaining("appealed already");

            // Anna made the appealed decision: she may not take the appeal, Boris may.
            assertThat(f.tasks.claim("appeals", ANNA, LEASE)).isEmpty();
            ReviewTask task = f.claim("appeals", BORIS);
            assertThat(task.id()).isEqualTo(appeal.taskId());
            assertThat(task.note()).isEqualTo("That is my shop's customer-service account.");
            f.tasks.decide(task.id(), BORIS, TaskVerdict.APPROVE, "appeal_upheld", null);

            List<Decision> history = f.decisions.history(auto.contentId());
            assertThat(history).extracting(Decision::seq).containsExactly(1, 2, 3);
            assertThat(history).extracting(Decision::origin).containsExactly(Origin.SYNC, Origin.REVIEW, Origin.APPEAL);
            assertThat(history).extracting(Decision::action).containsExactly(Action.REVIEW, Action.BLOCK, Action.ALLOW);
            assertThat(history.get(2).decidedBy()).isEqualTo("tok_boris");

            // The creator sees the outcome, as a creator view.
            assertThat(f.tasks.appeals(alice, 10)).singleElement().satisfies(a -> {
                assertThat(a.decided()).isTrue();
                assertThat(a.outcome().action()).isEqualTo(Action.ALLOW);
                assertThat(a.outcome().reasonCode()).isEqualTo("appeal_upheld");
            });
            assertThat(f.tasks.appeals(TasksFixture.creator("mallory"), 10)).isEmpty();
            // Allowed now, without labels: nothing left to appeal.
            assertThatThrownBy(() -> f.tasks.appeal(auto.contentId(), alice, "thanks"))
                    .isInstanceOf(TaskConflict.class);
            assertThat(f.audited("content.appeal"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.event().actor().id()).isEqualTo("tok_creator_alice"));
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void reportsRaiseAnOpenTaskOrOpenOneAndTheReporterSeesTheOutcome(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision pending = f.reviewNote("alice");
            Decision allowed = f.allowedComment("bob");
            f.sweep();
            ReviewTask before = f.tasks.openTasks("drainage", 1).getFirst();
            assertThat(before.priority()).isEqualTo(3);

            Report raised =
                    f.tasks.report(pending.contentId(), TasksFixture.READER, "drainage", "asks to add on WeChat");
            assertThat(raised.taskId()).isEqualTo(before.id());
            ReviewTask after = f.tasks.task(before.id()).orElseThrow();
            assertThat(after.priority()).isEqualTo(2);
            assertThat(after.deadlineAt()).isBeforeOrEqualTo(before.deadlineAt());
            assertThatThrownBy(() -> f.tasks.report(pending.contentId(), TasksFixture.READER, "drainage", "again"))
                    .isInstanceOf(TaskConflict.class);
            f.tasks.report(pending.contentId(), TasksFixture.creator("carol"), "spam", "");
            assertThat(f.tasks.task(before.id()).orElseThrow().priority()).isEqualTo(1);

            Report opened = f.tasks.report(allowed.contentId(), TasksFixture.READER, "harassment", "insults me");
            ReviewTask reportTask = f.tasks.task(opened.taskId()).orElseThrow();
            assertThat(reportTask.kind()).isEqualTo(TaskKind.REPORT);
            assertThat(reportTask.queue()).isEqualTo("reports");
            assertThat(reportTask.category()).isEqualTo("harassment");
            assertThat(reportTask.deadlineAt()).isEqualTo(opened.respondBy());
            assertThat(Duration.between(opened.createdAt(), opened.respondBy())).isEqualTo(Duration.ofHours(24));
            assertThatThrownBy(() -> f.tasks.report(42L, TasksFixture.READER, "spam", ""))
                    .isInstanceOf(ReviewException.NotFound.class);
            assertThatThrownBy(() -> f.tasks.report(allowed.contentId(), TasksFixture.READER, "Bad Category", ""))
                    .isInstanceOf(IllegalArgumentException.class);

            assertThat(f.tasks.openReports(List.of("alice", "bob", "nobody")))
                    .containsEntry("alice", 2)
                    .containsEntry("bob", 1)
                    .doesNotContainKey("nobody");

            f.tasks.decide(f.claim("reports", ANNA).id(), ANNA, TaskVerdict.REJECT, "harassment", null);
            List<Report> mine = f.tasks.reports(TasksFixture.READER, 10);
            assertThat(mine).extracting(Report::contentId).containsExactly(allowed.contentId(), pending.contentId());
            assertThat(mine.get(0).answered()).isTrue();
            assertThat(mine.get(0).verdict()).isEqualTo(TaskVerdict.REJECT);
            assertThat(mine.get(1).answered()).isFalse();
            assertThat(f.decisions.current(allowed.contentId()).orElseThrow().action())
                    .isEqualTo(Action.BLOCK);
            assertThat(f.tasks.openReports(List.of("bob"))).isEmpty();
            assertThat(f.audited("content.report")).hasSize(3);

            // The staff's inbox: two reports still open (by deadline), one answered; and the reports per content.
            assertThat(f.tasks.reportInbox(false, 10))
                    .extracting(Report::contentId)
                    .containsOnly(pending.contentId())
                    .hasSize(2);
            assertThat(f.tasks.reportInbox(true, 10)).singleElement().satisfies(r -> {
                assertThat(r.contentId()).isEqualTo(allowed.contentId());
                assertThat(r.verdict()).isEqualTo(TaskVerdict.REJECT);
            });
            assertThat(f.tasks.reportsOn(pending.contentId()))
                    .extracting(Report::category)
                    .containsExactly("drainage", "spam");
            assertThat(f.tasks.tasksOfKind(TaskKind.REPORT, false, 10))
                    .extracting(ReviewTask::id)
                    .containsExactly(reportTask.id());
            assertThat(f.tasks.tasksOfKind(TaskKind.REPORT, true, 10)).isEmpty();
            assertThat(f.tasks.tasksOfKind(TaskKind.DECISION, true, 10))
                    .extracting(ReviewTask::id)
                    .containsExactly(before.id());
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aReportOnAReviewDecisionTheSweepHasNotReachedOpensItsReviewTaskOnce(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision pending = f.reviewNote("alice");

            Report r = f.tasks.report(pending.contentId(), TasksFixture.READER, "drainage", "");
            ReviewTask t = f.tasks.task(r.taskId()).orElseThrow();
            assertThat(t.kind()).isEqualTo(TaskKind.DECISION);
            assertThat(t.queue()).isEqualTo("drainage");
            assertThat(t.priority()).isEqualTo(pending.review().priority() - 1);
            assertThat(f.sweep()).isZero();
            assertThat(f.tasks.openFor(List.of(pending))).isZero();
            assertThat(f.tasks.tasksOf(pending.contentId())).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void theLeaseHolderExtendsALease(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            f.reviewNote("alice");
            f.sweep();
            ReviewTask t =
                    f.tasks.claim("drainage", ANNA, Duration.ofSeconds(30)).orElseThrow();
            f.clock.advance(Duration.ofSeconds(20));
            assertThatThrownBy(() -> f.tasks.extend(t.id(), BORIS, LEASE)).isInstanceOf(TaskConflict.class);
            ReviewTask extended = f.tasks.extend(t.id(), ANNA, Duration.ofSeconds(30));
            assertThat(extended.leaseUntil()).isAfter(t.leaseUntil());
            f.clock.advance(Duration.ofSeconds(20)); // past the first lease, inside the second
            assertThat(f.tasks.claim("drainage", BORIS, LEASE)).isEmpty();
            f.tasks.decide(t.id(), ANNA, TaskVerdict.APPROVE, "ok", null);
            assertThat(f.audited("task.extend")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSampledVerdictGetsABlindSecondReviewBySomeoneElse(Supplier<Database> factory) {
        TaskConfig everyVerdict = TaskConfig.defaults().withSampleRates(0, 1).withSweepLag(Duration.ZERO);
        try (TasksFixture f = new TasksFixture(factory.get(), everyVerdict)) {
            Decision auto = f.reviewNote("alice");
            f.sweep();
            f.tasks.decide(f.claim("drainage", ANNA).id(), ANNA, TaskVerdict.APPROVE, "ok", null);

            assertThat(f.tasks.claim("quality", ANNA, LEASE)).isEmpty(); // not her own verdict
            ReviewTask sample = f.claim("quality", BORIS);
            assertThat(sample.kind()).isEqualTo(TaskKind.QUALITY);
            assertThat(sample.decisionSeq()).isEqualTo(2);
            assertThat(sample.getClass().getRecordComponents())
                    .extracting(rc -> rc.getName())
                    .doesNotContain("firstVerdict", "firstDecider"); // blind
            ReviewTask judged = f.tasks.decide(sample.id(), BORIS, TaskVerdict.REJECT, "off_platform_contact", null);

            assertThat(judged.resultSeq()).isNull();
            assertThat(f.decisions.history(auto.contentId())).hasSize(2); // a sample never changes the decision
            assertThat(f.tasks.disagreementByReviewer(Instant.EPOCH))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.key()).isEqualTo("tok_anna");
                        assertThat(d.rate()).isEqualTo(1.0);
                    });
            assertThat(f.tasks.disagreementByCategory(Instant.EPOCH))
                    .extracting(Disagreement::key)
                    .containsExactly("drainage");
            // The disagreement goes to a senior, who decides the content.
            ReviewTask senior = f.claim("senior", CHEN);
            assertThat(senior.contentId()).isEqualTo(auto.contentId());
            f.tasks.decide(senior.id(), CHEN, TaskVerdict.REJECT, "off_platform_contact", null);
            assertThat(f.decisions.current(auto.contentId()).orElseThrow().seq())
                    .isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void automaticAllowsAreSampledByContentId(Supplier<Database> factory) {
        TaskConfig half = TaskConfig.defaults().withSampleRates(0.5, 0).withSweepLag(Duration.ZERO);
        try (TasksFixture f = new TasksFixture(factory.get(), half)) {
            List<Decision> allowed = new ArrayList<>();
            for (int i = 0; i < 40; i++) allowed.add(f.allowedComment("author" + i));
            f.blockedComment("zed");
            long expected = allowed.stream()
                    .filter(d -> Sampling.sampled(d.contentId(), Sampling.AUTO_ALLOW, 0.5))
                    .count();

            assertThat(f.sweep()).isEqualTo((int) expected);
            assertThat(f.sweep()).isZero();
            List<ReviewTask> samples = f.tasks.openTasks("quality", 100);
            assertThat(samples)
                    .hasSize((int) expected)
                    .allSatisfy(t -> assertThat(t.kind()).isEqualTo(TaskKind.QUALITY));
            assertThat(expected).isBetween(8L, 32L);

            ReviewTask t = f.claim("quality", ANNA);
            f.tasks.decide(t.id(), ANNA, TaskVerdict.APPROVE, "ok", null);
            assertThat(f.tasks.disagreementByReviewer(Instant.EPOCH))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.key()).isEqualTo("tok_service"); // the automatic decision's actor
                        assertThat(d.disagreed()).isZero();
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void theDashboardShowsDepthAgeBreachesAndThroughput(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            for (int i = 0; i < 3; i++) f.reviewNote("author" + i);
            f.sweep();
            f.tasks.decide(f.claim("drainage", ANNA).id(), ANNA, TaskVerdict.APPROVE, "ok", null);
            f.claim("drainage", BORIS);

            assertThat(f.tasks.queueStats()).singleElement().satisfies(q -> {
                assertThat(q.queue()).isEqualTo("drainage");
                assertThat(q.open()).isEqualTo(2);
                assertThat(q.leased()).isEqualTo(1);
                assertThat(q.slaBreaches()).isZero();
            });
            f.clock.advance(Duration.ofHours(9)); // past the 8 h deadline; leases expired
            assertThat(f.tasks.queueStats()).singleElement().satisfies(q -> {
                assertThat(q.slaBreaches()).isEqualTo(2);
                assertThat(q.leased()).isZero();
                assertThat(q.oldestAgeMs())
                        .isGreaterThanOrEqualTo(Duration.ofHours(9).toMillis());
            });
            assertThat(f.tasks.throughput(Instant.EPOCH)).containsExactly(new ReviewerThroughput("tok_anna", 1));
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void everyStepLeavesAnAuditEntryAndTheChainVerifies(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            Decision d = f.reviewNote("alice");
            f.sweep(); // task.open
            ReviewTask t = f.claim("drainage", ANNA); // task.claim
            f.tasks.release(t.id(), ANNA); // task.release
            f.claim("drainage", ANNA);
            f.tasks.escalate(t.id(), ANNA, null); // task.escalate
            f.tasks.decide(
                    f.claim("senior", BORIS).id(),
                    BORIS,
                    TaskVerdict.REJECT,
                    "spam",
                    null); // task.decide, content.decide
            f.tasks.appeal(d.contentId(), TasksFixture.creator("alice"), "please look again"); // content.appeal
            f.tasks.report(d.contentId(), TasksFixture.READER, "spam", ""); // content.report

            Set<String> actions = new HashSet<>();
            for (AuditEntry e : f.audited("")) actions.add(e.event().action());
            assertThat(actions)
                    .contains(
                            "task.open",
                            "task.claim",
                            "task.release",
                            "task.escalate",
                            "task.decide",
                            "content.decide",
                            "content.appeal",
                            "content.report");
            assertThat(f.audited("task."))
                    .allSatisfy(e -> assertThat(e.event().target().type()).isEqualTo("task"));
            assertThat(f.audit.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void leasesAreBounded(Supplier<Database> factory) {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            assertThatThrownBy(() -> f.tasks.claim("drainage", ANNA, Duration.ofHours(2)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> f.tasks.claim("drainage", ANNA, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(f.tasks.claim("drainage", ANNA, LEASE)).isEmpty();
            assertThat(Collections.<QueueStats>emptyList()).isEqualTo(f.tasks.queueStats());
        }
    }
}
