package io.redline.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.HandleCallback;

/**
 * Runs writes as one group commit, for tests of what a group does together: a first write holds
 * the writer until all of them wait in its queue, so the writer takes them in one group.
 */
public final class OneGroup {
    private OneGroup() {}

    /** A write's outcome: its answer, or the exception it failed with. */
    public record Outcome<T>(T value, Throwable failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    /** Each write's outcome, in the order given. */
    public static <T> List<Outcome<T>> run(GroupCommit writes, List<HandleCallback<T, RuntimeException>> work)
            throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(work.size() + 1);
        try {
            Future<Integer> blocker = pool.submit(() -> writes.write(h -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return 0;
            }));
            inside.await();
            List<Future<T>> group = new ArrayList<>();
            for (HandleCallback<T, RuntimeException> w : work) group.add(pool.submit(() -> writes.write(w)));
            Eventually.until("the writes to queue for one group", () -> writes.queued() == work.size());
            release.countDown();
            blocker.get();
            List<Outcome<T>> out = new ArrayList<>();
            for (Future<T> f : group) {
                try {
                    out.add(new Outcome<>(f.get(), null));
                } catch (ExecutionException e) {
                    out.add(new Outcome<>(null, e.getCause()));
                }
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
