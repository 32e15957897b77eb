package io.redline.gateway;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's deadlines (an upstream call's timeout, a stream's silence, the end of a drained
 * answer), checked by one timer thread that ticks at a fixed period; a call registers and
 * unregisters without waking anything.
 *
 * <p>Why: a timer queue per call (the JDK's {@code ScheduledThreadPoolExecutor}) wakes its thread
 * whenever a new deadline becomes the earliest, which on a gateway between calls is every call:
 * one wake-up per whole answer and three per stream, each taking the queue's lock on the request's
 * path (bench/gateway.sh: 50 µs p50 to schedule one on the loaded 2-core machine, and a switch on
 * the other core). A deadline here fires up to one tick late, which is why the tick is a quarter of
 * the shortest timeout it watches.
 */
final class Deadlines implements AutoCloseable {
    /** Ticks no more often than this, whatever the timeouts (a test's upstream may time out in 400 ms). */
    static final long TICK_MS_MIN = 20;
    /** Ticks at least this often, so a deadline is at most this late. */
    static final long TICK_MS_MAX = 250;

    /** Something watched: asked at every tick whether it is overdue; expired once, then forgotten. */
    interface Watch {
        boolean overdue(long nowNanos);

        void expire();
    }

    private final Set<Watch> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;
    private final long tickMs;

    /** @param shortestMs the shortest deadline it will watch, in ms */
    Deadlines(String threadName, long shortestMs) {
        this.tickMs = Math.clamp(shortestMs / 4, TICK_MS_MIN, TICK_MS_MAX);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    long tickMs() {
        return tickMs;
    }

    /** Runs {@code onExpiry} once, at the first tick after {@code timeoutMs} from now, unless cancelled first. */
    Registration after(long timeoutMs, Runnable onExpiry) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        return watch(new Watch() {
            @Override
            public boolean overdue(long nowNanos) {
                return nowNanos - due >= 0;
            }

            @Override
            public void expire() {
                onExpiry.run();
            }
        });
    }

    Registration watch(Watch w) {
        pending.add(w);
        return () -> pending.remove(w);
    }

    /** A watch's cancellation: idempotent, and cheap (no thread is woken). */
    interface Registration {
        void cancel();
    }

    private void tick() {
        if (pending.isEmpty()) return;
        long now = System.nanoTime();
        for (Watch w : pending) {
            if (w.overdue(now) && pending.remove(w)) {
                try {
                    w.expire();
                } catch (RuntimeException e) {
                    // an expiry closes or cancels something; a failure there must not stop the timer
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
