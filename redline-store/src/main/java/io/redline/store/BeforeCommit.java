package io.redline.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Work a {@link GroupCommit} group runs last in its transaction, after every write of the group
 * and before the commit: a row that each write would otherwise update again (the audit chain's
 * head, once per item on the one writer thread: a statement per item, a round trip and a dead
 * tuple each on PostgreSQL) is then written once per group, in the same transaction.
 *
 * <p>Only a group's first, savepoint-free run offers it ({@link #offered}); when that run fails
 * the group runs again with a savepoint per write and without it, so a write rolled back alone
 * never leaves work here. Elsewhere (a plain transaction) callers write at once.
 */
public final class BeforeCommit {
    private static final Map<Handle, Map<String, Runnable>> OPEN = Collections.synchronizedMap(new WeakHashMap<>());
    /** The open transactions whose inserts {@link BulkInsert} may collect (see {@link #collects}). */
    private static final Set<Handle> COLLECTING =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private BeforeCommit() {}

    /** True when {@code h}'s transaction will run work registered here before it commits. */
    public static boolean offered(Handle h) {
        return OPEN.containsKey(h);
    }

    /**
     * True when {@code h}'s transaction is a group's first run on PostgreSQL: {@link BulkInsert}
     * then collects the group's rows of a table for one statement before the commit. Not when the
     * group runs again after a failure ({@link GroupCommit}), nor on SQLite, whose statements are
     * in-process calls and cost no round trip.
     */
    public static boolean collects(Handle h) {
        return COLLECTING.contains(h);
    }

    /**
     * The work registered under {@code key} in {@code h}'s transaction, registered from {@code
     * create} on first use. Keys name the row, so every writer of that row shares one piece of
     * work (and its state). Only when {@link #offered}.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Runnable> T work(Handle h, String key, Supplier<T> create) {
        Map<String, Runnable> open = OPEN.get(h);
        if (open == null) throw new IllegalStateException("this transaction runs no work before its commit");
        return (T) open.computeIfAbsent(key, k -> create.get());
    }

    /** The work under {@code key}, or null: lets a writer see that the row is already pending. */
    @SuppressWarnings("unchecked")
    public static <T extends Runnable> T pending(Handle h, String key) {
        Map<String, Runnable> open = OPEN.get(h);
        return open == null ? null : (T) open.get(key);
    }

    /** GroupCommit: {@code h}'s transaction takes work from now on. */
    static void open(Handle h, boolean collect) {
        OPEN.put(h, new LinkedHashMap<>());
        if (collect) COLLECTING.add(h);
    }

    /** GroupCommit: runs the registered work in registration order; a failure fails the transaction. */
    static void run(Handle h) {
        Map<String, Runnable> open = OPEN.get(h);
        if (open != null) open.values().forEach(Runnable::run);
    }

    /** GroupCommit: the transaction is over (committed, failed or rolled back). */
    static void close(Handle h) {
        OPEN.remove(h);
        COLLECTING.remove(h);
    }
}
