package io.redline.store;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for work a test does not control (a background thread, another process) by asking
 * until the answer comes, with a deadline that fails the test naming what never happened. The one
 * place tests poll; where the code under test can signal instead (a latch in a hook), tests use
 * that.
 */
public final class Eventually {
    public static final Duration DEFAULT = Duration.ofSeconds(10);
    private static final long PAUSE_NANOS = 20_000_000;

    private Eventually() {}

    /** The first non-null value of {@code probe}; fails after {@code timeout} naming {@code what}. */
    public static <T> T get(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) return value;
            if (System.nanoTime() > deadline)
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    public static <T> T get(String what, Supplier<T> probe) {
        return get(what, DEFAULT, probe);
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        get(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }
}
