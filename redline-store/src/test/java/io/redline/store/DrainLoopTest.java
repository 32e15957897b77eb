package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DrainLoopTest {

    @Test
    void fullBatchesAreFollowedAtOnceAndANudgeWakesAnIdleLoop() throws Exception {
        AtomicInteger waiting = new AtomicInteger(25);
        CountDownLatch drained = new CountDownLatch(1);
        CountDownLatch nudged = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // A one-minute poll: only "full batch → next at once" and nudge() can make progress within the test.
        try (DrainLoop loop = new DrainLoop("test-drain", 60_000, 10, () -> {
                    calls.incrementAndGet();
                    int n = Math.min(10, Math.max(0, waiting.get()));
                    waiting.addAndGet(-n);
                    if (waiting.get() == 0) drained.countDown();
                    if (waiting.get() < 0) nudged.countDown();
                    return n;
                })
                .start()) {
            assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
            int afterDrain = calls.get();
            assertThat(afterDrain).isBetween(3, 4); // 10, 10, 5 (and maybe one empty poll)
            waiting.set(-1); // the next call counts down "nudged"
            loop.nudge();
            assertThat(nudged.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailingBatchIsCountedAndRetriedAndStopWaitsForTheBatchInHand() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch recovered = new CountDownLatch(1);
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        DrainLoop loop = new DrainLoop("test-retry", 1, 1, () -> {
                    int a = attempts.incrementAndGet();
                    if (a <= 2) throw new IllegalStateException("database unavailable");
                    if (a == 3) {
                        recovered.countDown();
                        inHand.countDown();
                        try {
                            if (release.await(10, TimeUnit.SECONDS)) finished.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt(); // not counted: stop must never interrupt a batch
                        }
                    }
                    return 0;
                })
                .start();
        assertThat(recovered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.failedBatchCount()).isEqualTo(2);
        assertThat(inHand.await(10, TimeUnit.SECONDS)).isTrue();
        var stopping = java.util.concurrent.CompletableFuture.supplyAsync(() -> loop.stop(10_000));
        release.countDown();
        assertThat(stopping.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(finished.get())
                .as("the batch in hand finished, it was not interrupted")
                .isEqualTo(1);
        assertThat(loop.isRunning()).isFalse();
    }
}
