package io.redline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
    @Test
    void aDeadlineFiresOnceAfterItsTimeoutAndNotBefore() throws Exception {
        try (Deadlines d = new Deadlines("test-deadlines", 80)) {
            assertThat(d.tickMs()).isEqualTo(Deadlines.TICK_MS_MIN);
            CountDownLatch fired = new CountDownLatch(1);
            AtomicInteger times = new AtomicInteger();
            long t0 = System.nanoTime();
            d.after(100, () -> {
                times.incrementAndGet();
                fired.countDown();
            });
            assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(100);
            // several more ticks: it stays fired once
            CountDownLatch later = new CountDownLatch(1);
            d.after(5 * d.tickMs(), later::countDown);
            assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(times).hasValue(1);
        }
    }

    @Test
    void aCancelledDeadlineNeverFires() throws Exception {
        try (Deadlines d = new Deadlines("test-deadlines", 80)) {
            AtomicInteger cancelledFired = new AtomicInteger();
            d.after(30, cancelledFired::incrementAndGet).cancel();
            CountDownLatch later = new CountDownLatch(1);
            d.after(200, later::countDown);
            assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledFired).hasValue(0);
        }
    }

    @Test
    void aWatchIsAskedAtEveryTickUntilOverdueAndAFailingExpiryDoesNotStopTheTimer() throws Exception {
        try (Deadlines d = new Deadlines("test-deadlines", 80)) {
            AtomicInteger asked = new AtomicInteger();
            d.watch(new Deadlines.Watch() {
                @Override
                public boolean overdue(long nowNanos) {
                    return asked.incrementAndGet() >= 3;
                }

                @Override
                public void expire() {
                    throw new IllegalStateException("closing failed");
                }
            });
            CountDownLatch after = new CountDownLatch(1);
            d.after(10 * d.tickMs(), after::countDown);
            assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(asked).hasValue(3);
        }
    }

    @Test
    void theTickIsAQuarterOfTheShortestTimeoutWithinItsBounds() {
        try (Deadlines quick = new Deadlines("t", 400);
                Deadlines slow = new Deadlines("t", 60_000);
                Deadlines tiny = new Deadlines("t", 10)) {
            assertThat(quick.tickMs()).isEqualTo(100);
            assertThat(slow.tickMs()).isEqualTo(Deadlines.TICK_MS_MAX);
            assertThat(tiny.tickMs()).isEqualTo(Deadlines.TICK_MS_MIN);
        }
    }
}
