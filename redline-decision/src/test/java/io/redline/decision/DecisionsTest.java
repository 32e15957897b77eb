package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditEntry;
import io.redline.audit.AuditQuery;
import io.redline.policy.Action;
import io.redline.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionsTest {

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSynchronousDecisionPointsItsEvidenceIntoTheFieldTheAuthorWrote(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            ContentSnapshot c = f.note("alice", "周末好去处", "请加 微 信 xyz", List.of("旅行", "加微信"));

            Decision d = f.decisions.decideNow(c.id(), Fixture.SERVICE);

            assertThat(d.seq()).isEqualTo(1);
            assertThat(d.origin()).isEqualTo(Origin.SYNC);
            assertThat(d.action()).isEqualTo(Action.REVIEW);
            assertThat(d.ruleId()).isEqualTo("drainage-note-review");
            assertThat(d.review().queue()).isEqualTo("drainage");
            assertThat(d.review().deadlineAt()).isAfter(d.decidedAt());
            assertThat(d.policyVersion()).isEqualTo(f.policies.active().version());
            assertThat(d.engineVersion()).isEqualTo(Fixture.SCREENER.current().version());
            EvidenceHit inText = d.evidence().stream()
                    .filter(h -> h.field().equals("text"))
                    .findFirst()
                    .orElseThrow();
            assertThat(c.text().substring(inText.start(), inText.end())).isEqualTo("加 微 信");
            assertThat(inText.term()).isEqualTo("加微信");
            assertThat(inText.decisive()).isTrue();
            EvidenceHit inTag = d.evidence().stream()
                    .filter(h -> h.field().equals("tags[1]"))
                    .findFirst()
                    .orElseThrow();
            assertThat(c.tags().get(1).substring(inTag.start(), inTag.end())).isEqualTo("加微信");

            // Stored exactly as returned.
            assertThat(f.decisions.current(c.id())).contains(d);
            assertThat(f.decisions.history(c.id())).containsExactly(d);

            // The author sees the outcome only.
            Decision.CreatorView view = d.creatorView();
            assertThat(view.action()).isEqualTo(Action.REVIEW);
            assertThat(view.reasonCode()).isEqualTo("pending_review");
            assertThat(view.getClass().getRecordComponents())
                    .extracting(rc -> rc.getName())
                    .containsExactly("action", "reasonCode", "labels", "decidedAt");

            // Audited with the content as target.
            List<AuditEntry> entries = f.audit.search(AuditQuery.latest()
                    .withActionPrefix("content.decide")
                    .withTarget("content", Long.toString(c.id())));
            assertThat(entries).singleElement().satisfies(e -> {
                assertThat(e.event().details())
                        .containsEntry("action", "review")
                        .containsEntry("ruleId", "drainage-note-review")
                        .containsEntry("policyVersion", d.policyVersion());
                assertThat(e.event().actor().id()).isEqualTo("tok_service");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void decidingTwiceReturnsTheFirstDecisionAndStoresOne(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            ContentSnapshot c = f.comment("bob", "网赌 稳赚");
            Decision first = f.decisions.decideNow(c.id(), Fixture.SERVICE);
            Decision again = f.secondDecisions().decideNow(c.id(), Fixture.SERVICE);
            assertThat(first.action()).isEqualTo(Action.BLOCK);
            assertThat(again).isEqualTo(first);
            assertThat(f.decisions.history(c.id())).hasSize(1);
            assertThat(f.decisions.decidePending(10)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void priorStrikesCountTheAuthorsEarlierBlockedContent(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            for (int i = 0; i < 3; i++)
                f.decisions.decideNow(f.comment("spammer", "网赌 稳赚 " + i).id(), Fixture.SERVICE);
            ContentSnapshot next = f.comment("spammer", "看看我的新视频");
            ContentSnapshot other = f.comment("someone", "看看我的新视频");
            Map<Long, io.redline.policy.AuthorFacts> facts =
                    new AuthorFactsSource(f.db).forContents(List.of(next, other));
            assertThat(facts.get(next.id()).priorStrikes()).isEqualTo(3);
            assertThat(facts.get(next.id()).trustLevel()).isZero();
            assertThat(facts.get(other.id()).priorStrikes()).isZero();
            assertThat(facts.get(other.id()).accountAgeDays()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void rescreenAppendsDecisionsOnlyWhereTheOutcomeChanged(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            Instant start = Instant.now().minusSeconds(1);
            ContentSnapshot drainageNote = f.note("carol", null, "请加 微 信 xyz", List.of()); // review under the default
            ContentSnapshot cleanNote =
                    f.note("dave", null, "今天的穿搭分享", List.of()); // limit (new account) under the default
            ContentSnapshot gambling = f.comment("erin", "网赌 稳赚"); // block under both
            ContentSnapshot clean = f.comment("frank", "好看!"); // allow under both
            while (f.decisions.decidePending(100) > 0) {}
            Decision cleanNoteBefore = f.decisions.current(cleanNote.id()).orElseThrow();
            assertThat(f.decisions.current(drainageNote.id()).orElseThrow().action())
                    .isEqualTo(Action.REVIEW);

            f.policies.activate(
                    f.policies.save(Fixture.STRICT_POLICY, Fixture.EDITOR).version(), Fixture.EDITOR);
            RescreenReport report = f.decisions.rescreen(start, Fixture.EDITOR, 1_000);

            assertThat(report.examined()).isEqualTo(4);
            // The drainage note is blocked now, the clean note loses its new-account limit; the rest stays.
            assertThat(report.changed()).isEqualTo(2);
            assertThat(report.transitions()).containsEntry("review->block", 1L).containsEntry("limit->allow", 1L);
            List<Decision> history = f.decisions.history(drainageNote.id());
            assertThat(history).extracting(Decision::seq).containsExactly(1, 2);
            assertThat(history).extracting(Decision::action).containsExactly(Action.REVIEW, Action.BLOCK);
            assertThat(history.get(1).origin()).isEqualTo(Origin.RESCREEN);
            assertThat(history.get(1).policyVersion())
                    .isNotEqualTo(history.get(0).policyVersion());
            assertThat(f.decisions.history(cleanNote.id()))
                    .extracting(Decision::seq)
                    .containsExactly(1, 2);
            assertThat(f.decisions.history(cleanNote.id()).getFirst()).isEqualTo(cleanNoteBefore);
            assertThat(f.decisions.history(gambling.id())).hasSize(1);
            assertThat(f.decisions.history(clean.id())).hasSize(1);

            // A second rescreen finds nothing left to change.
            assertThat(f.decisions.rescreen(start, Fixture.EDITOR, 1_000).changed())
                    .isZero();
            assertThat(f.audit.search(AuditQuery.latest().withActionPrefix("content.rescreen")))
                    .hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void decisionsSurviveARestart(Supplier<Database> factory) {
        Database first = factory.get();
        var config = first.config();
        ContentSnapshot c;
        Decision d;
        try (Fixture f = new Fixture(first)) {
            c = f.comment("gina", "请加 微 信 xyz");
            d = f.decisions.decideNow(c.id(), Fixture.SERVICE);
        }
        try (Fixture f = new Fixture(Database.open(config))) {
            assertThat(f.decisions.current(c.id())).contains(d);
            assertThat(f.policies.active().version()).isEqualTo(d.policyVersion());
            assertThat(f.audit.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aLexiconReloadIsPickedUpByTheNextRescreen(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            io.redline.text.ScreenerHolder holder =
                    new io.redline.text.ScreenerHolder(io.redline.text.Screener.starter());
            Decisions decisions = new Decisions(
                    f.db,
                    f.writes,
                    f.audit,
                    f.policies,
                    holder::current,
                    java.time.Clock.systemUTC(),
                    new io.redline.store.Ids());
            Instant start = Instant.now().minusSeconds(1);
            ContentSnapshot c = f.comment("hana", "快来买 黑 金 卡 便宜");
            Decision first = decisions.decideNow(c.id(), Fixture.SERVICE);
            assertThat(first.action()).isEqualTo(Action.ALLOW);

            holder.swap(io.redline.text.Screener.compile(
                    io.redline.text.Lexicon.starter()
                            .plus(io.redline.text.Lexicon.of(List.of(new io.redline.text.Term("黑金卡", "fraud", 90)))),
                    io.redline.text.AllowList.starter(),
                    io.redline.text.ScreenOptions.defaults()));
            RescreenReport report = decisions.rescreen(start, Fixture.EDITOR, 100);

            assertThat(report.changed()).isEqualTo(1);
            assertThat(report.engineVersion())
                    .isEqualTo(holder.current().version())
                    .isNotEqualTo(first.engineVersion());
            Decision now = decisions.current(c.id()).orElseThrow();
            assertThat(now.seq()).isEqualTo(2);
            assertThat(now.action()).isEqualTo(Action.BLOCK);
            assertThat(now.evidence()).singleElement().satisfies(h -> {
                assertThat(c.text().substring(h.start(), h.end())).isEqualTo("黑 金 卡");
                assertThat(h.category()).isEqualTo("fraud");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void theAuthorsAiDeclarationReachesThePolicyWhenIntakeStoresIt(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            boolean stored;
            try {
                f.db.jdbi()
                        .useHandle(h -> h.createQuery("SELECT ai_declared FROM contents WHERE 1 = 0")
                                .mapTo(Integer.class)
                                .list());
                stored = true;
            } catch (RuntimeException noSuchColumn) {
                stored = false;
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(stored, "intake's schema has no AI columns yet");
            ContentSnapshot c = f.note("ivy", null, "用AI画的一组插画", List.of());
            f.db.jdbi()
                    .useHandle(h -> h.createUpdate(
                                    "UPDATE contents SET ai_declared = 1, ai_mark = 'possible' WHERE id = :id")
                            .bind("id", c.id())
                            .execute());
            Decision d = f.decisions.decideNow(c.id(), Fixture.SERVICE);
            assertThat(d.labels()).contains("ai_generated");
            assertThat(d.matchedRuleIds()).contains("ai-generated-label");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aWaitingBatchIsDecidedInOneGoAndKeepsEarlierDecisions(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            ContentSnapshot a = f.comment("jo", "好看!");
            ContentSnapshot b = f.comment("jo", "网赌 稳赚");
            ContentSnapshot c = f.comment("kim", "请加 微 信 xyz");
            Decision earlier = f.decisions.decideNow(b.id(), Fixture.SERVICE);

            assertThatThrownBy(() -> f.decisions.decideNow(List.of(a.id(), 42L), Fixture.SERVICE))
                    .isInstanceOf(DecisionException.NotFound.class)
                    .hasMessageContaining("42");
            assertThat(f.decisions.current(a.id())).isEmpty();

            List<Decision> decided = f.decisions.decideNow(List.of(c.id(), b.id(), a.id()), Fixture.SERVICE);
            assertThat(decided).extracting(Decision::contentId).containsExactly(c.id(), b.id(), a.id());
            assertThat(decided.get(1)).isEqualTo(earlier);
            assertThat(decided).extracting(Decision::action).containsExactly(Action.BLOCK, Action.BLOCK, Action.ALLOW);
            assertThat(f.decisions.decideNow(List.of(a.id()), Fixture.SERVICE)).containsExactly(decided.get(2));
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void rescreenNeverOverrulesAPersonsDecision(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            Instant start = Instant.now().minusSeconds(1);
            ContentSnapshot c = f.note("lee", null, "请加 微 信 xyz", List.of());
            f.decisions.decideNow(c.id(), Fixture.SERVICE);
            // Stand-in for the review queue, which will append origin "review" decisions.
            f.db.jdbi()
                    .useHandle(h -> h.createUpdate("UPDATE decisions SET origin = 'review' WHERE content_id = :c")
                            .bind("c", c.id())
                            .execute());
            f.policies.activate(
                    f.policies.save(Fixture.STRICT_POLICY, Fixture.EDITOR).version(), Fixture.EDITOR);

            RescreenReport report = f.decisions.rescreen(start, Fixture.EDITOR, 100);

            assertThat(report.keptHuman()).isEqualTo(1);
            assertThat(report.changed()).isZero();
            assertThat(f.decisions.history(c.id())).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void volumesCountTheWindowsDecisionsByOriginAndAction(Supplier<Database> factory) {
        try (Fixture f = new Fixture(factory.get())) {
            Instant before = Instant.now().minusSeconds(1);
            f.decisions.decideNow(f.comment("kim", "网赌 稳赚").id(), Fixture.SERVICE); // block
            f.decisions.decideNow(f.comment("lee", "好看!").id(), Fixture.SERVICE); // allow
            f.decisions.decideNow(f.comment("max", "好看呀!").id(), Fixture.SERVICE); // allow
            Map<String, Long> counts = new java.util.HashMap<>();
            for (Decisions.Volume v : f.decisions.volumes(before))
                counts.merge(v.origin().code() + ":" + v.action().code(), v.count(), Long::sum);
            assertThat(counts)
                    .containsEntry("sync:block", 1L)
                    .containsEntry("sync:allow", 2L)
                    .hasSize(2);
            assertThat(f.decisions.volumes(Instant.now().plusSeconds(60))).isEmpty();
        }
    }
}
