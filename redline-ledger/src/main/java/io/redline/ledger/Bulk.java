package io.redline.ledger;

import io.redline.store.Dialect;
import org.jdbi.v3.core.Handle;

/**
 * Connection settings for writing a settled day's chunks, restored before the connection goes back
 * to the pool.
 *
 * <p>Why this keeps "accepted means durable": a chunk's commit skips the flush to disk (SQLite
 * {@code synchronous=NORMAL} in WAL mode, PostgreSQL {@code synchronous_commit=off}); the day is
 * reported settled only after {@code finishDay} commits with the database's full durability, and
 * that commit flushes the log up to itself, which holds every chunk before it (both engines write
 * one sequential log). A power cut before that loses at most a tail of whole chunks, each with its
 * own audit entry (same transaction), and a re-run writes them again: resume stays exact. A process
 * crash loses nothing (the operating system holds the written log). The larger SQLite page cache
 * keeps the index pages a million-row day touches in memory instead of re-reading them.
 */
final class Bulk {
    /** SQLite page cache while writing chunks, in KiB (negative = KiB in the pragma): 128 MiB. */
    private static final int SQLITE_CACHE_KIB = 131_072;

    private Bulk() {}

    static void during(Handle h, Dialect dialect, Runnable body) {
        if (dialect != Dialect.SQLITE) {
            body.run();
            return;
        }
        int synchronous =
                h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one();
        int cacheSize = h.createQuery("PRAGMA cache_size").mapTo(Integer.class).one();
        h.execute("PRAGMA synchronous = NORMAL");
        h.execute("PRAGMA cache_size = -" + SQLITE_CACHE_KIB);
        try {
            body.run();
        } finally {
            h.execute("PRAGMA cache_size = " + cacheSize);
            h.execute("PRAGMA synchronous = " + synchronous);
        }
    }

    /** At the start of each chunk's transaction (PostgreSQL's setting is per transaction). */
    static void chunkBegun(Handle h, Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL) h.execute("SET LOCAL synchronous_commit = off");
    }
}
