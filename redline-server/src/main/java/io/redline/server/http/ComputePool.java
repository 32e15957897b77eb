package io.redline.server.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of platform threads for CPU-heavy work (password hashing, screening for
 * {@code ?wait=true}, backtests, rescreens), with admission control: at most {@code threads} run
 * at once, at most {@code queueMax} wait, and work beyond that is refused with {@link Busy} (a
 * documented 503 with {@code Retry-After}).
 *
 * <p>Why: HTTP handlers run on virtual threads, and the JVM runs virtual threads on as many
 * carrier threads as there are cores. A virtual thread computing for 0.15 s never yields its
 * carrier, so sixteen sign-ins on a 2-core machine held both carriers and every other request,
 * {@code /healthz} included, waited seconds behind them (and a semaphore around the hash never
 * saw a second caller, so its cap never fired). Here the handler's virtual thread parks on the
 * result and frees its carrier; the operating system time-slices the pool's platform threads with
 * the carriers, so light requests keep answering whatever the pool is doing.
 *
 * <p>Fair per owner: work submitted with an owner (the token, or the client address for
 * sign-ins) may hold at most {@link #ownerShareMax()} of the pool's places, running and waiting
 * together, so one token flooding the pool is refused while every other token still gets in.
 */
public final class ComputePool implements AutoCloseable {
    private final String name;
    private final ThreadPoolExecutor executor;
    private final int retryAfterSeconds;
    private final AtomicInteger running = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong completed = new java.util.concurrent.atomic.AtomicLong();
    private Counter refused;
    private final int ownerShareMax;
    /** Places (running or waiting) held per owner; an owner leaves the map when it holds none. */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> held =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Refused because the pool is full; the caller should retry after {@link #retryAfterSeconds()}. */
    public static final class Busy extends RuntimeException {
        private final int retryAfterSeconds;

        Busy(String message, int retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * @param what              what the pool computes, for the refusal message and the metrics' {@code pool} tag
     * @param threads           how many run at once (the CPU share this kind of work may take)
     * @param queueMax          how many may wait; beyond that, {@link Busy}
     * @param retryAfterSeconds what a refused caller is told to wait
     */
    public ComputePool(String what, int threads, int queueMax, int retryAfterSeconds) {
        if (threads < 1 || queueMax < 0 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("threads >= 1, queueMax >= 0, retryAfterSeconds >= 1; was " + threads
                    + ", " + queueMax + ", " + retryAfterSeconds);
        }
        this.name = what;
        this.retryAfterSeconds = retryAfterSeconds;
        this.ownerShareMax = Math.max(1, (threads + queueMax) / 2);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                queueMax == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queueMax),
                r -> Thread.ofPlatform()
                        .name("redline-" + what + "-" + n.incrementAndGet())
                        .daemon(true)
                        .unstarted(r),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Publishes {@code redline.compute.running}, {@code .queued} and {@code .refused} tagged with the pool's name. */
    public ComputePool bindTo(MeterRegistry metrics) {
        Gauge.builder("redline.compute.running", running, AtomicInteger::get)
                .tag("pool", name)
                .description("CPU-heavy tasks running on the pool's platform threads")
                .register(metrics);
        Gauge.builder("redline.compute.queued", executor, e -> e.getQueue().size())
                .tag("pool", name)
                .description("CPU-heavy tasks waiting for a thread")
                .register(metrics);
        refused = Counter.builder("redline.compute.refused")
                .tag("pool", name)
                .description("CPU-heavy tasks refused with 503 because the pool was full")
                .register(metrics);
        return this;
    }

    /**
     * Runs {@code work} on the pool and waits for it; its exceptions reach the caller unchanged.
     *
     * @throws Busy when {@code threads} are running and {@code queueMax} are waiting
     */
    public <T> T call(Callable<T> work) {
        return submitAndWait(work);
    }

    /**
     * {@link #call} on behalf of {@code owner}: refused with {@link Busy} when the owner already
     * holds {@link #ownerShareMax()} places, however empty the pool is for others.
     */
    public <T> T call(String owner, Callable<T> work) {
        boolean[] admitted = {false};
        held.compute(owner, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= ownerShareMax) return n;
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) throw busy();
        try {
            return submitAndWait(work);
        } finally {
            held.compute(owner, (k, n) -> n == null || n <= 1 ? null : n - 1);
        }
    }

    /** How many places of the pool one owner may hold at once: half of them (at least one). */
    public int ownerShareMax() {
        return ownerShareMax;
    }

    private Busy busy() {
        if (refused != null) refused.increment();
        return new Busy(
                "the server is busy with " + name + " work; retry in " + retryAfterSeconds + " s", retryAfterSeconds);
    }

    private <T> T submitAndWait(Callable<T> work) {
        Future<T> result;
        try {
            result = executor.submit(() -> {
                running.incrementAndGet();
                try {
                    return work.call();
                } finally {
                    running.decrementAndGet();
                    completed.incrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name + " work", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(name + " work failed", cause);
        }
    }

    /** {@link #call} for work without a result. */
    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Tasks running now. */
    public int running() {
        return running.get();
    }

    /** Tasks finished (normally or not) since the pool started. */
    public long completed() {
        return completed.get();
    }

    /** Tasks waiting for a thread now. */
    public int queued() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
