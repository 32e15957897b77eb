package io.redline.text;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The screener in use, swapped atomically when a lexicon is reloaded: readers take
 * {@link #current()} (a volatile read, never blocking) and keep using that snapshot for the
 * whole text; a reload compiles a new screener off to the side, then {@link #swap}s it in.
 */
public final class ScreenerHolder {
    private final AtomicReference<Screener> current;

    public ScreenerHolder(Screener initial) {
        current = new AtomicReference<>(Objects.requireNonNull(initial, "initial screener"));
    }

    public Screener current() {
        return current.get();
    }

    /** Installs next and returns the screener it replaced. */
    public Screener swap(Screener next) {
        return current.getAndSet(Objects.requireNonNull(next, "next screener"));
    }
}
