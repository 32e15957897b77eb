package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.store.Database;
import io.redline.store.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionWorkerTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void theWorkerDrainsEveryPendingItemExactlyOnce(Supplier<Database> factory) throws Exception {
        try (Fixture f = new Fixture(factory.get())) {
            f.comments(1_000);
            assertThat(f.decisions.pendingCount()).isEqualTo(1_000);
            DecisionWorker worker = new DecisionWorker(f.decisions, 200, 20).start();
            awaitDrained(f);
            assertThat(worker.stop(30_000)).isTrue();
            assertThat(worker.decidedCount()).isEqualTo(1_000); // read after stop: the count lags the commit
            assertExactlyOneDecisionEach(f, 1_000);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void racingWorkersAndWaitingClientsNeverDecideAnItemTwice(Supplier<Database> factory) throws Exception {
        try (Fixture f = new Fixture(factory.get())) {
            f.comments(600);
            List<Long> recent = f.db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT id FROM contents ORDER BY id DESC LIMIT 100")
                            .mapTo(Long.class)
                            .list());
            Decisions other = f.secondDecisions();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (Decisions d : List.of(f.decisions, other, f.decisions, other)) {
                    runs.add(pool.submit(() -> {
                        for (int i = 0; i < 200 && d.pendingCount() > 0; i++) d.decidePending(50);
                        return null;
                    }));
                }
                // Clients asking to wait race the workers for the newest items.
                runs.add(pool.submit(() -> {
                    for (long id : recent) f.decisions.decideNow(id, Fixture.SERVICE);
                    return null;
                }));
                for (Future<?> r : runs) r.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertExactlyOneDecisionEach(f, 600);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aBatchKilledMidwayLeavesNothingAndAFreshWorkerDecidesEachItemOnce(Supplier<Database> factory)
            throws Exception {
        try (Fixture f = new Fixture(factory.get())) {
            f.comments(300);
            CountDownLatch kills = new CountDownLatch(3); // this call, then two by the worker below
            f.decisions.beforeStore = i -> {
                if (i == 120) {
                    kills.countDown();
                    throw new IllegalStateException("worker killed after storing 120 items of the batch");
                }
            };
            assertThatThrownBy(() -> f.decisions.decidePending(200)).hasMessageContaining("worker killed");
            assertThat(count(f, "SELECT count(*) FROM decisions")).isZero();
            assertThat(count(f, "SELECT count(*) FROM decision_heads")).isZero();
            assertThat(count(f, "SELECT count(*) FROM audit_entries WHERE action = 'content.decide'"))
                    .isZero();

            // A worker running into the same failure keeps retrying and commits nothing.
            try (DecisionWorker dying = new DecisionWorker(f.decisions, 200, 5).start()) {
                assertThat(kills.await(20, TimeUnit.SECONDS)).isTrue();
                Eventually.until("the worker to count its second failed batch", () -> dying.failedBatchCount() >= 2);
            }
            assertThat(count(f, "SELECT count(*) FROM decisions")).isZero();

            // After the "restart": a fresh process's worker decides everything exactly once.
            try (DecisionWorker fresh = new DecisionWorker(f.secondDecisions(), 200, 20).start()) {
                awaitDrained(f);
            }
            assertExactlyOneDecisionEach(f, 300);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void stoppingTheWorkerFinishesTheBatchInHand(Supplier<Database> factory) throws Exception {
        try (Fixture f = new Fixture(factory.get())) {
            f.comments(150);
            CountDownLatch inBatch = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            f.decisions.beforeStore = i -> {
                if (i == 0) {
                    inBatch.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS); // the batch stays in hand until stop() was asked for
                    } catch (InterruptedException e) {
                        throw new IllegalStateException("stop must not interrupt a batch", e);
                    }
                }
            };
            DecisionWorker worker = new DecisionWorker(f.decisions, 100, 1_000).start();
            assertThat(inBatch.await(20, TimeUnit.SECONDS)).isTrue();
            var stopping = java.util.concurrent.CompletableFuture.supplyAsync(() -> worker.stop(30_000));
            Eventually.until("stop() to be asked for", () -> !worker.isRunning());
            release.countDown();
            assertThat(stopping.get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.isRunning()).isFalse();
            assertThat(count(f, "SELECT count(*) FROM decisions")).isEqualTo(100);
            assertThat(f.decisions.pendingCount()).isEqualTo(50);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void theWatermarkSkipsSettledHistoryButNeverNewContent(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            long twoHoursAgo = System.currentTimeMillis() - 2 * 3_600_000L;
            Corpus.insert(f.db, 300, twoHoursAgo, 60_000, 10, 3);
            long newestOld = count(f, "SELECT max(id) FROM contents");
            while (f.decisions.decidePending(100) > 0) {}
            assertThat(f.decisions.decidePending(100)).isZero();
            // Everything older than the lag is settled: later polls start above it.
            assertThat(f.decisions.decidedBelowId()).isGreaterThanOrEqualTo(newestOld);

            ContentSnapshot fresh = f.comment("new", "刚发的评论");
            assertThat(fresh.id()).isGreaterThan(f.decisions.decidedBelowId());
            assertThat(f.decisions.decidePending(100)).isEqualTo(1);
            assertThat(f.decisions.current(fresh.id())).isPresent();
            assertExactlyOneDecisionEach(f, 301);
        }
    }

    /** Worker throughput (printed, not asserted): 20k pending comments drained in batches of 500. */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void workerThroughput(Supplier<Database> factory) throws Exception {
        try (Fixture f = new Fixture(factory.get())) {
            int n = Integer.getInteger("worker.items", 20_000);
            f.comments(n);
            long t0 = System.nanoTime();
            try (DecisionWorker worker = new DecisionWorker(f.decisions, Decisions.BATCH_MAX, 10).start()) {
                awaitDrained(f);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf(
                    "worker (%s): %d decisions with audit entries in %d ms, %.0f decisions/s%n",
                    f.db.dialect().name().toLowerCase(), n, ms, n * 1000.0 / Math.max(1, ms));
            assertExactlyOneDecisionEach(f, n);
        }
    }

    static void awaitDrained(Fixture f) {
        Eventually.until("every pending item decided", Duration.ofSeconds(60), () -> f.decisions.pendingCount() == 0);
    }

    static void assertExactlyOneDecisionEach(Fixture f, long contents) {
        assertThat(count(f, "SELECT count(*) FROM contents")).isEqualTo(contents);
        assertThat(count(f, "SELECT count(*) FROM decisions")).isEqualTo(contents);
        assertThat(count(f, "SELECT count(DISTINCT content_id) FROM decisions")).isEqualTo(contents);
        assertThat(count(f, "SELECT count(*) FROM decision_heads")).isEqualTo(contents);
        assertThat(count(f, "SELECT count(*) FROM audit_entries WHERE action = 'content.decide'"))
                .isEqualTo(contents);
        assertThat(f.audit.verify().ok()).isTrue();
    }

    static long count(Fixture f, String sql) {
        return f.db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
