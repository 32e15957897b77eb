package io.redline.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: many small writes share one transaction and therefore one fsync.
 *
 * <p>Why: a durable commit costs a disk flush (milliseconds), so one transaction per request caps
 * a single SQLite writer at a few hundred requests a second. Here callers hand their write to one
 * writer thread, which takes everything queued (up to {@code groupSizeMax}), runs them in one
 * transaction, commits once, and only then wakes the callers. One failing write must not take its
 * group down: when a write throws, the transaction rolls back and the group runs again with a
 * savepoint per write, so the failing write rolls back alone. A write may therefore run twice;
 * what it does outside the database belongs in {@link AfterCommit#run}, which runs once, after
 * the commit that stored it, and never for a write rolled back to its savepoint. A caller therefore
 * still returns only after its rows are on disk, which is what lets the server answer 2xx.
 *
 * <p>On PostgreSQL a group's first run also lets {@link BulkInsert} collect each table's rows and
 * send them as one statement before the commit (a round trip per table per group, not per row); a
 * collected row that turns out to be a replay fails that run like any failing write, and the run
 * again (a group of one: once more without collecting) gives every write its row-by-row answer.
 *
 * <p>Limits: the queue holds at most {@code queueSizeMax} writes; beyond that callers get
 * {@link Overloaded} at once (the server maps it to 503 with Retry-After) instead of piling up.
 *
 * <p>The writer keeps one Jdbi handle, and so one connection, from group to group, when the pool
 * has at least {@link #POOL_SIZE_TO_KEEP} connections (so others are left for readers). Opening a
 * handle copies Jdbi's whole configuration registry; once a group, that was a tenth of the
 * writer's CPU at 1,000 single items a second, where most groups are one write. A group whose
 * transaction cannot be committed or rolled back may have broken the connection: the handle is
 * closed then and the next group opens a fresh one. It is also handed back every few minutes, so
 * the pool can retire the connection at its maximum lifetime (it retires only connections it holds)
 * and nothing a write left on the handle outlives that.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final Database db;
    private final int groupSizeMax;
    private final BlockingQueue<Job<?>> queue;
    private final Thread writer;
    private final boolean keepHandle;
    private volatile boolean closed;
    /** The pool size from which the writer keeps its handle between groups. */
    static final int POOL_SIZE_TO_KEEP = 3;

    /** How long the writer keeps one handle before handing it back to the pool. */
    private static final long HANDLE_KEPT_NANOS = TimeUnit.MINUTES.toNanos(5);

    private Handle handle; // the writer thread's own; null until the first group and after a failed one
    private long handleOpenedNanos;

    private record Job<T>(HandleCallback<T, RuntimeException> work, CompletableFuture<T> done) {}

    /** The queue is full: the store cannot keep up right now. */
    public static final class Overloaded extends RuntimeException {
        public Overloaded(String message) {
            super(message);
        }
    }

    public GroupCommit(Database db, int queueSizeMax, int groupSizeMax) {
        if (queueSizeMax < 1 || groupSizeMax < 1)
            throw new IllegalArgumentException("queue and group sizes must be positive");
        this.db = db;
        this.groupSizeMax = groupSizeMax;
        this.queue = new ArrayBlockingQueue<>(queueSizeMax);
        this.keepHandle = db.poolSizeMax() >= POOL_SIZE_TO_KEEP;
        this.writer =
                Thread.ofPlatform().name("redline-group-commit").daemon(true).start(this::run);
    }

    /** Runs {@code work} in a shared transaction and returns its result once that transaction is committed. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        if (closed) throw new IllegalStateException("the store is shutting down");
        Job<T> job = new Job<>(work, new CompletableFuture<>());
        if (!queue.offer(job)) {
            throw new Overloaded("the write queue is full (" + queue.size() + " pending); retry shortly");
        }
        try {
            return job.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for a commit; the write may or may not be stored", e);
        }
    }

    /** Writes waiting for the writer thread (not counting the group being committed). */
    public int queued() {
        return queue.size();
    }

    private void run() {
        try {
            drain();
        } finally {
            closeHandle();
        }
    }

    private void drain() {
        List<Job<?>> group = new ArrayList<>(groupSizeMax);
        while (!closed || !queue.isEmpty()) {
            try {
                Job<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                queue.drainTo(group, groupSizeMax - 1);
                commit(group);
                if (!keepHandle) closeHandle();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.atError().setCause(e).log("group commit failed");
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Job<?>> group) {
        List<Object> results = new ArrayList<>(group.size());
        List<RuntimeException> failures = new ArrayList<>(group.size());
        try {
            if (group.size() == 1) {
                // Alone in its group, a write needs no savepoint of its own: if it fails, the
                // transaction rolls back with it, which is all a savepoint would do. At low rates
                // most groups are one write, and a savepoint and its release are two statements
                // (two round trips to PostgreSQL) on the one thread every write waits for.
                boolean collect = db.dialect() == Dialect.POSTGRESQL;
                try {
                    handle().useTransaction(
                                    h -> results.add(runGroup(h, group, collect).getFirst()));
                } catch (BulkInsert.Replayed replayed) {
                    // A row it inserted as one statement per table (a batch of items, a worker's
                    // batch of decisions) was a replay: once more with every insert at once, so the
                    // write learns which rows were new. Nothing was collected: fail as it fails.
                    results.clear();
                    handle().useTransaction(
                                    h -> results.add(runGroup(h, group, false).getFirst()));
                }
                failures.add(null);
            } else {
                try {
                    // Optimistic first: no savepoint per write (a savepoint and its release are two
                    // statements per write on the one thread every write waits for, two round trips
                    // on PostgreSQL). Writes rarely fail; when one does, the whole transaction rolls
                    // back and the group runs again below, a savepoint per write, so it fails alone.
                    boolean collect = db.dialect() == Dialect.POSTGRESQL;
                    handle().useTransaction(h -> results.addAll(runGroup(h, group, collect)));
                    for (int i = 0; i < group.size(); i++) failures.add(null);
                } catch (RuntimeException oneFailed) {
                    results.clear();
                    handle().useTransaction(h -> {
                        for (Job<?> job : group) runOne(h, job, results, failures);
                    });
                }
            }
        } catch (RuntimeException commitFailed) {
            // Nothing of this group is stored: every caller learns so. The connection may be what
            // failed, so the next group starts on a fresh one.
            closeHandle();
            for (Job<?> job : group) job.done().completeExceptionally(commitFailed);
            return;
        }
        for (int i = 0; i < group.size(); i++) complete(group.get(i), results.get(i), failures.get(i));
    }

    private Handle handle() {
        if (handle != null && System.nanoTime() - handleOpenedNanos > HANDLE_KEPT_NANOS) closeHandle();
        if (handle == null) {
            handle = db.jdbi().open();
            handleOpenedNanos = System.nanoTime();
        }
        return handle;
    }

    private void closeHandle() {
        if (handle == null) return;
        try {
            handle.close();
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("closing the writer's connection failed");
        }
        handle = null;
    }

    /** Runs every write of the group, then the work they left for before the commit ({@link BeforeCommit}). */
    private static List<Object> runGroup(Handle h, List<Job<?>> group, boolean collect) {
        BeforeCommit.open(h, collect);
        try {
            List<Object> out = new ArrayList<>(group.size());
            for (Job<?> job : group) out.add(job.work().withHandle(h));
            BeforeCommit.run(h);
            return out;
        } finally {
            BeforeCommit.close(h);
        }
    }

    private static void runOne(Handle h, Job<?> job, List<Object> results, List<RuntimeException> failures) {
        String savepoint = "w" + results.size();
        int announced = AfterCommit.mark(h);
        h.savepoint(savepoint);
        try {
            results.add(job.work().withHandle(h));
            failures.add(null);
            h.release(savepoint);
        } catch (RuntimeException e) {
            h.rollbackToSavepoint(savepoint);
            TransactionMemo.forget(h);
            AfterCommit.undoTo(h, announced);

            results.add(null);
            failures.add(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Job<T> job, Object result, RuntimeException failure) {
        if (failure != null) job.done().completeExceptionally(failure);
        else job.done().complete((T) result);
    }

    /** Stops taking writes, finishes the queued ones, and stops the writer. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
