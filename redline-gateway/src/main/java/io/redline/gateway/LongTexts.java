package io.redline.gateway;

import io.redline.text.Hit;
import io.redline.text.Screener;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Screens long prompts and whole answers on a few platform threads of their own; short texts,
 * nearly all of them, are screened on the request's virtual thread as before.
 *
 * <p>Why: requests run on virtual threads, and the JVM runs those on one carrier thread per core.
 * Screening is pure computing and never yields its carrier: a prompt at the body limit (4 MiB,
 * over a million characters) takes about 80 ms per million characters on the 2-core machine, so
 * two of them held both carriers and every other request of the server waited. Handing a text to
 * a pool costs two thread wake-ups (about 0.1–0.3 ms on a virtual machine), so only texts long
 * enough to screen for longer than that go there. The pool has half the cores (at least one
 * thread): long texts never take every core, and the operating system time-slices its threads
 * with the carriers, so short requests keep being answered.
 */
final class LongTexts implements AutoCloseable {
    /**
     * Longest text screened on the calling thread: a few tenths of a millisecond of screening, the
     * price of the hand-off that it would otherwise pay.
     */
    static final int INLINE_CHARS_MAX = 8_192;
    /**
     * Long texts that may wait for a screening thread. Beyond that a prompt is refused (503 with
     * Retry-After: nothing has happened yet), and an answer the model has already produced is
     * screened on the caller's thread rather than thrown away.
     */
    static final int WAITING_MAX = 64;

    private final ThreadPoolExecutor pool;
    private final int waitingMax;

    LongTexts() {
        this(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), WAITING_MAX);
    }

    LongTexts(int threads, int waitingMax) {
        if (threads < 1 || waitingMax < 1) throw new IllegalArgumentException("threads >= 1, waitingMax >= 1");
        this.waitingMax = waitingMax;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(waitingMax),
                r -> {
                    Thread t = new Thread(r, "redline-gateway-long-texts-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * The hits of {@code text}: screened here when it is short, on the pool (the caller parks) when
     * it is long; when the pool is full, refused or screened here as {@code refuseWhenBusy} says.
     */
    List<Hit> screen(Screener screener, String text, boolean refuseWhenBusy) {
        if (text.length() <= INLINE_CHARS_MAX) return screener.screen(text).hits();
        Future<List<Hit>> hits;
        try {
            hits = pool.submit(() -> screener.screen(text).hits());
        } catch (RejectedExecutionException e) {
            if (!refuseWhenBusy) return screener.screen(text).hits();
            throw OpenAiError.overloaded(
                    "the gateway has " + waitingMax + " long texts waiting to be screened; retry shortly", 1);
        }
        try {
            return hits.get();
        } catch (InterruptedException e) {
            hits.cancel(true);
            Thread.currentThread().interrupt();
            throw OpenAiError.overloaded("interrupted while the text was screened", 1);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Long texts being screened or waiting (for tests and a look from outside). */
    int inFlight() {
        return pool.getActiveCount() + pool.getQueue().size();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
