package io.redline.review;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A background thread that drains undecided content: a full batch is followed at once by the
 * next, otherwise it waits {@code pollIntervalMs}. All its state is in the tables, so a restart
 * (or a crash mid-batch, whose transaction never committed) simply picks up where the stored
 * decisions end.
 *
 * <p>{@link #stop()} is graceful: it never interrupts the thread (an interrupt would abandon a
 * commit in flight, leaving the caller unsure whether it landed); the batch in hand finishes and
 * the loop ends before the next one.
 */
public final class DecisionWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DecisionWorker.class);
    private static final long ERROR_BACKOFF_MS_MAX = 30_000;

    private final Decisions decisions;
    private final int batchMax;
    private final long pollIntervalMs;
    private final Object wake = new Object();
    private final AtomicLong decided = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    public DecisionWorker(Decisions decisions, int batchMax, long pollIntervalMs) {
        if (batchMax < 1 || batchMax > Decisions.BATCH_MAX) throw new IllegalArgumentException("batchMax must be 1.." + Decisions.BATCH_MAX);
        if (pollIntervalMs < 1 || pollIntervalMs > 60_000) throw new IllegalArgumentException("pollIntervalMs must be 1..60000");
        this.decisions = decisions;
        this.batchMax = batchMax;
        this.pollIntervalMs = pollIntervalMs;
    }

    public synchronized DecisionWorker start() {
        if (thread != null) throw new IllegalStateException("already started");
        running = true;
        thread = Thread.ofPlatform().name("redline-decision-worker").daemon(true).start(this::run);
        return this;
    }

    /** Asks for a poll now, e.g. right after content was accepted without {@code wait}. */
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

    /** Decisions stored by this worker since start. */
    public long decidedCount() {
        return decided.get();
    }

    public long failedBatchCount() {
        return failedBatches.get();
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private void run() {
        long backoffMs = pollIntervalMs;
        while (running) {
            long waitMs = pollIntervalMs;
            try {
                int n = decisions.decidePending(batchMax);
                decided.addAndGet(n);
                backoffMs = pollIntervalMs;
                if (n >= batchMax) continue; // more is waiting
            } catch (RuntimeException e) {
                // The batch rolled back whole; its items stay pending and the next poll retries them.
                failedBatches.incrementAndGet();
                backoffMs = Math.min(ERROR_BACKOFF_MS_MAX, backoffMs * 2);
                waitMs = backoffMs;
                log.atWarn().setCause(e).addKeyValue("retryInMs", waitMs).log("decision batch failed");
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
