package io.redline.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Work outside the database (an in-memory index, a notification) that must happen only once the
 * rows it describes are committed. Use this, not {@link Handle#afterCommit} directly, in writes
 * that run on {@link GroupCommit}: when one write of a group fails, the group rolls that write back
 * to its savepoint and commits the others, and Jdbi would still run every callback the failed
 * write registered, announcing rows that were never stored. {@link GroupCommit} drops a failed
 * write's work here with its savepoint.
 */
public final class AfterCommit {
    private static final Map<Handle, List<Runnable>> PENDING = Collections.synchronizedMap(new WeakHashMap<>());

    private AfterCommit() {}

    /** Runs {@code work} after {@code h}'s transaction commits (at once outside a transaction: autocommit has). */
    public static void run(Handle h, Runnable work) {
        if (!h.isInTransaction()) {
            work.run();
            return;
        }
        List<Runnable> pending = PENDING.get(h);
        if (pending == null) {
            List<Runnable> created = new ArrayList<>();
            PENDING.put(h, created);
            h.afterCommit(() -> {
                PENDING.remove(h);
                created.forEach(Runnable::run);
            });
            h.afterRollback(() -> PENDING.remove(h));
            pending = created;
        }
        pending.add(work);
    }

    /** How much work {@code h}'s transaction holds now: {@link #undoTo} goes back to it. */
    static int mark(Handle h) {
        List<Runnable> pending = PENDING.get(h);
        return pending == null ? 0 : pending.size();
    }

    /** Drops the work added since {@code mark} (a rollback to a savepoint undid its rows). */
    static void undoTo(Handle h, int mark) {
        List<Runnable> pending = PENDING.get(h);
        if (pending != null && pending.size() > mark)
            pending.subList(mark, pending.size()).clear();
    }
}
