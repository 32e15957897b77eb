package io.redline.store;

/**
 * The pause before retrying a failed batch: doubles after each failure up to {@link #MS_MAX},
 * back to the first pause after a success. One rule for every loop that retries (the drain loops,
 * the Kafka workers), so a database outage is retried alike everywhere.
 */
public final class Backoff {
    /** A database or broker outage is retried at least this often. */
    public static final long MS_MAX = 30_000;

    private final long firstMs;
    private long nextMs;

    public Backoff(long firstMs) {
        if (firstMs < 1 || firstMs > MS_MAX) throw new IllegalArgumentException("firstMs must be 1.." + MS_MAX);
        this.firstMs = firstMs;
        this.nextMs = firstMs;
    }

    /** After a failure: the pause to wait now; the next failure waits twice as long (capped). */
    public long failed() {
        long now = nextMs;
        nextMs = Math.min(MS_MAX, nextMs * 2);
        return now;
    }

    /** After a success: the next failure waits the first pause again. */
    public void succeeded() {
        nextMs = firstMs;
    }
}
