package io.redline.decision;

import io.redline.store.DrainLoop;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background thread that drains undecided content: a full batch is followed at once by the
 * next, otherwise it waits {@code pollIntervalMs}. All its state is in the tables, so a restart
 * (or a crash mid-batch, whose transaction never committed) simply picks up where the stored
 * decisions end. The loop itself (graceful stop, nudges, error backoff) is {@link DrainLoop}.
 */
public final class DecisionWorker implements AutoCloseable {
    private final Decisions decisions;
    private final int batchMax;
    private final DrainLoop loop;
    private final AtomicLong decided = new AtomicLong();

    public DecisionWorker(Decisions decisions, int batchMax, long pollIntervalMs) {
        if (batchMax < 1 || batchMax > Decisions.BATCH_MAX)
            throw new IllegalArgumentException("batchMax must be 1.." + Decisions.BATCH_MAX);
        this.decisions = decisions;
        this.batchMax = batchMax;
        this.loop = new DrainLoop("redline-decision-worker", pollIntervalMs, batchMax, this::decideBatch);
    }

    private int decideBatch() {
        // A failed batch rolls back whole; its items stay pending and the loop retries them.
        int n = decisions.decidePending(batchMax);
        decided.addAndGet(n);
        return n;
    }

    public DecisionWorker start() {
        loop.start();
        return this;
    }

    /** Asks for a poll now, e.g. right after content was accepted without {@code wait}. */
    public void nudge() {
        loop.nudge();
    }

    /** Finishes the batch in hand, then stops; waits up to {@code timeoutMs}. Returns whether it stopped. */
    public boolean stop(long timeoutMs) {
        return loop.stop(timeoutMs);
    }

    @Override
    public void close() {
        loop.close();
    }

    /** Decisions stored by this worker since start. */
    public long decidedCount() {
        return decided.get();
    }

    public long failedBatchCount() {
        return loop.failedBatchCount();
    }

    public boolean isRunning() {
        return loop.isRunning();
    }
}
