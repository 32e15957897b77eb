package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import org.junit.jupiter.api.Test;

/** Each condition type, alone: a rule with the condition blocks when it holds, else the default allows. */
class ConditionTest {

    private static Policy blockWhen(String condition) {
        return Yaml.rules("""
                  - id: r
                    when: %s
                    action: block
                    reasonCode: matched
                """.formatted(condition));
    }

    private static boolean holds(Policy policy, In input) {
        return policy.evaluate(input.build()).action() == Action.BLOCK;
    }

    @Test
    void hitsByCategory() {
        Policy p = blockWhen("{hits: {category: [drugs, gambling]}}");

        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "gambling", 10))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "ads", 90))).isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "never_mentioned", 90)))
                .isFalse();
        assertThat(holds(p, In.on(Surface.NOTE))).isFalse();
    }

    @Test
    void singleValueIsAOneItemList() {
        Policy p = blockWhen("{hits: {category: drugs, detector: lexicon}}");

        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "drugs", 10))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).hit("url", "drugs", 10))).isFalse();
    }

    @Test
    void hitsByDetector() {
        Policy p = blockWhen("{hits: {detector: [phone, wechat]}}");

        assertThat(holds(p, In.on(Surface.NOTE).hit("wechat", "drainage", 50))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).hit("url", "drainage", 50))).isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).hit("some_future_detector", "drainage", 50)))
                .isFalse();
    }

    @Test
    void hitsBySeverityRange() {
        Policy p = blockWhen("{hits: {severity: {atLeast: 40, atMost: 60}}}");

        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "x", 39))).isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "x", 40))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "x", 60))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "x", 61))).isFalse();
    }

    @Test
    void filtersCombineOnTheSameHit() {
        Policy p = blockWhen("{hits: {category: [drugs], detector: [lexicon], severity: {atLeast: 80}}}");

        // A strong ads hit and a weak drugs hit: no single hit passes every filter.
        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "ads", 90).hit("lexicon", "drugs", 20)))
                .isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).hit("lexicon", "drugs", 85))).isTrue();
    }

    @Test
    void hitsCount() {
        Policy p = blockWhen("{hits: {category: [drainage], count: {atLeast: 2, atMost: 3}}}");

        In one = In.on(Surface.NOTE).hit("phone", "drainage", 50);
        assertThat(holds(p, one)).isFalse();
        assertThat(holds(p, one.hit("qq", "drainage", 50))).isTrue();
        assertThat(holds(p, one.hit("url", "ads", 50))).isTrue();
        assertThat(holds(p, one.hit("wechat", "drainage", 50))).isTrue();
        assertThat(holds(p, one.hit("email", "drainage", 50))).isFalse();
    }

    @Test
    void emptyHitsConditionMeansAnyHitAtAll() {
        Policy p = blockWhen("{hits: {}}");

        assertThat(holds(p, In.on(Surface.NOTE))).isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).hit("url", "ads", 0))).isTrue();
    }

    @Test
    void hitsMatchAllRequiresEveryHitToPass() {
        Policy p = blockWhen("{hits: {category: [ads], match: all}}");

        assertThat(holds(p, In.on(Surface.NOTE).hit("url", "ads", 10).hit("lexicon", "ads", 10)))
                .isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).hit("url", "ads", 10).hit("lexicon", "drugs", 10)))
                .isFalse();
        assertThat(holds(p, In.on(Surface.NOTE)))
                .as("no hits: fewer than count.atLeast 1")
                .isFalse();
    }

    @Test
    void riskScore() {
        Policy p = blockWhen("{riskScore: {atLeast: 70}}");

        assertThat(holds(p, In.on(Surface.NOTE).risk(69))).isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).risk(70))).isTrue();
    }

    @Test
    void length() {
        Policy p = blockWhen("{length: {atMost: 10}}");

        assertThat(holds(p, In.on(Surface.NOTE).length(10))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).length(11))).isFalse();
    }

    @Test
    void surfaceCondition() {
        Policy p = blockWhen("{surface: [live, comment]}");

        assertThat(holds(p, In.on(Surface.LIVE))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE))).isFalse();
    }

    @Test
    void ruleSurfacesScopeTheRule() {
        Policy p = Yaml.rules("""
                  - id: r
                    surfaces: [prompt]
                    action: block
                    reasonCode: x
                """);

        assertThat(p.evaluate(In.on(Surface.PROMPT).build()).action()).isEqualTo(Action.BLOCK);
        assertThat(p.evaluate(In.on(Surface.OUTPUT).build()).action()).isEqualTo(Action.ALLOW);
    }

    @Test
    void linksPresent() {
        Policy p = blockWhen("{linksPresent: true}");

        assertThat(holds(p, In.on(Surface.NOTE).links())).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE))).isFalse();
    }

    @Test
    void aiDeclared() {
        Policy p = blockWhen("{aiDeclared: false}");

        assertThat(holds(p, In.on(Surface.NOTE))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).aiDeclared())).isFalse();
    }

    @Test
    void aiMark() {
        Policy p = blockWhen("{aiMark: [confirmed, possible]}");

        assertThat(holds(p, In.on(Surface.PROFILE).aiMark(AiMark.CONFIRMED))).isTrue();
        assertThat(holds(p, In.on(Surface.PROFILE).aiMark(AiMark.POSSIBLE))).isTrue();
        assertThat(holds(p, In.on(Surface.PROFILE).aiMark(AiMark.SUSPECTED))).isFalse();
        assertThat(holds(p, In.on(Surface.PROFILE))).isFalse();
    }

    @Test
    void authorFacts() {
        assertThat(holds(
                        blockWhen("{author: {accountAgeDays: {atMost: 6}}}"),
                        In.on(Surface.NOTE).author(6, 5, 0, 0)))
                .isTrue();
        assertThat(holds(
                        blockWhen("{author: {accountAgeDays: {atMost: 6}}}"),
                        In.on(Surface.NOTE).author(7, 5, 0, 0)))
                .isFalse();
        assertThat(holds(
                        blockWhen("{author: {trustLevel: {atLeast: 8}}}"),
                        In.on(Surface.NOTE).author(7, 8, 0, 0)))
                .isTrue();
        assertThat(holds(
                        blockWhen("{author: {priorStrikes: {atLeast: 3}}}"),
                        In.on(Surface.NOTE).author(7, 5, 2, 0)))
                .isFalse();
        assertThat(holds(
                        blockWhen("{author: {openReports: {atLeast: 5}}}"),
                        In.on(Surface.NOTE).author(7, 5, 0, 5)))
                .isTrue();
    }

    @Test
    void severalKeysInOneConditionMustAllHold() {
        Policy p = blockWhen("{linksPresent: true, author: {accountAgeDays: {atMost: 6}, trustLevel: {atMost: 1}}}");

        assertThat(holds(p, In.on(Surface.NOTE).links().author(2, 1, 0, 0))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).links().author(2, 2, 0, 0))).isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).author(2, 1, 0, 0))).isFalse();
    }

    @Test
    void allAnyNot() {
        Policy p = blockWhen("""
                {all: [{riskScore: {atLeast: 50}}, {any: [{linksPresent: true}, {aiDeclared: true}]}],
                      not: {surface: [profile]}}""");

        assertThat(holds(p, In.on(Surface.NOTE).risk(50).links())).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).risk(50).aiDeclared())).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).risk(50))).isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).risk(49).links())).isFalse();
        assertThat(holds(p, In.on(Surface.PROFILE).risk(50).links())).isFalse();
    }

    @Test
    void ruleWithoutWhenAlwaysMatches() {
        Policy p = Yaml.rules("""
                  - id: r
                    action: review
                    reasonCode: x
                """);

        assertThat(p.evaluate(In.on(Surface.COMMENT).build()).ruleId()).isEqualTo("r");
    }
}
