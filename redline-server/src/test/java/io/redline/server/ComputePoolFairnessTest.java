package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.server.http.ComputePool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One token flooding a compute pool is refused beyond its share; another token still gets in. */
class ComputePoolFairnessTest {

    @Test
    void aFloodingOwnerHoldsAtMostHalfThePoolAndAnotherOwnerIsStillAdmitted() throws Exception {
        try (ComputePool pool = new ComputePool("test", 2, 6, 1)) {
            assertThat(pool.ownerShareMax()).isEqualTo(4);
            CountDownLatch hold = new CountDownLatch(1);
            AtomicInteger refusedFlooder = new AtomicInteger();
            ExecutorService callers = Executors.newFixedThreadPool(24);
            List<Future<?>> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    flood.add(callers.submit(() -> {
                        try {
                            pool.call("tok_flooder", () -> {
                                hold.await(60, TimeUnit.SECONDS);
                                return null;
                            });
                        } catch (ComputePool.Busy e) {
                            refusedFlooder.incrementAndGet();
                        }
                        return null;
                    }));
                }
                TestServer.eventually("the flood settled", () -> refusedFlooder.get() == 16 ? true : null);
                assertThat(pool.running() + pool.queued())
                        .as("places the flooder holds")
                        .isEqualTo(4);

                Future<String> other = callers.submit(() -> pool.call("tok_other", () -> "screened"));
                TestServer.eventually("the other owner admitted", () -> pool.queued() == 3 ? true : null);
                hold.countDown();
                assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo("screened");
                for (Future<?> f : flood) f.get(30, TimeUnit.SECONDS);
            } finally {
                hold.countDown();
                callers.shutdownNow();
            }
            // Shares are released: the flooder is admitted again once its work is done.
            assertThat(pool.call("tok_flooder", () -> 1)).isEqualTo(1);
        }
    }
}
