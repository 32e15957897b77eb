package io.redline.rights.copies;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.AuditLog;
import io.redline.audit.AuditQuery;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.CopyLink;
import io.redline.store.Database;
import io.redline.store.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The copy backfill on SQLite and PostgreSQL: old content gets signatures and links, in bounded, resumable runs. */
class BackfillTest {
    static final String NOTE = CopyRegisterTest.NOTE;
    static final String EDITED = CopyRegisterTest.EDITED;

    /** Content stored before copy detection: ids 1..5; 5 is undecided (its decision will look it up). */
    static final List<CopyRegister.Item> OLD = List.of(
            item(1, "alice", NOTE),
            item(2, "bob", EDITED),
            item(3, "carol", "Three weeks of sourdough experiments: hydration, starter age and the oven trick."),
            item(4, "dave", "好看"),
            item(5, "erin", NOTE));

    private static CopyRegister.Item item(long id, String author, String text) {
        return new CopyRegister.Item(id, author, text, List.of());
    }

    /** Intake as the backfill sees it: rows 1..5 (and a later 10), decided except 5. */
    static final class Stored implements Backfill.Source {
        final List<Integer> pageSizes = new ArrayList<>();

        @Override
        public long lastId() {
            return 5;
        }

        @Override
        public Backfill.Page page(long afterId, long untilId, int limit) {
            pageSizes.add(limit);
            List<CopyRegister.Item> rows = OLD.stream()
                    .filter(i -> i.id() > afterId && i.id() <= untilId)
                    .limit(limit)
                    .toList();
            List<CopyRegister.Item> decided =
                    rows.stream().filter(i -> i.id() != 5).toList();
            return new Backfill.Page(
                    decided, rows.isEmpty() ? afterId : rows.getLast().id(), rows.size());
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void oldContentIsLinkedToEarlierOriginalsInBoundedRunsThatResumeAfterARestart(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            TestClock clock = TestClock.fixed(Instant.parse("2026-12-01T00:00:00Z"));
            AuditLog audit = AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, clock);
            ConsentRegistry consent = ConsentRegistry.open(db, audit, clock);
            CopyRegister live = CopyRegister.open(db, consent, clock, 16);
            // Item 10 arrived after copy detection started: frank's repost of alice's note, unlinked then
            // (1 was not indexed yet). The backfill must not make old item 2 a copy of this newer one.
            CopyRegister.Item later = item(10, "frank", NOTE + "!!");
            CopyRegister.Lookup l = live.lookUp(List.of(later));
            assertThat(l.found()).isEmpty();
            db.jdbi().useTransaction(h -> live.record(h, l, Set.of(10L)));

            Stored source = new Stored();
            Backfill.Progress first = new Backfill(db, live, audit, clock).run(source, 1, 1);
            assertThat(first.finished()).isFalse();
            assertThat(first.untilId()).isEqualTo(5);
            assertThat(first.afterId()).isEqualTo(1);
            assertThat(source.pageSizes)
                    .as("one run looks at no more than it may")
                    .containsExactly(1);

            // A restart: the index is rebuilt from rows (item 1's included), and the backfill continues where it
            // stopped.
            CopyRegister restarted = CopyRegister.open(db, consent, clock, 16);
            assertThat(restarted.rebuild().texts()).isEqualTo(2);
            Backfill.Progress done = new Backfill(db, restarted, audit, clock).run(source, 2, 100);
            assertThat(done.finished()).isTrue();
            assertThat(done.afterId()).isEqualTo(5);
            assertThat(done.scanned()).isEqualTo(5);
            assertThat(done.hashed()).as("1, 2, 3, 4 (5 is undecided)").isEqualTo(4);
            assertThat(done.linked()).isEqualTo(1);

            assertThat(consent.copyOf("2"))
                    .as("bob's edited repost links to alice's earlier original, not to frank's later copy")
                    .map(CopyLink::originalId)
                    .contains("1");
            assertThat(consent.copyOf("3")).isEmpty();
            assertThat(consent.copyOf("1"))
                    .as("an original is never a copy of a later item")
                    .isEmpty();
            assertThat(consent.copyOf("5"))
                    .as("undecided: left to its decision")
                    .isEmpty();
            List<Long> indexed = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT item_id FROM rights_text_signatures ORDER BY item_id")
                            .mapTo(Long.class)
                            .list());
            assertThat(indexed).as("4 is too short to index, as at intake").containsExactly(1L, 2L, 3L, 10L);

            // Later copies now find the backfilled original.
            CopyRegister.Lookup repost = restarted.lookUp(List.of(item(11, "gina", EDITED + "。")));
            assertThat(repost.found()).containsKey(11L);

            // Finished is finished: another run reads nothing and writes nothing.
            int pages = source.pageSizes.size();
            assertThat(new Backfill(db, restarted, audit, clock).run(source, 2, 100))
                    .isEqualTo(done);
            assertThat(source.pageSizes).hasSize(pages);
            assertThat(audit.search(new AuditQuery("rights.copy.backfill", null, null, null, null, null, null, 50)))
                    .as("one entry per committed batch: [1], [2, 3], [4, 5]")
                    .hasSize(3);
        }
    }
}
