package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.Surface;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How matched rules combine into one verdict. */
class EvaluationSemanticsTest {

    @Test
    void mostSevereActionWinsWhateverTheOrder() {
        Policy p = Yaml.rules("""
                  - {id: a-allow,  action: allow,  reasonCode: fine}
                  - {id: a-label,  action: label,  label: ad, reasonCode: ad}
                  - {id: a-limit,  action: limit,  reasonCode: limited}
                  - {id: a-block,  action: block,  reasonCode: blocked}
                  - {id: a-review, action: review, reasonCode: reviewed}
                """);

        Verdict v = p.evaluate(In.on(Surface.NOTE).build());

        assertThat(v.action()).isEqualTo(Action.BLOCK);
        assertThat(v.ruleId()).isEqualTo("a-block");
        assertThat(v.reasonCode()).isEqualTo("blocked");
        assertThat(v.matchedRuleIds()).containsExactly("a-allow", "a-label", "a-limit", "a-block", "a-review");
        assertThat(v.review()).as("review routing only for review verdicts").isNull();
        assertThat(v.reach()).as("reach only for limit and review verdicts").isNull();
    }

    @Test
    void equallySevereRulesResolveToTheFirstWritten() {
        Policy p = Yaml.rules("""
                  - id: first
                    action: review
                    review: {queue: fast, priority: 1, deadline: PT5M}
                    reasonCode: first_reason
                  - id: second
                    action: review
                    review: {queue: slow, priority: 5, deadline: P2D}
                    reasonCode: second_reason
                """);

        Verdict v = p.evaluate(In.on(Surface.LIVE).build());

        assertThat(v.ruleId()).isEqualTo("first");
        assertThat(v.reasonCode()).isEqualTo("first_reason");
        assertThat(v.review()).isEqualTo(new ReviewRouting("fast", 1, Duration.ofMinutes(5)));
    }

    @Test
    void noMatchFallsBackToTheDefault() {
        Policy p = Yaml.rules("""
                  - {id: r, when: {riskScore: {atLeast: 90}}, action: block, reasonCode: x}
                """);

        Verdict v = p.evaluate(In.on(Surface.NOTE).risk(10).build());

        assertThat(v.action()).isEqualTo(Action.ALLOW);
        assertThat(v.isDefault()).isTrue();
        assertThat(v.ruleId()).isNull();
        assertThat(v.reasonCode()).isEqualTo("policy_default");
        assertThat(v.matchedRuleIds()).isEmpty();
        assertThat(v.evidenceHits()).isEmpty();
        assertThat(v.policyVersion()).isEqualTo(p.version());
    }

    @Test
    void defaultCanBeReviewWithDefaultRouting() {
        Policy p = Yaml.policy(Yaml.HEADER + """
                defaults:
                  action: review
                  reasonCode: unscreened
                  review: {queue: triage, priority: 4, deadline: PT8H}
                rules: []
                """);

        Verdict v = p.evaluate(In.on(Surface.PROFILE).build());

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.reasonCode()).isEqualTo("unscreened");
        assertThat(v.review()).isEqualTo(new ReviewRouting("triage", 4, Duration.ofHours(8)));
    }

    @Test
    void reviewRulesFillMissingRoutingFromDefaults() {
        Policy p = Yaml.policy(Yaml.HEADER + """
                defaults:
                  review: {queue: triage, priority: 4, deadline: PT8H}
                rules:
                  - {id: r, action: review, review: {priority: 1}, reasonCode: x}
                """);

        assertThat(p.evaluate(In.on(Surface.NOTE).build()).review())
                .isEqualTo(new ReviewRouting("triage", 1, Duration.ofHours(8)));
    }

    @Test
    void labelsAccumulateFromAllMatchedLabelRulesWithoutDuplicates() {
        Policy p = Yaml.rules("""
                  - {id: l1, action: label, label: ai_generated, reasonCode: ai}
                  - {id: l2, when: {linksPresent: true}, action: label, label: ad, reasonCode: ad}
                  - {id: l3, action: label, label: ai_generated, reasonCode: ai}
                  - {id: rv, action: review, reasonCode: check}
                """);

        Verdict v = p.evaluate(In.on(Surface.NOTE).links().build());

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.labels()).containsExactly("ai_generated", "ad");
    }

    @Test
    void labelVerdictIsTheFirstLabelRule() {
        Policy p = Yaml.rules("""
                  - {id: l1, action: label, label: ai_generated, reasonCode: ai_generated}
                  - {id: l2, action: label, label: ad, reasonCode: ad}
                """);

        Verdict v = p.evaluate(In.on(Surface.NOTE).build());

        assertThat(v.action()).isEqualTo(Action.LABEL);
        assertThat(v.ruleId()).isEqualTo("l1");
        assertThat(v.labels()).containsExactly("ai_generated", "ad");
    }

    @Test
    void strictestReachOfMatchedLimitRulesApplies() {
        Policy p = Yaml.rules("""
                  - {id: soft, action: limit, reach: reduced, reasonCode: soft}
                  - {id: hard, when: {linksPresent: true}, action: limit, reach: author_only, reasonCode: hard}
                """);

        Verdict withLinks = p.evaluate(In.on(Surface.NOTE).links().build());
        Verdict without = p.evaluate(In.on(Surface.NOTE).build());

        assertThat(withLinks.ruleId()).isEqualTo("soft");
        assertThat(withLinks.reach()).isEqualTo(Reach.AUTHOR_ONLY);
        assertThat(without.reach()).isEqualTo(Reach.REDUCED);
    }

    @Test
    void reviewVerdictCarriesTheReachOfMatchedLimitRules() {
        Policy p = Yaml.rules("""
                  - {id: rv, action: review, reasonCode: check}
                  - {id: lim, action: limit, reach: author_only, reasonCode: hidden}
                """);

        Verdict v = p.evaluate(In.on(Surface.NOTE).build());

        assertThat(v.action()).isEqualTo(Action.REVIEW);
        assertThat(v.reach()).isEqualTo(Reach.AUTHOR_ONLY);
        assertThat(v.reasonCode()).isEqualTo("check");
    }

    @Test
    void limitDefaultsToReducedReach() {
        Policy p = Yaml.rules("  - {id: lim, action: limit, reasonCode: x}\n");

        assertThat(p.evaluate(In.on(Surface.NOTE).build()).reach()).isEqualTo(Reach.REDUCED);
    }

    @Test
    void evidenceIsTheHitsTheWinningRuleReliedOn() {
        Policy p = Yaml.rules("""
                  - id: drain
                    when:
                      all:
                        - hits: {category: [drainage], severity: {atLeast: 60}}
                        - any:
                            - hits: {detector: [url]}
                            - hits: {detector: [qq]}
                      not: {hits: {category: [personal_data]}}
                    action: block
                    reasonCode: off_platform_contact
                  - {id: lbl, when: {hits: {category: [ads]}}, action: label, label: ad, reasonCode: ad}
                """);

        Verdict v = p.evaluate(In.on(Surface.COMMENT)
                .hit("lexicon", "ads", 30) // 0: only the label rule
                .hit("wechat", "drainage", 90) // 1: strong drainage
                .hit("qq", "drainage", 40) // 2: weak, but the qq branch of 'any'
                .hit("phone", "drainage", 20) // 3: weak, no branch
                .hit("url", "drainage", 65) // 4: strong drainage and the url branch
                .build());

        assertThat(v.ruleId()).isEqualTo("drain");
        // any: the url branch holds first, so qq hit 2 is not evidence; 'not' contributes nothing.
        assertThat(v.evidenceHits()).containsExactly(1, 4);
    }

    @Test
    void verdictNamesThePolicyVersion() {
        Policy p = Yaml.rules("  - {id: r, action: block, reasonCode: x}\n");

        assertThat(p.evaluate(In.on(Surface.NOTE).build()).policyVersion())
                .isEqualTo(p.version())
                .hasSize(64);
        assertThat(p.shortVersion()).hasSize(12);
    }

    @Test
    void categoriesOutsideThePolicyDictionaryNeverMatchACategoryFilter() {
        // Category ids are assigned in order of first mention; a later, bigger dictionary must not
        // break filters compiled earlier.
        Policy p = Yaml.rules("""
                  - {id: a, when: {hits: {category: [drugs]}}, action: block, reasonCode: x}
                  - {id: b, when: {hits: {category: [ads, fraud, gambling]}}, action: label, label: l, reasonCode: y}
                """);

        assertThat(p.evaluate(In.on(Surface.NOTE).hit("lexicon", "gambling", 10).build())
                        .ruleId())
                .isEqualTo("b");
        assertThat(p.evaluate(In.on(Surface.NOTE).hit("lexicon", "drugs", 10).build())
                        .ruleId())
                .isEqualTo("a");
    }

    @Test
    void rulesAreSummarisedForReaders() {
        Policy p = Yaml.rules("""
                  - id: r
                    description: Chat drainage.
                    surfaces: [live, comment]
                    action: review
                    review: {queue: drainage}
                    reasonCode: pending_review
                """);

        assertThat(p.rules())
                .singleElement()
                .isEqualTo(new RuleSummary(
                        "r",
                        "Chat drainage.",
                        java.util.Set.of(Surface.LIVE, Surface.COMMENT),
                        Action.REVIEW,
                        "pending_review",
                        null,
                        null,
                        new ReviewRouting("drainage", 3, Duration.ofHours(24))));
    }
}
