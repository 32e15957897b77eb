package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void migrationsRunUnchangedOnBothEnginesAndAreIdempotent(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            assertThat(db.isReady()).as("not ready before migrations").isFalse();
            db.migrate("storetest");
            db.migrate("storetest");
            assertThat(db.isReady()).isTrue();
            db.jdbi()
                    .useHandle(
                            h -> h.execute(
                                    "INSERT INTO store_probe (id, label) VALUES (1, 'a') ON CONFLICT (id) DO UPDATE SET label = excluded.label"));
            db.jdbi()
                    .useHandle(
                            h -> h.execute(
                                    "INSERT INTO store_probe (id, label) VALUES (1, 'b') ON CONFLICT (id) DO UPDATE SET label = excluded.label"));
            String label = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT label FROM store_probe WHERE id = 1")
                            .mapTo(String.class)
                            .one());
            assertThat(label).isEqualTo("b");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void concurrentWritersAllCommit(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            db.migrate("storetest");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 400; i++) {
                int id = 100 + i;
                pool.submit(() -> db.jdbi()
                        .useTransaction(
                                h -> h.execute("INSERT INTO store_probe (id, label) VALUES (?, ?)", id, "w" + id)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            int count = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM store_probe WHERE id >= 100")
                            .mapTo(Integer.class)
                            .one());
            assertThat(count).isEqualTo(400);
        }
    }

    @Test
    void sqliteIsDurableAndCheckpointsOffTheRequestPath() throws Exception {
        try (Database db = TestDatabases.sqlite()) {
            db.migrate("storetest");
            db.jdbi().useHandle(h -> {
                assertThat(h.createQuery("PRAGMA journal_mode")
                                .mapTo(String.class)
                                .one())
                        .isEqualTo("wal");
                assertThat(h.createQuery("PRAGMA synchronous")
                                .mapTo(Integer.class)
                                .one())
                        .as("FULL")
                        .isEqualTo(2);
                assertThat(h.createQuery("PRAGMA wal_autocheckpoint")
                                .mapTo(Integer.class)
                                .one())
                        .isZero();
            });
            java.nio.file.Path wal =
                    java.nio.file.Path.of(db.config().jdbcUrl().substring("jdbc:sqlite:".length()) + "-wal");
            long afterFirstRound = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 300; i++) {
                    int id = 10_000 + round * 1_000 + i;
                    db.jdbi()
                            .useHandle(h -> h.execute(
                                    "INSERT INTO store_probe (id, label) VALUES (?, ?)", id, "x".repeat(2_000)));
                }
                if (round == 0) {
                    afterFirstRound = java.nio.file.Files.size(wal);
                    // Wait for a background checkpoint after round 1, so round 2 rewrites the WAL from its start.
                    long seen = db.checkpointCount();
                    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                    while (db.checkpointCount() < seen + 2 && System.nanoTime() < deadline)
                        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
                    assertThat(db.checkpointCount())
                            .as("background checkpoints ran")
                            .isGreaterThanOrEqualTo(seen + 2);
                }
            }
            // Without automatic or background checkpoints the WAL would hold both rounds: twice the size.
            assertThat(java.nio.file.Files.size(wal)).isLessThan(afterFirstRound * 3 / 2);
        }
    }

    @Test
    void unknownUrlsAreRefusedWithAHint() {
        assertThatThrownBy(() -> new StoreConfig("jdbc:mysql://x/y", null, null, 4))
                .hasMessageContaining("jdbc:sqlite:FILE or jdbc:postgresql://");
    }

    @Test
    void idsAreUniqueAndIncreasingAcrossThreads() throws Exception {
        Ids ids = new Ids(7);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                long prev = 0;
                for (int i = 0; i < 50_000; i++) {
                    long id = ids.next();
                    assertThat(id).isGreaterThan(prev);
                    prev = id;
                    seen.add(id);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(200_000);
        long now = System.currentTimeMillis();
        assertThat(Ids.epochMsOf(ids.next())).isBetween(now - 5_000, now + 60_000);
    }
}
