package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditEntry;
import io.redline.audit.AuditQuery;
import io.redline.policy.DefaultPolicy;
import io.redline.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyStoreTest {
    static final String BROKEN = """
            schema: redline/policy-v1
            name: broken
            defaults:
              action: allow
              reasonCode: ok
            rules:
              - id: a
                action: blok
                reasonCode: x
              - id: b
                action: review
                review: {queue: q, priority: 9, deadline: PT1H}
                reasonCode: pending_review
            """;

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void theDefaultPolicyIsActiveOnFirstStartAndActivatedBySystem(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            ActivePolicy active = f.policies.active();
            assertThat(active.version()).isEqualTo(DefaultPolicy.load().version());
            assertThat(active.activatedBy()).isEqualTo("system:policy-bootstrap");
            assertThat(f.policies.list())
                    .singleElement()
                    .satisfies(p -> assertThat(p.source()).isEqualTo(DefaultPolicy.yaml()));
            // A second start finds it and activates nothing new.
            PolicyStore again = new PolicyStore(f.db, f.writes, f.audit, Clock.systemUTC());
            assertThat(again.active().version()).isEqualTo(active.version());
            assertThat(f.policies.activations(10)).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anInvalidPolicyIsRejectedWithEveryPositionAndNeverStoredOrActive(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            String before = f.policies.active().version();
            assertThatThrownBy(() -> f.policies.save(BROKEN, Fixture.EDITOR))
                    .isInstanceOfSatisfying(DecisionException.InvalidPolicy.class, e -> {
                        assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(2);
                        assertThat(e.errors()).anySatisfy(err -> {
                            assertThat(err.line()).isEqualTo(8);
                            assertThat(err.column()).isGreaterThan(1);
                            assertThat(err.path()).isEqualTo("rules[0].action");
                        });
                        assertThat(e.errors())
                                .anySatisfy(err -> assertThat(err.path()).startsWith("rules[1].review.priority"));
                    });
            assertThat(f.policies.list()).hasSize(1);
            assertThat(f.policies.active().version()).isEqualTo(before);
            assertThatThrownBy(() -> f.policies.activate("no-such-version", Fixture.EDITOR))
                    .isInstanceOf(DecisionException.NotFound.class);
            assertThat(f.policies.refresh().version()).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void versionsAreImmutableAndSavingTheSameMeaningIsIdempotent(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            StoredPolicy first = f.policies.save(Fixture.STRICT_POLICY, Fixture.EDITOR);
            // Same meaning, different formatting and comments: the same version, the original source kept.
            StoredPolicy again = f.policies.save(
                    "# reformatted\n" + Fixture.STRICT_POLICY.replace("action: allow", "action:   allow"),
                    Fixture.EDITOR);
            assertThat(again).isEqualTo(first);
            assertThat(f.policies.find(first.version()).orElseThrow().source()).isEqualTo(Fixture.STRICT_POLICY);
            List<AuditEntry> creates = f.audit.search(
                    AuditQuery.latest().withActionPrefix("policy.create").withTarget("policy", first.version()));
            assertThat(creates)
                    .singleElement()
                    .satisfies(e -> assertThat(e.event().actor().id()).isEqualTo("tok_editor"));
            // Any change in meaning is a new version.
            StoredPolicy changed = f.policies.save(Fixture.STRICT_POLICY.replace("PT2H", "PT3H"), Fixture.EDITOR);
            assertThat(changed.version()).isNotEqualTo(first.version());
            assertThat(f.policies.list()).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void activationIsAuditedWithBeforeAndAfterAndSeenByOtherProcesses(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            String before = f.policies.active().version();
            PolicyStore otherProcess = new PolicyStore(f.db, f.writes, f.audit, Clock.systemUTC());
            StoredPolicy strict = f.policies.save(Fixture.STRICT_POLICY, Fixture.EDITOR);

            ActivePolicy now = f.policies.activate(strict.version(), Fixture.EDITOR);

            assertThat(now.version()).isEqualTo(strict.version());
            assertThat(f.policies.active().policy().name()).isEqualTo("strict-drainage");
            List<AuditEntry> activations = f.audit.search(
                    AuditQuery.latest().withActionPrefix("policy.activate").withTarget("policy", strict.version()));
            assertThat(activations).singleElement().satisfies(e -> {
                assertThat(e.event().details())
                        .containsEntry("before", before)
                        .containsEntry("after", strict.version());
                assertThat(e.event().actor().id()).isEqualTo("tok_editor");
                assertThat(e.event().actor().role()).isEqualTo("policy_editor");
            });
            assertThat(f.policies.activations(10))
                    .extracting(PolicyActivation::version)
                    .containsExactly(strict.version(), before);
            assertThat(otherProcess.refresh().version()).isEqualTo(strict.version());

            // Re-activating the active version changes nothing; going back is a new audited activation.
            f.policies.activate(strict.version(), Fixture.EDITOR);
            assertThat(f.policies.activations(10)).hasSize(2);
            f.policies.activate(before, Fixture.EDITOR);
            assertThat(f.policies.activations(10))
                    .extracting(PolicyActivation::previousVersion)
                    .first()
                    .isEqualTo(strict.version());
            assertThat(f.audit.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void onlyAdminsAndPolicyEditorsMayChangePolicies(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            assertThatThrownBy(() -> f.policies.save(Fixture.STRICT_POLICY, Fixture.REVIEWER))
                    .isInstanceOf(DecisionException.Forbidden.class)
                    .hasMessageContaining("policy_editor");
            String version =
                    f.policies.save(Fixture.STRICT_POLICY, Fixture.EDITOR).version();
            assertThatThrownBy(() -> f.policies.activate(version, Fixture.SERVICE))
                    .isInstanceOf(DecisionException.Forbidden.class);
            assertThat(f.policies.active().version()).isNotEqualTo(version);
        }
    }
}
