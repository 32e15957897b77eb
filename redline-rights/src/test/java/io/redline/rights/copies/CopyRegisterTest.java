package io.redline.rights.copies;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.AuditLog;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.text.MinHash;
import io.redline.rights.text.Shingles;
import io.redline.store.Database;
import io.redline.store.TestClock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The copy register on SQLite and PostgreSQL: lookup, record in the caller's transaction, rebuild. */
class CopyRegisterTest {
    static final String NOTE = "周末去了城西那家新开的咖啡馆，手冲的耶加雪菲很惊艳。店里人不多，窗边的位置能晒到太阳。";
    static final String EDITED = "店里人不多，窗边的位置能晒到太阳!! 周末去了城西那家新開的咖啡館…手冲的耶加雪菲很惊艳😍 #探店#";

    private record Fixture(Database db, ConsentRegistry consent, CopyRegister register) implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }

        CopyRegister reopened() {
            return CopyRegister.open(db, consent, TestClock.fixed(Instant.parse("2026-12-01T00:00:00Z")), 16);
        }

        /** A register of one of several processes on this database, as a Kafka worker opens it. */
        CopyRegister sharedOne() {
            return CopyRegister.openShared(db, consent, TestClock.fixed(Instant.parse("2026-12-01T00:00:00Z")), 16);
        }
    }

    private static Fixture fixture(Supplier<Database> factory) {
        Database db = factory.get();
        TestClock clock = TestClock.fixed(Instant.parse("2026-12-01T00:00:00Z"));
        AuditLog audit = AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, clock);
        ConsentRegistry consent = ConsentRegistry.open(db, audit, clock);
        return new Fixture(db, consent, CopyRegister.open(db, consent, clock, 16));
    }

    private static CopyRegister.Item note(long id, String author, String text) {
        return new CopyRegister.Item(id, author, text, List.of());
    }

    /** Looks up and records as the decision path does: every item's first decision stored. */
    private static CopyRegister.Lookup accept(Fixture f, CopyRegister register, CopyRegister.Item... items) {
        CopyRegister.Lookup lookup = register.lookUp(List.of(items));
        Set<Long> stored = new java.util.HashSet<>();
        for (CopyRegister.Item i : items) stored.add(i.id());
        f.db.jdbi().useTransaction(h -> register.record(h, lookup, stored));
        return lookup;
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aWorkerTakesInNotesAnotherWorkerDecidedWhileBothRun(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            // Two Kafka workers on one database: each has its own register, rebuilt when it started.
            CopyRegister workerA = f.sharedOne();
            CopyRegister workerB = f.sharedOne();
            workerB.rebuild();
            io.redline.store.Ids ids = new io.redline.store.Ids();
            long original = ids.next();
            accept(f, workerA, note(original, "alice", NOTE));

            long copy = ids.next();
            assertThat(workerB.lookUp(List.of(note(copy, "bob", EDITED))).found())
                    .as("before catching up, worker B does not know worker A's note")
                    .isEmpty();
            assertThat(workerB.catchUp()).isEqualTo(1);
            CopyRegister.Lookup found = accept(f, workerB, note(copy, "bob", EDITED));
            assertThat(found.found().get(copy).original().id()).isEqualTo(Long.toString(original));
            assertThat(f.consent.copyOf(Long.toString(copy))).isPresent();

            // Nothing is taken in twice: B holds A's note and its own copy, A its own note.
            assertThat(workerB.catchUp()).isZero();
            assertThat(workerB.textSize()).isEqualTo(2);
            assertThat(workerA.catchUp()).isEqualTo(1); // B's copy
            assertThat(workerA.textSize()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aRegisterAloneOnItsDatabaseRemembersNoRowsAndDoesNotCatchUp(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            // The server's register: it used to add every item it indexed to a set that only a
            // catch-up prunes, and the server never catches up, so the set grew without bound.
            io.redline.store.Ids ids = new io.redline.store.Ids();
            for (int i = 0; i < 20; i++) accept(f, f.register, note(ids.next(), "author" + i, NOTE + i));
            assertThat(f.register.textSize()).isEqualTo(20);
            assertThat(f.register.rowsRemembered()).isZero();
            CopyRegister rebuilt = f.reopened();
            rebuilt.rebuild();
            assertThat(rebuilt.rowsRemembered()).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(f.register::catchUp)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("openShared");

            // A worker's register remembers the recent rows, so a catch-up takes none of them twice.
            CopyRegister worker = f.sharedOne();
            worker.rebuild();
            assertThat(worker.rowsRemembered()).isEqualTo(20);
            assertThat(worker.catchUp()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anEditedRepostByAnotherAuthorLinksAndARebuiltRegisterStillFindsTheOriginal(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            accept(f, f.register, note(1, "alice", NOTE));
            CopyRegister.Lookup second = accept(f, f.register, note(2, "bob", EDITED), note(3, "alice", EDITED));
            assertThat(second.found()).containsOnlyKeys(2L);
            assertThat(second.found().get(2L).original().id()).isEqualTo("1");
            assertThat(f.consent.copyOf("2")).get().satisfies(l -> {
                assertThat(l.originalAuthorId()).isEqualTo("alice");
                assertThat(l.similarity()).isBetween(0.6, 1.0);
            });

            CopyRegister fresh = f.reopened();
            CopyRegister.Rebuilt rebuilt = fresh.rebuild();
            assertThat(rebuilt.texts()).isEqualTo(3);
            assertThat(rebuilt.links()).isEqualTo(1);
            CopyRegister.Lookup later = fresh.lookUp(List.of(note(4, "carol", NOTE), note(5, "alice", NOTE)));
            assertThat(later.found().get(4L).original().author()).isIn("alice", "bob");
            assertThat(later.found())
                    .as(
                            "copies of alice's note (bob's before the restart, carol's in this batch) are not originals for alice")
                    .doesNotContainKey(5L);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void itemsOfOneBatchSeeEachOtherAndNothingIsIndexedUntilTheTransactionCommits(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            CopyRegister.Lookup batch = f.register.lookUp(List.of(note(1, "alice", NOTE), note(2, "bob", EDITED)));
            assertThat(batch.found()).containsOnlyKeys(2L);
            try {
                f.db.jdbi().useTransaction(h -> {
                    f.register.record(h, batch, Set.of(1L, 2L));
                    throw new IllegalStateException("rolled back");
                });
            } catch (IllegalStateException expected) {
                // the decision's transaction failed: nothing stored, nothing indexed
            }
            assertThat(f.register.textSize()).isZero();
            assertThat(f.consent.copyOf("2")).isEmpty();
            accept(f, f.register, note(3, "carol", "一段完全无关的文字，讲的是周末爬山看到的风景和路上的小狗。"));
            assertThat(f.register.textSize()).isEqualTo(1);
        }
    }

    @Property(tries = 200)
    void signaturesSurviveTheirStoredForm(@ForAll @Size(max = 300) String text) {
        char[] signature = new MinHash(100).signature(new Shingles(3).of(text));
        assertThat(CopyRegister.decode(CopyRegister.encode(signature))).isEqualTo(signature);
    }

    @Property(tries = 100)
    void pictureHashesSurviveTheirStoredForm(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        io.redline.rights.image.ImageHash[] hashes = new io.redline.rights.image.ImageHash[3];
        for (int i = 0; i < 3; i++)
            hashes[i] = new io.redline.rights.image.ImageHash(
                    new long[] {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()}, r.nextInt(101), r.nextLong());
        assertThat(CopyRegister.decodeHashes(CopyRegister.encode(hashes))).containsExactly(hashes);
    }
}
