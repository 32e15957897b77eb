package io.redline.store;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;

/**
 * What the current transaction has already done and need not do again, such as "holds the audit
 * head's row lock". A group-commit transaction runs hundreds of writes, and each would otherwise
 * repeat the same locking statement (a round trip to PostgreSQL on the one writer thread).
 *
 * <p>A memo ends with its transaction (commit or rollback) and when {@link GroupCommit} rolls back
 * to a savepoint, which on PostgreSQL also releases the locks taken after it.
 */
public final class TransactionMemo {
    private static final Map<Handle, Set<String>> DONE = Collections.synchronizedMap(new WeakHashMap<>());

    private TransactionMemo() {}

    /** True the first time {@code what} is asked for in {@code h}'s current transaction (always outside one). */
    public static boolean first(Handle h, String what) {
        if (!h.isInTransaction()) return true;
        Set<String> done = DONE.get(h);
        if (done == null) {
            done = new HashSet<>();
            DONE.put(h, done);
            h.afterCommit(() -> DONE.remove(h));
            h.afterRollback(() -> DONE.remove(h));
        }
        return done.add(what);
    }

    /** Forgets what {@code h}'s transaction did (a rollback to a savepoint undid it). */
    static void forget(Handle h) {
        DONE.remove(h);
    }
}
