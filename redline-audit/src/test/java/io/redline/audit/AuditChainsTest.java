package io.redline.audit;

import static io.redline.audit.AuditLogTest.T0;
import static io.redline.audit.AuditLogTest.event;
import static io.redline.audit.AuditLogTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.VerifyResult.Broken;
import io.redline.audit.VerifyResult.Intact;
import io.redline.audit.VerifyResult.Reason;
import io.redline.store.Database;
import io.redline.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The log as several chains (docs/audit.md, "Chains"): each as tamper-evident as the one chain was. */
class AuditChainsTest {
    static final long SPAN = AuditLog.CHAIN_SEQ_SPAN;

    /** Chain 0 (the server), 3 and 5 (two workers), 4 entries each, appended interleaved. */
    static AuditLog[] threeChains(Database db) {
        AuditLog main = open(db);
        AuditLog[] logs = {main, main.onChain(3), main.onChain(5)};
        for (int i = 1; i <= 4; i++) for (AuditLog log : logs) log.append(event(i));
        return logs;
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void eachChainNumbersItsOwnSeqsAndVerifyChecksEveryChain(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog[] logs = threeChains(db);
            assertThat(logs[0].headSeq()).isEqualTo(4);
            assertThat(logs[1].headSeq()).isEqualTo(3 * SPAN + 4);
            assertThat(logs[2].headSeq()).isEqualTo(5 * SPAN + 4);

            VerifyResult result = logs[0].verify();
            assertThat(result).isInstanceOf(Intact.class);
            assertThat(((Intact) result).chains()).isEqualTo(3);
            assertThat(result.entriesChecked()).isEqualTo(12);
            assertThat(result.summary()).contains("3 chains");
            assertThat(logs[0].verifyTail().ok()).isTrue();
            // A range inside one chain walks that chain only, as before chains.
            assertThat(logs[0].verify(3 * SPAN + 2, 3 * SPAN + 4).entriesChecked())
                    .isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anEditInAnyChainIsReportedAtThatEntry(Supplier<Database> factory) {
        for (long seq : new long[] {2, 3 * SPAN + 3, 5 * SPAN + 1}) {
            try (Database db = factory.get()) {
                AuditLog[] logs = threeChains(db);
                db.jdbi().useHandle(h -> h.execute("UPDATE audit_entries SET target_id = 'other' WHERE seq = ?", seq));
                Broken b = (Broken) logs[1].verify();
                assertThat(b.seq()).isEqualTo(seq);
                assertThat(b.reason()).isEqualTo(Reason.CONTENT_EDITED);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void deletionsAndForgeriesInAWorkersChainAreReported(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog[] logs = threeChains(db);
            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entries WHERE seq = ?", 5 * SPAN + 2));
            Broken b = (Broken) logs[0].verify();
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_MISSING);
            assertThat(b.seq()).isEqualTo(5 * SPAN + 2);
        }
        try (Database db = factory.get()) {
            AuditLog[] logs = threeChains(db);
            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entries WHERE seq = ?", 3 * SPAN + 4));
            Broken b = (Broken) logs[0].verify();
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_MISSING);
            assertThat(b.message()).contains("cut off the end");
        }
        try (Database db = factory.get()) {
            // A well-formed chain of its own in a range that has no head: written around the log.
            AuditLog[] logs = threeChains(db);
            db.jdbi()
                    .useHandle(h -> AuditLogTest.insertRaw(
                            h, AuditLogTest.forge(7 * SPAN + 1, event(9), HashChain.GENESIS_HASH)));
            Broken b = (Broken) logs[0].verify();
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_INSERTED);
            assertThat(b.seq()).isEqualTo(7 * SPAN + 1);
        }
        try (Database db = factory.get()) {
            // Moving an entry to another chain's range breaks both: it no longer hashes under its seq.
            AuditLog[] logs = threeChains(db);
            db.jdbi().useHandle(h -> {
                h.execute("DELETE FROM audit_entries WHERE seq = ?", 5 * SPAN + 4);
                h.execute("UPDATE audit_entries SET seq = ? WHERE seq = ?", 5 * SPAN + 4, 3 * SPAN + 4);
            });
            assertThat(logs[0].verify().ok()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anchorsCheckpointEveryChainAndCatchARecomputedWorkerChain(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog[] logs = threeChains(db);
            List<Anchor> heads = logs[1].anchor();
            assertThat(heads).extracting(Anchor::seq).containsExactly(4L, 3 * SPAN + 4, 5 * SPAN + 4);
            Anchor own = heads.get(1);
            assertThat(logs[0].anchors(10)).extracting(Anchor::seq).contains(4L, 3 * SPAN + 4, 5 * SPAN + 4);
            assertThat(logs[0].verifyAgainst(own).ok()).isTrue();

            // A forger re-hashes chain 3 from its second entry on and moves its head along.
            db.jdbi().useTransaction(h -> {
                h.execute("UPDATE audit_entries SET target_id = 'forged' WHERE seq = ?", 3 * SPAN + 2);
                String prev = h.createQuery("SELECT hash FROM audit_entries WHERE seq = ?")
                        .bind(0, 3 * SPAN + 1)
                        .mapTo(String.class)
                        .one();
                for (StoredEntry r : h.createQuery("SELECT " + StoredEntry.COLUMNS
                                + " FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq")
                        .bind(0, 3 * SPAN + 2)
                        .bind(1, 4 * SPAN)
                        .map(StoredEntry::map)
                        .list()) {
                    String hash = HashChain.hash(prev, r.contentJson());
                    h.execute("UPDATE audit_entries SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, r.seq());
                    prev = hash;
                }
                h.execute("UPDATE audit_head SET hash = ? WHERE chain = 3", prev);
            });
            Broken held = (Broken) logs[0].verifyAgainst(own);
            assertThat(held.reason()).isEqualTo(Reason.ANCHOR_MISMATCH);
            // The checkpoint stored in the database catches it too, in the plain walk.
            assertThat(((Broken) logs[0].verify()).reason()).isEqualTo(Reason.ANCHOR_MISMATCH);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void purgeRemovesExpiredEntriesFromEveryChainAndEachVerifiesFromItsHorizon(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog main = open(db);
            AuditLog worker = main.onChain(2);
            Instant old = T0.minus(Duration.ofDays(400));
            for (int i = 1; i <= 3; i++) {
                for (AuditLog log : List.of(main, worker)) {
                    log.append(AuditLogTest.at(event(i), old));
                    log.append(event(10 + i));
                }
            }
            // Each chain's prefix up to its first kept entry goes: 1 entry each (then a kept one).
            assertThat(main.purgeBefore(AuditLogTest.NOW)).isEqualTo(2);
            assertThat(main.anchors(10)).extracting(Anchor::seq).contains(1L, 2 * SPAN + 1);
            VerifyResult after = main.verify();
            assertThat(after.ok()).as(after.summary()).isTrue();
            assertThat(after.entriesChecked()).isEqualTo(10);
        }
    }

    @Test
    void appendersOnTwoChainsNeverWaitForEachOtherOnPostgres() throws Exception {
        try (Database db = TestDatabases.postgres();
                Database other = Database.open(db.config())) {
            AuditLog first = open(db).onChain(1);
            AuditLog second = open(other).onChain(2);
            AuditLog sameAsFirst = open(other).onChain(1);
            // Threads of its own: the common pool may have a single thread on a small machine.
            ExecutorService threads = Executors.newFixedThreadPool(3);
            CountDownLatch appended = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // A writer appends on chain 1 and keeps its transaction (and chain 1's head) open.
            CompletableFuture<Void> holder = CompletableFuture.runAsync(
                    () -> {
                        try {
                            db.jdbi().useTransaction(h -> {
                                first.append(h, event(1));
                                appended.countDown();
                                release.await();
                            });
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    threads);
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

            // Another process's append on chain 2 commits while chain 1 is held ...
            CompletableFuture<AuditEntry> onTwo = CompletableFuture.supplyAsync(() -> second.append(event(2)), threads);
            assertThat(onTwo.get(10, TimeUnit.SECONDS).seq()).isEqualTo(2 * SPAN + 1);
            // ... while one on chain 1 waits for the holder, as appends to one chain always have.
            CompletableFuture<AuditEntry> onOne =
                    CompletableFuture.supplyAsync(() -> sameAsFirst.append(event(3)), threads);
            try {
                onOne.get(500, TimeUnit.MILLISECONDS);
                throw new AssertionError("an append on a held chain did not wait");
            } catch (TimeoutException expected) {
                // it waits on the head row
            }
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(onOne.get(30, TimeUnit.SECONDS).seq()).isEqualTo(SPAN + 2);
            assertThat(first.verify().ok()).isTrue();
            threads.shutdown();
        }
    }

    /**
     * The deadlock seen with two Kafka workers after a rebalance (docs/scale.md): both had the same
     * record in flight. Worker 1's transaction stored the item's row (its idempotency key) and then
     * appended; worker 2's had appended already (holding the head) and then stored the same key.
     * On one chain that is a cycle (row → head, head → row) and PostgreSQL aborts one transaction;
     * with a chain per worker there is no shared head, so worker 2 just waits for worker 1's row.
     */
    @Test
    void twoWorkersStoringTheSameItemDeadlockOnOneChainButNotOnTheirOwnOnPostgres() throws Exception {
        try (Database db = TestDatabases.postgres();
                Database other = Database.open(db.config())) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE claims (k TEXT PRIMARY KEY)"));
            AuditLog chain1 = open(db).onChain(1);
            AuditLog chain2 = open(other).onChain(2);
            AuditLog chain1Too = open(other).onChain(1);

            assertThat(race(db, other, chain1, chain2)).as("a chain per worker").isEmpty();
            String failure = race(db, other, chain1, chain1Too).orElse("");
            assertThat(failure).as("one chain shared by both").contains("deadlock");
        }
    }

    /** Worker 1: row, then append. Worker 2: append, then the same row. Returns a failure, if any. */
    private static java.util.Optional<String> race(Database db1, Database db2, AuditLog log1, AuditLog log2)
            throws Exception {
        String key = "item-" + System.nanoTime();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch rowHeld = new CountDownLatch(1);
            CountDownLatch headHeld = new CountDownLatch(1);
            java.util.concurrent.Future<Object> first = threads.submit(() -> {
                db1.jdbi().useTransaction(h -> {
                    h.execute("INSERT INTO claims (k) VALUES (?) ON CONFLICT DO NOTHING", key);
                    rowHeld.countDown();
                    headHeld.await();
                    log1.append(h, event(1));
                });
                return null;
            });
            java.util.concurrent.Future<Object> second = threads.submit(() -> {
                db2.jdbi().useTransaction(h -> {
                    rowHeld.await();
                    log2.append(h, event(2));
                    headHeld.countDown();
                    h.execute("INSERT INTO claims (k) VALUES (?) ON CONFLICT DO NOTHING", key);
                });
                return null;
            });
            java.util.Optional<String> failure = java.util.Optional.empty();
            for (var f : List.of(first, second)) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failure = java.util.Optional.of(String.valueOf(e.getCause()));
                }
            }
            return failure;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void processesLeaseDifferentChainsAndAClosedLeaseIsFreeAgainOnPostgres() {
        try (Database db = TestDatabases.postgres();
                Database other = Database.open(db.config())) {
            AuditLog.ChainLease a = open(db).leaseChain();
            AuditLog.ChainLease b = open(other).leaseChain();
            assertThat(a.log().chain()).isPositive();
            assertThat(b.log().chain()).isPositive().isNotEqualTo(a.log().chain());
            int freed = a.log().chain();
            a.close();
            try (AuditLog.ChainLease c = open(other).leaseChain()) {
                assertThat(c.log().chain()).isEqualTo(freed);
            }
            b.close();
        }
    }

    @Test
    void onSqliteEveryLeaseIsChainZero() {
        try (Database db = TestDatabases.sqlite();
                AuditLog.ChainLease lease = open(db).leaseChain()) {
            assertThat(lease.log().chain()).isZero();
        }
    }
}
