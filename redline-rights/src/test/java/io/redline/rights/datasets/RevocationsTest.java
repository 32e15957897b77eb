package io.redline.rights.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.rights.consent.ConsentChange;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.ConsentState;
import io.redline.store.Database;
import io.redline.store.TestClock;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Revocation impact on SQLite and PostgreSQL: withdrawn consent and removed items become a version's delta. */
class RevocationsTest {
    private static final Principal ADMIN = Principal.system("test");

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void withdrawnAndRemovedItemsAreTheDeltaAndNothingElse(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            TestClock clock = TestClock.fixed(Instant.parse("2026-12-01T00:00:00Z"));
            AuditLog audit = AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, clock);
            ConsentRegistry consent = ConsentRegistry.open(db, audit, clock);
            Datasets datasets = Datasets.open(db, consent, audit, clock);
            Revocations revocations = new Revocations(db, datasets, consent, audit, clock);
            for (String author : List.of("alice", "bob", "carol")) {
                consent.setDefault(
                        new Principal("tok", Role.CREATOR, author, author),
                        author,
                        new ConsentChange(ConsentState.PLATFORM_MODELS, null, null, "api"));
            }
            clock.advance(Duration.ofMinutes(1));
            List<Candidates.Candidate> items =
                    List.of(candidate(1, "alice"), candidate(2, "bob"), candidate(3, "carol"), candidate(4, "alice"));
            Candidates source = (after, from, until, at, limit) ->
                    items.stream().filter(c -> c.id() > after).limit(limit).toList();
            DatasetSpec spec = DatasetSpec.parse("""
                    {"name": "all", "surfaces": ["note"], "from": "2026-01-01T00:00:00Z",
                     "until": "2027-01-01T00:00:00Z", "use": "platform_models"}""");
            Datasets.Export export =
                    datasets.export(ADMIN, spec, clock.instant(), source, Files.createTempDirectory("rev-"));
            assertThat(export.version().items()).isEqualTo(4);

            clock.advance(Duration.ofMinutes(1));
            consent.setItem(
                    new Principal("tok", Role.CREATOR, "alice", "alice"),
                    "alice",
                    "4",
                    new ConsentChange(ConsentState.DENIED, null, null, "console"));
            assertThat(revocations.afterConsentChange("alice")).isEqualTo(1);
            assertThat(revocations.afterConsentChange("alice")).as("found once").isZero();
            assertThat(revocations.forAuthor("alice", 10))
                    .extracting(Revocations.Revoked::itemId)
                    .containsExactly("4");
            assertThat(revocations.forAuthor("bob", 10)).isEmpty();

            Map<Long, String> actions = new HashMap<>(Map.of(1L, "allow", 2L, "block", 3L, "allow", 4L, "allow"));
            Revocations.Delta delta =
                    revocations.delta(ADMIN, "all", export.version().version(), ids -> actions);
            assertThat(delta.remove())
                    .extracting(Revocations.Revoked::itemId, Revocations.Revoked::reason)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("4", Revocations.CONSENT_WITHDRAWN),
                            org.assertj.core.groups.Tuple.tuple("2", Revocations.CONTENT_REMOVED));
            assertThat(revocations.forAuthor("bob", 10))
                    .as("bob sees his removed item handled too")
                    .extracting(Revocations.Revoked::reason)
                    .containsExactly(Revocations.CONTENT_REMOVED);
        }
    }

    private static Candidates.Candidate candidate(long id, String author) {
        return new Candidates.Candidate(
                id,
                "note",
                author,
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(id),
                null,
                "text " + id,
                List.of(),
                "none",
                "allow");
    }
}
