package io.redline.rights.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditLog;
import io.redline.audit.AuditQuery;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.rights.consent.ConsentChange;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.ConsentState;
import io.redline.rights.consent.CopyLink;
import io.redline.store.Database;
import io.redline.store.TestClock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Training runs on SQLite and PostgreSQL: which creator each item of a run credits, on which day, once. */
class TrainingRunsTest {
    private static final Principal SERVICE = new Principal("svc", Role.SERVICE, null, "trainer");

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void eachRunCreditsOnePerItemToTheWorksAuthorOnTheDayItRegisters(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            TestClock clock = TestClock.fixed(Instant.parse("2026-12-01T08:00:00Z"));
            AuditLog audit = AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, clock);
            ConsentRegistry consent = ConsentRegistry.open(db, audit, clock);
            Datasets datasets = Datasets.open(db, consent, audit, clock);
            Revocations revocations = new Revocations(db, datasets, consent, audit, clock);
            TrainingRuns runs = new TrainingRuns(db, datasets, audit, clock);
            for (String author : List.of("alice", "bob", "carol")) {
                consent.setDefault(
                        creator(author), author, new ConsentChange(ConsentState.PLATFORM_MODELS, null, null, "api"));
            }
            // 1 alice's original (removed, so not exported itself); 3 carol's repost of it; 2, 4 bob's; 5 carol's own.
            consent.linkCopy(
                    Principal.system("rights-copies"), new CopyLink("3", "carol", "1", "alice", 0.93, clock.instant()));
            clock.advance(Duration.ofMinutes(1));
            Map<Long, String[]> items = Map.of(
                    1L, new String[] {"alice", "block"},
                    2L, new String[] {"bob", "allow"},
                    3L, new String[] {"carol", "allow"},
                    4L, new String[] {"bob", "allow"},
                    5L, new String[] {"carol", "allow"});
            Candidates source = (after, from, until, at, limit) -> items.keySet().stream()
                    .sorted()
                    .filter(id -> id > after)
                    .limit(limit)
                    .map(id -> new Candidates.Candidate(
                            id,
                            "note",
                            items.get(id)[0],
                            Instant.parse("2026-11-01T00:00:00Z").plusSeconds(id),
                            null,
                            "text " + id,
                            List.of(),
                            "none",
                            items.get(id)[1]))
                    .toList();
            DatasetSpec spec = DatasetSpec.parse("""
                    {"name": "notes", "surfaces": ["note"], "from": "2026-01-01T00:00:00Z",
                     "until": "2027-01-01T00:00:00Z", "use": "platform_models"}""");
            Datasets.Export export = datasets.export(
                    Principal.system("test"), spec, clock.instant(), source, Files.createTempDirectory("runs-"));
            String version = export.version().version();
            assertThat(export.version().items()).isEqualTo(4);

            // bob withdraws item 4 before any run: the runs were to drop it, so it earns nothing.
            clock.advance(Duration.ofMinutes(1));
            consent.setItem(creator("bob"), "bob", "4", new ConsentChange(ConsentState.DENIED, null, null, "console"));
            assertThat(revocations.afterConsentChange("bob")).isEqualTo(1);

            clock.advance(Duration.ofMinutes(1));
            TrainingRuns.Registered first = runs.register(SERVICE, "run-1", "notes", version, "notes-lm-7b");
            assertThat(first.created()).isTrue();
            assertThat(first.run().day()).isEqualTo(LocalDate.parse("2026-12-01"));
            assertThat(first.run().items()).isEqualTo(3);
            assertThat(runs.creditsOn(LocalDate.parse("2026-12-01")))
                    .as("carol's repost credits alice, whose work it is; bob's withdrawn item earns nothing")
                    .containsExactly(Map.entry("alice", 1L), Map.entry("bob", 1L), Map.entry("carol", 1L));

            assertThat(runs.register(SERVICE, "run-1", "notes", version, "notes-lm-7b")
                            .created())
                    .as("a retried registration changes nothing")
                    .isFalse();
            assertThatThrownBy(() -> runs.register(SERVICE, "run-1", "notes", version, "other-model"))
                    .isInstanceOf(DatasetException.Conflict.class);
            assertThatThrownBy(() -> runs.register(SERVICE, "run-9", "notes", "20990101T000000000Z", "m"))
                    .isInstanceOf(DatasetException.NotFound.class);
            assertThatThrownBy(() -> runs.register(creator("alice"), "run-9", "notes", version, "m"))
                    .isInstanceOf(DatasetException.Forbidden.class);
            assertThatThrownBy(() -> runs.register(SERVICE, "../x", "notes", version, "m"))
                    .isInstanceOf(DatasetException.Invalid.class)
                    .hasMessageContaining("runId");

            // A second run the next day counts on that day; the first day's credits stay as they were.
            clock.advance(Duration.ofDays(1));
            runs.register(SERVICE, "run-2", "notes", version, "notes-lm-7b-v2");
            runs.register(SERVICE, "run-3", "notes", version, "notes-lm-7b-v3");
            assertThat(runs.creditsOn(LocalDate.parse("2026-12-01")))
                    .containsExactly(Map.entry("alice", 1L), Map.entry("bob", 1L), Map.entry("carol", 1L));
            assertThat(runs.creditsOn(LocalDate.parse("2026-12-02")))
                    .containsExactly(Map.entry("alice", 2L), Map.entry("bob", 2L), Map.entry("carol", 2L));
            assertThat(runs.creditsOn(LocalDate.parse("2026-12-03"))).isEmpty();

            assertThat(runs.creditsOf("alice", LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), 10))
                    .extracting(TrainingRuns.Credit::day, TrainingRuns.Credit::runId, TrainingRuns.Credit::credits)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-12-02"), "run-2", 1L),
                            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-12-02"), "run-3", 1L),
                            org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-12-01"), "run-1", 1L));
            assertThat(runs.creditsOf("dave", LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), 10))
                    .isEmpty();
            assertThat(runs.runs(10))
                    .extracting(TrainingRuns.TrainingRun::runId)
                    .hasSize(3);
            assertThat(audit.search(
                            new AuditQuery("rights.training_run.register", null, null, null, null, null, null, 10)))
                    .as("one entry per registered run, none for the retry")
                    .hasSize(3);
        }
    }

    private static Principal creator(String author) {
        return new Principal("tok-" + author, Role.CREATOR, author, author);
    }
}
