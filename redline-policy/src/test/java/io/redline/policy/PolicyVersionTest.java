package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.Surface;
import org.junit.jupiter.api.Test;

/** The version is what stored decisions point at, so its definition must not drift by accident. */
class PolicyVersionTest {

    /**
     * A golden value. If this fails, the canonical form changed: every existing policy gets a new
     * version although its meaning did not change. Do that only deliberately, with a note in
     * docs/policies.md.
     */
    @Test
    void canonicalFormAndVersionOfASmallPolicyArePinned() {
        Policy p = Yaml.policy("""
                schema: redline/policy-v1
                name: pinned
                rules:
                  - id: r1
                    surfaces: [live, comment]
                    when: {hits: {category: [drainage, ads], severity: {atLeast: 70}}, linksPresent: true}
                    action: review
                    review: {queue: drainage, priority: 2, deadline: PT30M}
                    reasonCode: pending_review
                """);

        assertThat(p.canonicalForm()).isEqualTo("""
                schema=redline/policy-v1
                name="pinned"
                description=""
                defaults{;action=allow;reasonCode="policy_default";review="general",3,PT24H}
                rule{id="r1";description="";surfaces=comment,live;when=all(hits(category=[ads,drainage];detector=*;\
                severity=70..100;count=1..2147483647;match=any),linksPresent(true));action=review;\
                reasonCode="pending_review";review="drainage",2,PT30M}
                """);
        assertThat(p.version()).isEqualTo(Canonical.sha256Hex(p.canonicalForm()));
    }

    @Test
    void spellingOutDefaultsKeepsTheVersion() {
        Policy implicit = Yaml.rules("  - {id: r, action: review, reasonCode: x}\n");
        Policy explicit = Yaml.policy(Yaml.HEADER + """
                description: ""
                defaults:
                  action: allow
                  reasonCode: policy_default
                  review: {queue: general, priority: 3, deadline: P1D}
                rules:
                  - id: r
                    surfaces: [note, comment, live, profile, prompt, output, image]
                    action: review
                    review: {queue: general, priority: 3, deadline: PT24H}
                    reasonCode: x
                """);

        assertThat(explicit.version()).isEqualTo(implicit.version());
    }

    @Test
    void ruleOrderIsPartOfTheVersion() {
        Policy ab = Yaml.rules("""
                  - {id: a, action: review, reasonCode: x}
                  - {id: b, action: review, reasonCode: y}
                """);
        Policy ba = Yaml.rules("""
                  - {id: b, action: review, reasonCode: y}
                  - {id: a, action: review, reasonCode: x}
                """);

        assertThat(ab.version()).isNotEqualTo(ba.version());
    }

    @Test
    void yamlNumberFormsAreReadAsNumbers() {
        Policy p = Yaml.rules("  - {id: r, when: {riskScore: {atLeast: 0x46}}, action: block, reasonCode: x}\n");

        assertThat(p.evaluate(In.on(Surface.NOTE).risk(70).build()).action()).isEqualTo(Action.BLOCK);
        assertThat(p.evaluate(In.on(Surface.NOTE).risk(69).build()).action()).isEqualTo(Action.ALLOW);
    }
}
