package io.redline.identity;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins counted per (username, client address): after {@code failuresMax} in a row that
 * pair is refused for {@code lockout}; other addresses, the real user's among them, are not.
 *
 * <p>Why not per username: anyone who knows a reviewer's username could keep that reviewer out of
 * the console with five wrong passwords every fifteen minutes. Per pair, a guesser locks out only
 * itself, and guessing from many addresses is still bounded (five tries per address and lockout).
 * The count lives in this process (a restart or a second process starts it afresh); it is
 * bounded, and atomic per pair, so a burst of parallel guesses cannot slip past the limit.
 */
final class SignInThrottle {
    /** Pairs remembered at most: about 10 MB; beyond it, expired pairs go first, then all. */
    static final int PAIRS_MAX = 100_000;

    private record State(int failures, long lockedUntilMs) {}

    private final int failuresMax;
    private final long lockoutMs;
    private final ConcurrentHashMap<String, State> pairs = new ConcurrentHashMap<>();

    SignInThrottle(int failuresMax, Duration lockout) {
        this.failuresMax = failuresMax;
        this.lockoutMs = lockout.toMillis();
    }

    /**
     * Counts an attempt as a failure before its password is checked ({@link #succeeded} undoes
     * it); false, counting nothing, while the pair is locked out.
     */
    boolean reserve(String username, String client, long nowMs) {
        if (pairs.size() >= PAIRS_MAX) {
            pairs.values().removeIf(s -> s.lockedUntilMs() <= nowMs);
            if (pairs.size() >= PAIRS_MAX) pairs.clear();
        }
        boolean[] admitted = {false};
        pairs.compute(key(username, client), (k, s) -> {
            if (s != null && s.lockedUntilMs() > nowMs) return s;
            admitted[0] = true;
            int failures = (s == null ? 0 : s.failures()) + 1;
            return failures >= failuresMax ? new State(0, nowMs + lockoutMs) : new State(failures, 0);
        });
        return admitted[0];
    }

    void succeeded(String username, String client) {
        pairs.remove(key(username, client));
    }

    /** Lifts every lock on {@code username} (a password reset). */
    void forget(String username) {
        String prefix = username + '\n';
        pairs.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String key(String username, String client) {
        return username + '\n' + client;
    }
}
