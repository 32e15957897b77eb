package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.policy.Action;
import io.redline.policy.AuthorFacts;
import io.redline.policy.Policy;
import io.redline.policy.PolicyParser;
import io.redline.policy.Verdict;
import io.redline.store.Database;
import io.redline.store.TestDatabases;
import io.redline.text.Screener;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BacktestTest {
    static final long DAY_MS = Duration.ofDays(1).toMillis();

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void backtestNumbersEqualABruteForceRecount(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            long start = Instant.now().minus(Duration.ofDays(10)).toEpochMilli();
            Corpus.insert(f.db, 3_000, start, 10 * DAY_MS, 40, 7);
            // Some history decided, so prior strikes and trust levels vary across authors.
            for (int i = 0; i < 4; i++) f.decisions.decidePending(500);
            long decisionsBefore = DecisionWorkerTest.count(f, "SELECT count(*) FROM decisions");
            long auditBefore = f.audit.headSeq();

            Instant since = Instant.ofEpochMilli(start + 4 * DAY_MS);
            Instant until = Instant.ofEpochMilli(start + 9 * DAY_MS);
            Policy candidate = PolicyParser.parse(Fixture.STRICT_POLICY).orThrow();
            BacktestReport report =
                    new Backtest(f.db, f.policies, Fixture.SCREENER::current).run(candidate, since, until, 20, 1.5);

            // Brute force: every stored item, one at a time, both policies evaluated from scratch.
            Policy active = f.policies.active().policy();
            Screener screener = Fixture.SCREENER.current();
            AuthorFactsSource authors = new AuthorFactsSource(f.db);
            Map<Action, Long> current = zero(), cand = zero();
            long examined = 0, changed = 0;
            for (ContentSnapshot c : Corpus.all(f.db)) {
                if (c.createdAt().isBefore(since) || !c.createdAt().isBefore(until)) continue;
                AuthorFacts facts = authors.forContents(java.util.List.of(c)).get(c.id());
                Verdict a = Decider.decide(c, facts, active, screener).verdict();
                Verdict b = Decider.decide(c, facts, candidate, screener).verdict();
                examined++;
                current.merge(a.action(), 1L, Long::sum);
                cand.merge(b.action(), 1L, Long::sum);
                if (a.action() != b.action()) changed++;
            }

            assertThat(examined).isEqualTo(1_500);
            assertThat(report.examined()).isEqualTo(examined);
            assertThat(report.current()).isEqualTo(current);
            assertThat(report.candidate()).isEqualTo(cand);
            assertThat(report.changed()).isEqualTo(changed).isPositive();
            assertThat(report.transitions().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(changed);
            assertThat(report.reviewMinutesDelta())
                    .isEqualTo((cand.get(Action.REVIEW) - current.get(Action.REVIEW)) * 1.5);
            assertThat(report.reviewHoursDelta()).isEqualTo(report.reviewMinutesDelta() / 60);
            assertThat(report.sample()).hasSize(20).allSatisfy(s -> {
                assertThat(s.currentAction()).isNotEqualTo(s.candidateAction());
                assertThat(Instant.ofEpochMilli(io.redline.store.Ids.epochMsOf(s.contentId())))
                        .isBetween(since, until);
            });
            assertThat(report.currentVersion()).isEqualTo(f.policies.active().version());
            assertThat(report.candidateVersion()).isEqualTo(candidate.version());

            // A simulation writes nothing.
            assertThat(DecisionWorkerTest.count(f, "SELECT count(*) FROM decisions"))
                    .isEqualTo(decisionsBefore);
            assertThat(f.audit.headSeq()).isEqualTo(auditBefore);
        }
    }

    @Test
    void anInvalidCandidateIsRejectedWithPositions() {
        try (Fixture f = new Fixture(TestDatabases.sqlite())) {
            Backtest backtest = new Backtest(f.db, f.policies, Fixture.SCREENER::current);
            assertThatThrownBy(() -> backtest.run(PolicyStoreTest.BROKEN, Instant.EPOCH, Instant.now(), 10, 2))
                    .isInstanceOfSatisfying(
                            DecisionException.InvalidPolicy.class,
                            e -> assertThat(e.errors()).isNotEmpty());
            assertThatThrownBy(() -> backtest.run(Fixture.STRICT_POLICY, Instant.now(), Instant.EPOCH, 10, 2))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Throughput: a day of generated content (100k items by default; -Dbacktest.items=N). Printed, not asserted. */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void backtestThroughputOnADayOfContent(Supplier<Database> factory) {
        int n = Integer.getInteger("backtest.items", 100_000);
        try (Fixture f = new Fixture(factory.get())) {
            long start = Instant.now().minus(Duration.ofDays(1)).toEpochMilli();
            long t0 = System.nanoTime();
            Corpus.insert(f.db, n, start, DAY_MS, Math.max(1, n / 20), 11);
            long insertMs = (System.nanoTime() - t0) / 1_000_000;
            Policy candidate = PolicyParser.parse(Fixture.STRICT_POLICY).orThrow();
            Instant since = Instant.ofEpochMilli(start);
            new Backtest(f.db, f.policies, Fixture.SCREENER::current)
                    .run(candidate, since, Instant.now(), 10, 2); // JIT warm-up
            // A fresh instance: the authors' first-content cache starts empty, as on a server's first backtest.
            Backtest backtest = new Backtest(f.db, f.policies, Fixture.SCREENER::current);
            BacktestReport cold = backtest.run(candidate, since, Instant.now(), 10, 2);
            BacktestReport warm = backtest.run(candidate, since, Instant.now(), 10, 2);
            assertThat(cold.examined()).isEqualTo(n);
            assertThat(warm)
                    .usingRecursiveComparison()
                    .ignoringFields("elapsedMs", "itemsPerSecond", "until")
                    .isEqualTo(cold);
            System.out.printf(
                    "backtest (%s, %d items, %d authors): first run %d ms (%.0f items/s), repeat %d ms (%.0f items/s);"
                            + " changed %d; review delta %.0f min (current %d, candidate %d); corpus insert %d ms%n",
                    f.db.dialect().name().toLowerCase(),
                    cold.examined(),
                    Math.max(1, n / 20),
                    cold.elapsedMs(),
                    cold.itemsPerSecond(),
                    warm.elapsedMs(),
                    warm.itemsPerSecond(),
                    cold.changed(),
                    cold.reviewMinutesDelta(),
                    cold.currentReviews(),
                    cold.candidateReviews(),
                    insertMs);
        }
    }

    private static Map<Action, Long> zero() {
        Map<Action, Long> m = new EnumMap<>(Action.class);
        for (Action a : Action.values()) m.put(a, 0L);
        return m;
    }
}
