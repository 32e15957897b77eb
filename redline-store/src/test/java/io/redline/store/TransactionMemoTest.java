package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionMemoTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aMemoLastsItsTransactionOnly(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            List<Boolean> firsts = new ArrayList<>();
            db.jdbi().useTransaction(h -> {
                firsts.add(TransactionMemo.first(h, "lock"));
                firsts.add(TransactionMemo.first(h, "lock"));
                firsts.add(TransactionMemo.first(h, "other"));
            });
            db.jdbi().useHandle(h -> {
                h.useTransaction(t -> firsts.add(TransactionMemo.first(t, "lock")));
                h.useTransaction(t -> firsts.add(TransactionMemo.first(t, "lock")));
                firsts.add(TransactionMemo.first(h, "lock")); // outside a transaction: always first
                firsts.add(TransactionMemo.first(h, "lock"));
            });
            assertThat(firsts).containsExactly(true, false, true, true, true, true, true);
        }
    }

    /** A write that failed was rolled back to its savepoint, with its locks: the next write must take them again. */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aRollbackToASavepointForgetsTheMemo(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 100)) {
            db.migrate("storetest");
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Future<Boolean> blocker = pool.submit(() -> writes.write(h -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return true;
            }));
            inside.await();
            Future<Boolean> failing = pool.submit(() -> writes.write(h -> {
                TransactionMemo.first(h, "lock");
                throw new IllegalStateException("refused");
            }));
            Eventually.until("the failing write to queue", () -> writes.queued() == 1);
            Future<Boolean> next = pool.submit(() -> writes.write(h -> TransactionMemo.first(h, "lock")));
            Eventually.until("both writes to queue", () -> writes.queued() == 2);
            release.countDown();
            blocker.get();
            assertThat(failing).failsWithin(java.time.Duration.ofSeconds(30));
            assertThat(next.get()).isTrue();
            pool.shutdown();
        }
    }
}
