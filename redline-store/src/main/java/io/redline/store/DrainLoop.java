package io.redline.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that drains work kept in the tables (undecided content, review tasks to
 * open, webhook deliveries due): it runs a batch, runs the next at once when the batch was full,
 * otherwise waits {@code pollIntervalMs} or until {@link #nudge()}d. A failed batch (its
 * transaction rolled back, so its work is still waiting) is retried after a doubling delay capped
 * at {@link #ERROR_BACKOFF_MS_MAX}.
 *
 * <p>{@link #stop} is graceful: it never interrupts the thread (an interrupt would abandon a
 * commit in flight, leaving the caller unsure whether it landed); the batch in hand finishes and
 * the loop ends before the next one.
 */
public final class DrainLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DrainLoop.class);
    public static final long ERROR_BACKOFF_MS_MAX = Backoff.MS_MAX;

    private final String name;
    private final long pollIntervalMs;
    private final int batchMax;
    private final IntSupplier batch;
    private final Object wake = new Object();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name     the thread's name, also used in log lines
     * @param batchMax a batch returning at least this many means more is waiting
     * @param batch    does one batch and returns how many items it handled
     */
    public DrainLoop(String name, long pollIntervalMs, int batchMax, IntSupplier batch) {
        if (pollIntervalMs < 1 || pollIntervalMs > 60_000)
            throw new IllegalArgumentException("pollIntervalMs must be 1..60000");
        if (batchMax < 1) throw new IllegalArgumentException("batchMax must be positive");
        this.name = name;
        this.pollIntervalMs = pollIntervalMs;
        this.batchMax = batchMax;
        this.batch = batch;
    }

    public synchronized DrainLoop start() {
        if (thread != null) throw new IllegalStateException(name + " already started");
        running = true;
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
        return this;
    }

    /** Asks for a batch now instead of at the next poll. */
    public void nudge() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Finishes the batch in hand, then stops; waits up to {@code timeoutMs}. Returns whether it stopped. */
    public synchronized boolean stop(long timeoutMs) {
        running = false;
        nudge();
        if (thread == null) return true;
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    @Override
    public void close() {
        stop(TimeUnit.SECONDS.toMillis(30));
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    /** Batches that threw since start (each retried later). */
    public long failedBatchCount() {
        return failedBatches.get();
    }

    private void run() {
        // The first retry waits twice the poll interval, as before the rule moved into Backoff.
        Backoff backoff = new Backoff(Math.min(Backoff.MS_MAX, pollIntervalMs * 2));
        while (running) {
            long waitMs = pollIntervalMs;
            try {
                int n = batch.getAsInt();
                backoff.succeeded();
                if (n >= batchMax) continue; // more is waiting
            } catch (RuntimeException e) {
                failedBatches.incrementAndGet();
                waitMs = backoff.failed();
                log.atWarn()
                        .setCause(e)
                        .addKeyValue("loop", name)
                        .addKeyValue("retryInMs", waitMs)
                        .log("background batch failed; retrying");
            }
            synchronized (wake) {
                if (!running) break;
                try {
                    wake.wait(waitMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
