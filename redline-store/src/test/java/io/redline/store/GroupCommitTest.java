package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GroupCommitTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void everyAcknowledgedWriteIsVisibleAndAFailingWriteRollsBackAlone(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 10_000, 64)) {
            db.migrate("storetest");
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                int id = i;
                results.add(pool.submit(() -> writes.write(h -> {
                    // Every 100th write collides with an earlier id: it must fail without taking its group down.
                    long key = id % 100 == 99 ? id - 1 : id;
                    return h.execute("INSERT INTO store_probe (id, label) VALUES (?, ?)", key, "v" + id);
                })));
            }
            int ok = 0;
            int failed = 0;
            for (Future<Integer> f : results) {
                try {
                    f.get();
                    ok++;
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
            }
            pool.shutdown();
            assertThat(failed).isEqualTo(20);
            assertThat(ok).isEqualTo(1_980);
            long stored = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM store_probe")
                            .mapTo(Long.class)
                            .one());
            assertThat(stored).isEqualTo(1_980);
        }
    }

    /** A write alone in its group runs without a savepoint: failing, it still stores nothing and only its caller learns. */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aFailingWriteAloneInItsGroupStoresNothingAndTheNextIsStored(Supplier<Database> factory) {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 1)) {
            db.migrate("storetest");
            IllegalStateException refused = new IllegalStateException("refused after its insert");
            assertThatThrownBy(() -> writes.write(h -> {
                        h.execute("INSERT INTO store_probe (id, label) VALUES (1, 'a')");
                        throw refused;
                    }))
                    .isSameAs(refused);
            int inserted = writes.write(h -> h.execute("INSERT INTO store_probe (id, label) VALUES (1, 'b')"));
            assertThat(inserted).isEqualTo(1);
            String label = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT label FROM store_probe WHERE id = 1")
                            .mapTo(String.class)
                            .one());
            assertThat(label).isEqualTo("b");
        }
    }

    /**
     * A group runs without savepoints until a write fails; then it runs again with one per write.
     * The writes that ran twice must be stored once, and their after-commit work must run once; the
     * failed write's must not run at all.
     */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aGroupRunAgainAfterAFailureStoresAndAnnouncesEachOtherWriteOnce(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 100)) {
            db.migrate("storetest");
            writes.write(h -> h.execute("INSERT INTO store_probe (id, label) VALUES (100, 'before')"));
            java.util.concurrent.atomic.AtomicInteger announced = new java.util.concurrent.atomic.AtomicInteger();
            List<org.jdbi.v3.core.HandleCallback<Integer, RuntimeException>> work = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int id = i;
                work.add(h -> {
                    int n = h.execute("INSERT INTO store_probe (id, label) VALUES (?, ?)", id, "v" + id);
                    AfterCommit.run(h, announced::incrementAndGet);
                    // Write 5 collides with a stored key on its second insert, after its first
                    // stored and after it asked to announce itself: that announcement must not run.
                    if (id == 5) h.execute("INSERT INTO store_probe (id, label) VALUES (100, 'again')");
                    return n;
                });
            }
            int failed = 0;
            for (OneGroup.Outcome<Integer> o : OneGroup.run(writes, work)) {
                if (o.failed()) {
                    assertThat(o.failure()).hasMessageContaining("store_probe");
                    failed++;
                } else {
                    assertThat(o.value()).isEqualTo(1);
                }
            }
            assertThat(failed).isEqualTo(1);
            List<Integer> stored = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT id FROM store_probe ORDER BY id")
                            .mapTo(Integer.class)
                            .list());
            assertThat(stored).containsExactly(1, 2, 3, 4, 6, 7, 8, 9, 10, 100);
            assertThat(announced).hasValue(9);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aFullQueueIsRefusedAtOnce(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            db.migrate("storetest");
            GroupCommit writes = new GroupCommit(db, 1, 1);
            java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            pool.submit(() -> writes.write(h -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return 0;
            }));
            inside.await();
            pool.submit(() -> writes.write(h -> 1)); // fills the one queue slot
            Eventually.until("the second write to wait in the queue", () -> writes.queued() == 1);
            assertThatThrownBy(() -> writes.write(h -> 2))
                    .isInstanceOf(GroupCommit.Overloaded.class)
                    .hasMessageContaining("retry");
            release.countDown();
            pool.shutdown();
            writes.close();
        }
    }

    /**
     * The writer keeps its connection from group to group; a group that breaks it must fail alone,
     * and the next group must run on a fresh connection instead of the broken one.
     */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aGroupThatBreaksTheConnectionFailsAloneAndTheNextRunsOnAFreshOne(Supplier<Database> factory) {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 1)) {
            db.migrate("storetest");
            writes.write(h -> h.execute("INSERT INTO store_probe (id, label) VALUES (1, 'before')"));
            assertThatThrownBy(() -> writes.write(h -> {
                        h.execute("INSERT INTO store_probe (id, label) VALUES (2, 'lost')");
                        try {
                            h.getConnection().close(); // the commit after this write cannot succeed
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        return 0;
                    }))
                    .isInstanceOf(RuntimeException.class);
            writes.write(h -> h.execute("INSERT INTO store_probe (id, label) VALUES (3, 'after')"));
            List<String> labels = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT label FROM store_probe ORDER BY id")
                            .mapTo(String.class)
                            .list());
            assertThat(labels).containsExactly("before", "after");
        }
    }

    /** With a pool of one connection the writer must hand it back after each group, or no reader ever gets one. */
    @org.junit.jupiter.api.Test
    void aWriterOnAPoolOfOneLeavesTheConnectionToReadersBetweenGroups() throws Exception {
        StoreConfig one = TestDatabases.sqliteConfig();
        try (Database db = Database.open(new StoreConfig(one.jdbcUrl(), null, null, 1));
                GroupCommit writes = new GroupCommit(db, 100, 1)) {
            db.migrate("storetest");
            writes.write(h -> h.execute("INSERT INTO store_probe (id, label) VALUES (1, 'a')"));
            try (java.sql.Connection reader = db.dataSource().getConnection()) {
                assertThat(reader.isValid(1)).isTrue();
            }
            writes.write(h -> h.execute("INSERT INTO store_probe (id, label) VALUES (2, 'b')"));
        }
    }
}
