package io.redline.text;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The screener in use, swapped atomically when a lexicon is reloaded: readers take
 * {@link #current()} (a volatile read, never blocking once compiled) and keep using that snapshot
 * for the whole text; a reload compiles a new screener off to the side, then {@link #swap}s it in.
 *
 * <p>A holder made with {@link #lazy} compiles on the first {@link #current()}, so a process that
 * never screens (a command that verifies the audit log or issues a token) never pays for compiling.
 */
public final class ScreenerHolder {
    private volatile Screener current;
    private Supplier<Screener> compile;

    public ScreenerHolder(Screener initial) {
        current = Objects.requireNonNull(initial, "initial screener");
    }

    private ScreenerHolder(Supplier<Screener> compile) {
        this.compile = Objects.requireNonNull(compile, "compile");
    }

    /** A holder that compiles with {@code compile} on first use (once, whichever thread asks first). */
    public static ScreenerHolder lazy(Supplier<Screener> compile) {
        return new ScreenerHolder(compile);
    }

    public Screener current() {
        Screener s = current;
        return s != null ? s : compileOnce();
    }

    private synchronized Screener compileOnce() {
        if (current == null) {
            current = Objects.requireNonNull(compile.get(), "compiled screener");
            compile = null;
        }
        return current;
    }

    /** Installs next and returns the screener it replaced (compiling the first one if nothing asked yet). */
    public synchronized Screener swap(Screener next) {
        Screener previous = current();
        current = Objects.requireNonNull(next, "next screener");
        return previous;
    }
}
