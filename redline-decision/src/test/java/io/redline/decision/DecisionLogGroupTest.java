package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.Database;
import io.redline.store.OneGroup;
import io.redline.vocabulary.Actor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decisions appended by the writes of one group commit (on PostgreSQL their rows go in one
 * statement per table): a replayed decision among new ones is answered as not stored and audited
 * nowhere, and every new one is stored with its head and its audit entry.
 */
class DecisionLogGroupTest {
    private static final Actor WORKER = new Actor("decision-worker", "service");

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aReplayedDecisionInAGroupIsNotStoredTwiceAndTheGroupsNewOnesAllAre(Supplier<Database> factory)
            throws Exception {
        try (Fixture f = new Fixture(factory.get())) {
            ContentSnapshot replayed = f.comment("ann", "网赌 稳赚");
            Decision first = f.decisions.decideNow(replayed.id(), Fixture.SERVICE);
            List<ContentSnapshot> fresh = new ArrayList<>();
            for (int i = 0; i < 6; i++) fresh.add(f.comment("bob" + i, "你好 " + i));

            List<Decision> proposed = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) {
                proposed.add(copy(first, 9_000 + i, fresh.get(i).id()));
                if (i == 2) proposed.add(copy(first, 8_000, replayed.id())); // seq 1 again: a redelivery
            }
            List<List<Decision>> stored = inOneGroup(f, proposed);

            for (int i = 0; i < proposed.size(); i++) {
                Decision d = proposed.get(i);
                if (d.contentId() == replayed.id()) assertThat(stored.get(i)).isEmpty();
                else assertThat(stored.get(i)).containsExactly(d);
            }
            assertThat(f.decisions.history(replayed.id())).containsExactly(first);
            for (ContentSnapshot c : fresh) {
                assertThat(f.decisions.history(c.id())).hasSize(1);
                assertThat(decideEntries(f, c.id())).isEqualTo(1);
                assertThat(headSeq(f, c.id())).isEqualTo(1);
            }
            assertThat(decideEntries(f, replayed.id())).isEqualTo(1);
            assertThat(f.audit.verify().ok()).isTrue();
        }
    }

    private static Decision copy(Decision d, long id, long contentId) {
        return new Decision(
                id,
                contentId,
                1,
                d.origin(),
                d.action(),
                d.reasonCode(),
                d.ruleId(),
                d.matchedRuleIds(),
                d.labels(),
                d.review(),
                d.reach(),
                d.evidence(),
                d.evidenceTotal(),
                d.riskScore(),
                d.policyVersion(),
                d.engineVersion(),
                d.latencyMicros(),
                d.decidedAt(),
                d.decidedBy());
    }

    /** Appends each decision in its own write, all in one group ({@link OneGroup}); a failed write fails the test. */
    private static List<List<Decision>> inOneGroup(Fixture f, List<Decision> decisions) throws Exception {
        List<HandleCallback<List<Decision>, RuntimeException>> writes = decisions.stream()
                .<HandleCallback<List<Decision>, RuntimeException>>map(d -> h -> f.decisions
                        .log()
                        .append(h, WORKER, List.of(new DecisionLog.Entry(d, "author-of-" + d.contentId()))))
                .toList();
        List<List<Decision>> out = new ArrayList<>();
        for (OneGroup.Outcome<List<Decision>> o : OneGroup.run(f.writes, writes)) {
            assertThat(o.failure()).isNull();
            out.add(o.value());
        }
        return out;
    }

    private static long decideEntries(Fixture f, long contentId) {
        return f.db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT count(*) FROM audit_entries WHERE action = 'content.decide' AND target_id = :id")
                        .bind("id", Long.toString(contentId))
                        .mapTo(Long.class)
                        .one());
    }

    private static int headSeq(Fixture f, long contentId) {
        return f.db.jdbi()
                .withHandle(h -> h.createQuery("SELECT seq FROM decision_heads WHERE content_id = :id")
                        .bind("id", contentId)
                        .mapTo(Integer.class)
                        .one());
    }
}
