package io.redline.rights.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditLog;
import io.redline.audit.AuditQuery;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.store.Database;
import io.redline.store.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsentRegistryTest {
    private static final Principal ALICE = new Principal("tok_alice", Role.CREATOR, "alice", "alice");
    private static final Principal BOB = new Principal("tok_bob", Role.CREATOR, "bob", "bob");
    private static final ConsentChange PLATFORM = new ConsentChange(ConsentState.PLATFORM_MODELS, null, null, "api");
    private static final ConsentChange DENY = new ConsentChange(ConsentState.DENIED, null, null, "console");

    private record Fixture(Database db, AuditLog audit, ConsentRegistry registry, TestClock clock)
            implements AutoCloseable {
        @Override
        public void close() {
            db.close();
        }
    }

    private static Fixture fixture(Supplier<Database> factory) {
        Database db = factory.get();
        TestClock clock = TestClock.fixed(Instant.parse("2026-12-01T00:00:00Z"));
        AuditLog audit = AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, clock);
        return new Fixture(db, audit, ConsentRegistry.open(db, audit, clock), clock);
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void silenceIsDenialAnItemOverrideBeatsTheDefaultAndClearingFallsBackToIt(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            assertThat(f.registry.effective("n1", "alice", f.clock.instant()).state())
                    .isEqualTo(ConsentState.DENIED);
            assertThat(f.registry.effective("n1", "alice", f.clock.instant()).source())
                    .isEqualTo("default");

            f.registry.setDefault(ALICE, "alice", PLATFORM);
            f.clock.advance(Duration.ofMinutes(1));
            f.registry.setItem(ALICE, "alice", "n1", DENY);
            f.clock.advance(Duration.ofMinutes(1));
            Instant now = f.clock.instant();
            assertThat(f.registry.effective("n1", "alice", now))
                    .extracting(Consent::state, Consent::source)
                    .containsExactly(ConsentState.DENIED, "item");
            assertThat(f.registry.effective("n2", "alice", now))
                    .extracting(Consent::state, Consent::source)
                    .containsExactly(ConsentState.PLATFORM_MODELS, "creator");

            assertThat(f.registry.clearItem(ALICE, "alice", "n1", "api")).isTrue();
            assertThat(f.registry.clearItem(ALICE, "alice", "n1", "api"))
                    .as("nothing left to clear")
                    .isFalse();
            f.clock.advance(Duration.ofMinutes(1));
            assertThat(f.registry.effective("n1", "alice", f.clock.instant()).state())
                    .isEqualTo(ConsentState.PLATFORM_MODELS);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void theHistoryAnswersWhatWasInForceAtAnyTimeAndWhoChangedItFromWhere(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            Instant before = f.clock.instant().minusSeconds(1);
            ConsentRecord first = f.registry.setDefault(ALICE, "alice", PLATFORM);
            Instant t1 = f.clock.instant();
            f.clock.advance(Duration.ofHours(1));
            Instant expiry = f.clock.instant().plus(Duration.ofDays(30));
            f.registry.setDefault(
                    ALICE,
                    "alice",
                    new ConsentChange(ConsentState.LICENSED, "CC BY-NC 4.0 for research", expiry, "console"));
            Instant t2 = f.clock.instant();

            assertThat(f.registry.effectiveDefault("alice", before).state()).isEqualTo(ConsentState.DENIED);
            assertThat(f.registry.effectiveDefault("alice", t1))
                    .extracting(Consent::state, Consent::recordId)
                    .containsExactly(ConsentState.PLATFORM_MODELS, first.id());
            assertThat(f.registry.effectiveDefault("alice", t2).state()).isEqualTo(ConsentState.LICENSED);
            assertThat(f.registry.effectiveDefault("alice", expiry))
                    .as("a licence ends at its expiry")
                    .extracting(Consent::state, Consent::source)
                    .containsExactly(ConsentState.DENIED, "licence_expired");

            List<ConsentRecord> history = f.registry.history("alice", 10);
            assertThat(history)
                    .extracting(ConsentRecord::state)
                    .containsExactly(ConsentState.LICENSED, ConsentState.PLATFORM_MODELS);
            assertThat(history.getFirst())
                    .extracting(ConsentRecord::changedBy, ConsentRecord::changedByRole, ConsentRecord::surface)
                    .containsExactly("tok_alice", "creator", "console");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void everyChangeIsAuditedWithItsBeforeAndAfter(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            f.registry.setDefault(ALICE, "alice", PLATFORM);
            f.registry.setItem(ALICE, "alice", "n1", DENY);
            f.registry.clearItem(ALICE, "alice", "n1", "api");
            var entries = f.audit.search(AuditQuery.latest());
            assertThat(entries)
                    .extracting(e -> e.event().action())
                    .containsExactly(
                            "rights.consent.item_cleared", "rights.consent.item_set", "rights.consent.default_set");
            assertThat(entries.getLast().event().details())
                    .containsEntry("before", "none")
                    .containsEntry("after", "platform_models")
                    .containsEntry("surface", "api");
            assertThat(entries.getLast().event().actor().id()).isEqualTo("tok_alice");
            assertThat(f.audit.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void onlyTheCreatorChangesTheirConsentNeverStaffNorAnotherCreator(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            for (Role staff : List.of(Role.ADMIN, Role.REVIEWER, Role.AUDITOR, Role.POLICY_EDITOR, Role.SERVICE)) {
                Principal p = new Principal("tok_" + staff.wireName(), staff, null, "staff");
                assertThatThrownBy(() -> f.registry.setDefault(p, "alice", PLATFORM))
                        .isInstanceOf(ConsentException.Forbidden.class)
                        .hasMessageContaining("never change");
            }
            assertThatThrownBy(() -> f.registry.setItem(BOB, "alice", "n1", PLATFORM))
                    .isInstanceOf(ConsentException.Forbidden.class);
            f.registry.setItem(ALICE, "alice", "n1", DENY);
            assertThatThrownBy(() -> f.registry.setItem(BOB, "bob", "n1", PLATFORM))
                    .as("bob claims alice's item")
                    .isInstanceOf(ConsentException.Forbidden.class);
            assertThat(f.registry.history("alice", 10)).hasSize(1);
            assertThat(f.registry.history("bob", 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aCopyInheritsTheOriginalsConsentSoACopyOfADeniedNoteIsNeverTrainable(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            f.registry.setDefault(
                    BOB,
                    "bob",
                    new ConsentChange(
                            ConsentState.LICENSED,
                            "open licence",
                            f.clock.instant().plus(Duration.ofDays(9)),
                            "api"));
            f.registry.linkCopy(
                    Principal.system("copy-detector"),
                    new CopyLink("copy1", "bob", "orig", "alice", 0.92, f.clock.instant()));
            f.registry.linkCopy(
                    Principal.system("copy-detector"),
                    new CopyLink("copy1", "bob", "other", "carol", 0.7, f.clock.instant()));
            f.registry.linkCopy(
                    Principal.system("copy-detector"),
                    new CopyLink("copy2", "carol", "copy1", "bob", 0.9, f.clock.instant()));
            f.clock.advance(Duration.ofSeconds(1));

            Consent copy = f.registry.effective("copy1", "bob", f.clock.instant());
            assertThat(copy)
                    .extracting(Consent::state, Consent::source, Consent::copyOf)
                    .containsExactly(ConsentState.DENIED, "original", "orig");
            assertThat(copy.trainable()).isFalse();
            assertThat(f.registry.effective("copy2", "carol", f.clock.instant()).state())
                    .as("a copy of a copy")
                    .isEqualTo(ConsentState.DENIED);
            assertThat(f.registry.copyOf("copy1"))
                    .get()
                    .extracting(CopyLink::originalId)
                    .as("the first link stands")
                    .isEqualTo("orig");
            assertThat(f.registry.copiesOf("orig")).extracting(CopyLink::itemId).containsExactly("copy1");

            f.registry.setItem(ALICE, "alice", "orig", PLATFORM);
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(f.registry.effective("copy1", "bob", f.clock.instant()))
                    .as("never more than the original allows")
                    .extracting(Consent::state)
                    .isEqualTo(ConsentState.PLATFORM_MODELS);
            assertThatThrownBy(() -> f.registry.linkCopy(
                            Principal.system("x"), new CopyLink("a", "alice", "b", "alice", 1, f.clock.instant())))
                    .isInstanceOf(ConsentException.Invalid.class);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void malformedChangesAreRejectedWithWhatToFix(Supplier<Database> factory) {
        try (Fixture f = fixture(factory)) {
            Instant now = f.clock.instant();
            assertThatThrownBy(() -> f.registry.setDefault(
                            ALICE, "alice", new ConsentChange(ConsentState.LICENSED, null, now.plusSeconds(60), "api")))
                    .isInstanceOf(ConsentException.Invalid.class)
                    .hasMessageContaining("licenceTerms");
            assertThatThrownBy(() -> f.registry.setDefault(
                            ALICE, "alice", new ConsentChange(ConsentState.LICENSED, "x", now.minusSeconds(60), "api")))
                    .hasMessageContaining("future");
            assertThatThrownBy(() -> f.registry.setDefault(
                            ALICE, "alice", new ConsentChange(ConsentState.DENIED, "x", null, "api")))
                    .hasMessageContaining("licensed consent only");
            assertThatThrownBy(() -> f.registry.setDefault(ALICE, "alice", new ConsentChange(null, null, null, "api")))
                    .hasMessageContaining("state");
            assertThatThrownBy(() -> f.registry.setDefault(
                            ALICE, "alice", new ConsentChange(ConsentState.DENIED, null, null, "Web UI")))
                    .hasMessageContaining("surface");
            assertThatThrownBy(() -> ConsentState.parse("yes")).hasMessageContaining("platform_models");
            assertThat(f.registry.history("alice", 10)).isEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void machineReadableOutputsSpeakCawgAndTdmRep() {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        Map<String, Object> denied = TrainingAssertions.cawg(
                new Consent("n1", "a", ConsentState.DENIED, "default", null, null, null, null, at));
        assertThat(denied).containsEntry("label", "cawg.training-mining");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> entries =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) denied.get("data")).get("entries");
        assertThat(entries)
                .containsOnlyKeys(
                        "cawg.ai_generative_training", "cawg.ai_inference", "cawg.ai_training", "cawg.data_mining");
        assertThat(entries.values()).allSatisfy(e -> assertThat(e).containsEntry("use", "notAllowed"));

        Map<String, Object> licensed = TrainingAssertions.cawg(new Consent(
                "n1", "a", ConsentState.LICENSED, "item", 1L, "CC BY-NC", at.plusSeconds(86_400), null, at));
        assertThat(licensed.toString())
                .contains("constrained")
                .contains("CC BY-NC")
                .contains("2026-12-02T00:00:00Z");

        assertThat(TrainingAssertions.tdmRep("https://example.com/tdm-policy.json"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("location", "/*")
                        .containsEntry("tdm-reservation", 1)
                        .containsEntry("tdm-policy", "https://example.com/tdm-policy.json"));
    }
}
