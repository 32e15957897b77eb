package io.redline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BulkInsertTest {
    private static final BulkInsert PROBE = BulkInsert.into("store_probe", "id", "id int8", "label text");
    private static final BulkInsert PROBE_STRICT = BulkInsert.into("store_probe", null, "id int8", "label text");
    private static final BulkInsert KINDS =
            BulkInsert.into("store_bulk_probe", null, "id int8", "n4 int4", "n2 int2", "ratio float8", "label text");

    /**
     * The writes of one group insert through one statement on PostgreSQL, yet each learns what a
     * row-by-row insert would have told it: a replayed key (stored before the group) and the second
     * of two writes with the same key answer 0, every other row is stored and answers 1.
     */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aGroupsWritesEachLearnWhetherTheirRowWasNewAndNoRowIsLost(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 100)) {
            db.migrate("storetest");
            writes.write(h -> PROBE.insert(h, 7L, "before"));
            List<Long> keys = new ArrayList<>();
            for (long k = 1; k <= 20; k++) keys.add(k);
            keys.add(12L); // a second write of a key new in this group
            AtomicInteger runs = new AtomicInteger();
            List<Integer> answers = inOneGroup(writes, keys, key -> h -> {
                runs.incrementAndGet();
                return PROBE.insert(h, key, "v" + key);
            });

            Map<Long, Integer> storedByKey = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) storedByKey.merge(keys.get(i), answers.get(i), Integer::sum);
            for (long k = 1; k <= 20; k++)
                assertThat(storedByKey.get(k)).as("key %d", k).isEqualTo(k == 7 ? 0 : 1);
            assertThat(rows(db)).hasSize(20).containsEntry(7L, "before").containsEntry(12L, "v12");
            if (db.dialect() == Dialect.POSTGRESQL) {
                // Collected, the replays were found before the commit: the group ran once more, write by write.
                assertThat(runs).hasValue(2 * keys.size());
            }
        }
    }

    /** A write alone in its group that inserts several rows (a batch of items) learns which were replays. */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aWriteAloneInItsGroupLearnsWhichOfItsRowsWereReplays(Supplier<Database> factory) {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 1)) {
            db.migrate("storetest");
            writes.write(h -> PROBE.insert(h, 3L, "before"));
            AtomicInteger runs = new AtomicInteger();
            List<Integer> answers = writes.write(h -> {
                runs.incrementAndGet();
                List<Integer> out = new ArrayList<>();
                for (long k = 1; k <= 5; k++) out.add(PROBE.insert(h, k, "v" + k));
                return out;
            });
            assertThat(answers).containsExactly(1, 1, 0, 1, 1);
            assertThat(rows(db)).containsOnlyKeys(1L, 2L, 3L, 4L, 5L).containsEntry(3L, "before");
            assertThat(runs).hasValue(db.dialect() == Dialect.POSTGRESQL ? 2 : 1);
            // Nothing to replay: one run, every row stored.
            int stored = writes.write(h ->
                    PROBE.insertAll(h, List.of(new Object[] {6L, "six"}, new Object[] {7L, "seven"})));
            assertThat(stored).isEqualTo(2);
            assertThat(rows(db)).containsEntry(6L, "six").containsEntry(7L, "seven");
        }
    }

    /** Without a conflict key a duplicate fails its own write only; the group's other rows are stored. */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aDuplicateKeyFailsItsOwnWriteAndTheGroupsOtherRowsAreStored(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 100)) {
            db.migrate("storetest");
            writes.write(h -> PROBE_STRICT.insert(h, 5L, "before"));
            List<Long> keys = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            List<Integer> answers = inOneGroup(writes, keys, key -> h -> PROBE_STRICT.insert(h, key, "v" + key));

            for (int i = 0; i < keys.size(); i++) assertThat(answers.get(i)).isEqualTo(keys.get(i) == 5 ? -1 : 1);
            assertThat(rows(db))
                    .containsOnlyKeys(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)
                    .containsEntry(5L, "before");
        }
    }

    /** Every column type round-trips, NULLs included, collected in a group and inserted at once. */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void everyColumnTypeAndNullRoundTrips(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get();
                GroupCommit writes = new GroupCommit(db, 100, 100)) {
            db.migrate("storetest");
            List<Long> keys = List.of(1L, 2L, 3L, 4L);
            inOneGroup(
                    writes,
                    keys,
                    key -> h -> key % 2 == 0
                            ? KINDS.insert(
                                    h,
                                    key,
                                    (int) (key * 1_000_000),
                                    (short) key.intValue(),
                                    key / 4.0,
                                    "“引号” , {x}\\ \"q\"")
                            : KINDS.insert(h, key, null, null, null, null));
            db.jdbi()
                    .useTransaction(h -> KINDS.insertNow(
                            h,
                            db.dialect(),
                            List.of(new Object[] {5L, 5, 5, 1.25, "five"}, new Object[] {6L, null, null, null, null})));

            List<String> stored = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT id, n4, n2, ratio, label FROM store_bulk_probe ORDER BY id")
                            .map((rs, ctx) -> rs.getLong(1) + "|" + rs.getObject(2) + "|" + rs.getObject(3) + "|"
                                    + rs.getObject(4) + "|" + rs.getString(5))
                            .list());
            assertThat(stored)
                    .containsExactly(
                            "1|null|null|null|null",
                            "2|2000000|2|0.5|“引号” , {x}\\ \"q\"",
                            "3|null|null|null|null",
                            "4|4000000|4|1.0|“引号” , {x}\\ \"q\"",
                            "5|5|5|1.25|five",
                            "6|null|null|null|null");
        }
    }

    /** Runs one write per key in a single group ({@link OneGroup}): each write's answer in key order, -1 for a write that failed. */
    private static List<Integer> inOneGroup(
            GroupCommit writes,
            List<Long> keys,
            java.util.function.Function<Long, HandleCallback<Integer, RuntimeException>> write)
            throws Exception {
        return OneGroup.run(writes, keys.stream().map(write).toList()).stream()
                .map(o -> o.failed() ? -1 : o.value())
                .toList();
    }

    private static Map<Long, String> rows(Database db) {
        return db.jdbi().withHandle(h -> {
            Map<Long, String> out = new HashMap<>();
            h.createQuery("SELECT id, label FROM store_probe")
                    .map((rs, ctx) -> out.put(rs.getLong(1), rs.getString(2)))
                    .list();
            return out;
        });
    }
}
