package io.redline.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.media.MediaLimits;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.vocabulary.Surface;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IntakeTest {
    static final Principal SERVICE = new Principal("tok_service", Role.SERVICE, null, "platform");
    static final Principal ALICE = new Principal("tok_alice", Role.CREATOR, "alice", "alice");

    static Intake intake(Database db) {
        db.migrate("intake");
        return new Intake(
                db,
                new GroupCommit(db, 1_000, 64),
                IntakeLimits.defaults(),
                Clock.systemUTC(),
                new Ids(1),
                labelling(),
                AuditLog.open(db));
    }

    static Labelling labelling() {
        try {
            return new Labelling(
                    new ImageFiles(java.nio.file.Files.createTempDirectory("redline-images-")),
                    MediaLimits.defaults(),
                    "test-platform");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Submission note(String author, String text) {
        return new Submission("note", author, null, "周末去哪儿", text, List.of("旅行", "city walk"), List.of("img://1"));
    }

    static Submission comment(String author, String text) {
        return new Submission("comment", author, null, null, text, null, null);
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void storedContentReadsBackExactly(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            Receipt r = intake.submit(SERVICE, note("alice", "今天的穿搭 😀 OOTD\n第二行"), null);
            assertThat(r.replayed()).isFalse();
            Content back = intake.find(r.content().id()).orElseThrow();
            assertThat(back).isEqualTo(r.content());
            assertThat(back.tags()).containsExactly("旅行", "city walk");
            assertThat(back.surface()).isEqualTo(Surface.NOTE);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void manyItemsReadBackAtOnceByIdAndUnknownIdsAreAbsent(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            Content a = intake.submit(SERVICE, note("alice", "一"), null).content();
            Content b = intake.submit(SERVICE, comment("bob", "二"), null).content();
            var found = intake.findAll(java.util.List.of(a.id(), b.id(), 42L));
            assertThat(found).containsOnlyKeys(a.id(), b.id());
            assertThat(found.get(a.id())).isEqualTo(a);
            assertThat(found.get(b.id())).isEqualTo(b);
            assertThat(intake.findAll(java.util.List.of())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void replayingAnIdempotencyKeyReturnsTheOriginalAndStoresNothing(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            Receipt first = intake.submit(SERVICE, comment("bob", "好看!"), "req-1");
            Receipt again = intake.submit(SERVICE, comment("bob", "好看!"), "req-1");
            assertThat(again.replayed()).isTrue();
            assertThat(again.content()).isEqualTo(first.content());
            assertThat(intake.count()).isEqualTo(1);

            assertThatThrownBy(() -> intake.submit(SERVICE, comment("bob", "changed"), "req-1"))
                    .isInstanceOf(IntakeException.Conflict.class)
                    .hasMessageContaining("different request");
            // Keys are scoped per token: another client may use the same key.
            Principal other = new Principal("tok_other", Role.SERVICE, null, "other");
            assertThat(intake.submit(other, comment("bob", "好看!"), "req-1").replayed())
                    .isFalse();
            assertThat(intake.count()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void concurrentReplaysOfOneKeyStoreExactlyOnce(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<Receipt>> calls =
                    Collections.nCopies(16, () -> intake.submit(SERVICE, comment("carol", "同一条"), "dup"));
            List<Long> ids = new ArrayList<>();
            for (Future<Receipt> f : pool.invokeAll(calls))
                ids.add(f.get().content().id());
            pool.shutdown();
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(intake.count()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void batchesAreAllOrNothingAndReplayable(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            List<Submission> bad =
                    List.of(comment("a", "ok"), new Submission("story", "a", null, null, "x", null, null));
            assertThatThrownBy(() -> intake.submitBatch(SERVICE, bad, null))
                    .isInstanceOfSatisfying(
                            IntakeException.Invalid.class,
                            e -> assertThat(e.errors())
                                    .extracting(FieldError::field)
                                    .containsExactly("items[1].surface"));
            assertThat(intake.count()).isZero();

            List<Submission> good = List.of(comment("a", "one"), comment("b", "two"), note("c", "three"));
            List<Receipt> stored = intake.submitBatch(SERVICE, good, "batch-7");
            List<Receipt> replay = intake.submitBatch(SERVICE, good, "batch-7");
            assertThat(replay)
                    .extracting(r -> r.content().id())
                    .containsExactlyElementsOf(
                            stored.stream().map(r -> r.content().id()).toList());
            assertThat(replay).allMatch(Receipt::replayed);
            assertThat(intake.count()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void externalIdsAreUniquePerSurface(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            Submission s = new Submission("comment", "a", "ext-1", null, "hi", null, null);
            long id = intake.submit(SERVICE, s, null).content().id();
            assertThatThrownBy(() -> intake.submit(SERVICE, s, null))
                    .isInstanceOf(IntakeException.Conflict.class)
                    .hasMessageContaining(String.valueOf(id));
            intake.submit(SERVICE, new Submission("live", "a", "ext-1", null, "hi", null, null), null);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void creatorsSubmitAndSeeOnlyTheirOwnContent(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            long bobs = intake.submit(SERVICE, comment("bob", "bob's"), null)
                    .content()
                    .id();
            long alices = intake.submit(ALICE, comment("alice", "mine"), null)
                    .content()
                    .id();
            assertThatThrownBy(() -> intake.submit(ALICE, comment("bob", "impersonation"), null))
                    .isInstanceOf(IntakeException.Forbidden.class);
            assertThat(intake.find(ALICE, bobs)).isEmpty();
            assertThat(intake.find(ALICE, alices)).isPresent();
            assertThat(intake.list(ALICE, new ContentQuery(null, null, null, 50))
                            .items())
                    .extracting(Content::authorId)
                    .containsOnly("alice");
            assertThatThrownBy(() -> intake.list(ALICE, new ContentQuery("bob", null, null, 50)))
                    .isInstanceOf(IntakeException.Forbidden.class);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void cursorPagesWalkEveryItemOnceNewestFirst(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            List<Submission> batch = new ArrayList<>();
            for (int i = 0; i < 57; i++) batch.add(comment(i % 2 == 0 ? "even" : "odd", "c" + i));
            intake.submitBatch(SERVICE, batch, null);
            List<String> seen = new ArrayList<>();
            Long cursor = null;
            int pages = 0;
            do {
                ContentPage page = intake.list(SERVICE, new ContentQuery("even", Surface.COMMENT, cursor, 10));
                page.items().forEach(c -> seen.add(c.text()));
                cursor = page.nextBeforeId();
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(seen)
                    .hasSize(29)
                    .doesNotHaveDuplicates()
                    .startsWith("c56")
                    .endsWith("c0");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void companionWorkCommitsWithTheItemsOrNotAtAll(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            Intake intake = intake(db);
            db.jdbi()
                    .useHandle(h -> h.execute("CREATE TABLE store_probe (id BIGINT PRIMARY KEY, label TEXT NOT NULL)"));
            List<Long> seen = new ArrayList<>();
            Intake.Companion recordIds = items -> {
                items.forEach(c -> seen.add(c.id()));
                return h -> items.forEach(
                        c -> h.execute("INSERT INTO store_probe (id, label) VALUES (?, ?)", c.id(), c.text()));
            };
            Receipt r = intake.submit(SERVICE, comment("a", "together"), List.of(), null, recordIds);
            assertThat(seen).containsExactly(r.content().id());
            assertThat((String) db.jdbi()
                            .withHandle(h -> h.createQuery("SELECT label FROM store_probe WHERE id = ?")
                                    .bind(0, r.content().id())
                                    .mapTo(String.class)
                                    .one()))
                    .isEqualTo("together");

            Intake.Companion failing = items -> h -> {
                throw new IllegalStateException("companion failed");
            };
            assertThatThrownBy(() -> intake.submit(SERVICE, comment("a", "never stored"), List.of(), null, failing))
                    .hasMessageContaining("companion failed");
            assertThat(intake.count()).isEqualTo(1);

            // A replay stores nothing, so the companion's write does not run again.
            intake.submit(SERVICE, comment("b", "keyed"), List.of(), "k", recordIds);
            int before = seen.size();
            intake.submit(SERVICE, comment("b", "keyed"), List.of(), "k", recordIds);
            assertThat(seen).hasSize(before);
        }
    }

    @Test
    void validationNamesEveryProblem() {
        Submission s = new Submission("comment", " ", null, "title", "a\u0000b", List.of("t"), List.of("i"));
        assertThat(s.validate(IntakeLimits.defaults(), ""))
                .extracting(FieldError::field, FieldError::message)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("authorId", "must not be blank"),
                        org.assertj.core.groups.Tuple.tuple("title", "title is only accepted on surface 'note'"),
                        org.assertj.core.groups.Tuple.tuple("text", "contains a NUL character (U+0000) at index 1"),
                        org.assertj.core.groups.Tuple.tuple("tags", "tags are only accepted on surface 'note'"));
        String huge = "x".repeat(IntakeLimits.defaults().titleCharsMax() + 1);
        assertThat(note("a", "t").validate(IntakeLimits.defaults(), "")).isEmpty();
        assertThat(new Submission("note", "a", null, huge, "t", null, null).validate(IntakeLimits.defaults(), ""))
                .extracting(FieldError::field)
                .containsExactly("title");
        assertThat(new Submission("note", "a", null, null, "bad \uD800 surrogate", null, null)
                        .validate(IntakeLimits.defaults(), ""))
                .extracting(FieldError::message)
                .containsExactly("contains an unpaired surrogate at index 4");
    }

    @Test
    void oversizedAndEmptyBatchesAreRefused() {
        Intake intake = new Intake(
                null, null, new IntakeLimits(100, 10, 1, 5, 1, 10, 10, 2), Clock.systemUTC(), new Ids(1), null, null);
        assertThatThrownBy(() -> intake.submitBatch(SERVICE, List.of(), null))
                .hasMessageContaining("at least one item");
        assertThatThrownBy(() -> intake.submitBatch(
                        SERVICE, List.of(comment("a", "1"), comment("a", "2"), comment("a", "3")), null))
                .hasMessageContaining("at most 2 items, got 3");
        assertThatThrownBy(() -> intake.submit(new Principal("r", Role.REVIEWER, null, "r"), comment("a", "1"), null))
                .isInstanceOf(IntakeException.Forbidden.class);
    }
}
