package io.redline.review.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Figures for docs/review.md: prints, asserts only correctness (machines here are shared and noisy). */
class ReviewThroughputTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void eightReviewersDrainAThousandTasks(Supplier<Database> factory) throws Exception {
        try (TasksFixture f = new TasksFixture(factory.get())) {
            int n = 1_000;
            f.reviewNotes(n);
            long t0 = System.nanoTime();
            assertThat(f.sweep()).isEqualTo(n);
            long sweepMs = (System.nanoTime() - t0) / 1_000_000;

            int reviewers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(reviewers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int r = 0; r < reviewers; r++) {
                Principal reviewer = new Principal("tok_r" + r, Role.REVIEWER, null, "r" + r);
                done.add(pool.submit(() -> {
                    start.await();
                    int decided = 0;
                    Optional<ReviewTask> t;
                    while ((t = f.tasks.claim("drainage", reviewer, TasksFixture.LEASE)).isPresent()) {
                        f.tasks.decide(t.get().id(), reviewer, TaskVerdict.REJECT, "off_platform_contact", null);
                        decided++;
                    }
                    return decided;
                }));
            }
            long t1 = System.nanoTime();
            start.countDown();
            int total = 0;
            for (Future<Integer> d : done) total += d.get(300, TimeUnit.SECONDS);
            pool.shutdown();
            long reviewMs = Math.max(1, (System.nanoTime() - t1) / 1_000_000);

            assertThat(total).isEqualTo(n);
            assertThat(f.tasks.queueStats()).isEmpty();
            System.out.printf(
                    "review throughput on %s: sweep opened %d tasks in %d ms; %d reviewers claimed and decided %d tasks in %d ms (%.0f claim+decide per second)%n",
                    f.db.dialect(), n, sweepMs, reviewers, n, reviewMs, n * 1000.0 / reviewMs);
        }
    }
}
