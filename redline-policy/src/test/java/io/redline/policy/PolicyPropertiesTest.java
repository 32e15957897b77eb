package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties that must hold for any input, and for any way of writing the same policy down. */
class PolicyPropertiesTest {
    private static final Policy DEFAULT = DefaultPolicy.load();
    private static final String ALLOW_RULE = "  - {id: allow-everything, action: allow, reasonCode: fine}\n";
    /** The default policy with a catch-all allow rule appended, and prepended. */
    private static final List<Policy> WITH_ALLOW_RULE = List.of(
            Yaml.policy(DefaultPolicy.yaml() + "\n" + ALLOW_RULE),
            Yaml.policy(DefaultPolicy.yaml().replace("rules:\n", "rules:\n" + ALLOW_RULE)));

    @Provide
    Arbitrary<PolicyInput> inputs() {
        Arbitrary<HitFact> hit = Combinators.combine(
                        Arbitraries.of(
                                "lexicon",
                                "phone",
                                "wechat",
                                "qq",
                                "url",
                                "email",
                                "shop_token",
                                "id_card",
                                "bank_card",
                                "unheard_of"),
                        Arbitraries.of(
                                "drainage",
                                "gambling",
                                "fraud",
                                "drugs",
                                "adult",
                                "violence",
                                "ads",
                                "personal_data",
                                "custom"),
                        Arbitraries.integers().between(0, 100))
                .as(HitFact::new);
        Arbitrary<AuthorFacts> author = Combinators.combine(
                        Arbitraries.integers().between(0, 30),
                                Arbitraries.integers().between(0, 10),
                        Arbitraries.integers().between(0, 5),
                                Arbitraries.integers().between(0, 8))
                .as(AuthorFacts::new);
        return Combinators.combine(
                        Arbitraries.of(Surface.class),
                        Arbitraries.integers().between(0, 5000),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.of(AiMark.class),
                        hit.list().ofMaxSize(6),
                        Arbitraries.integers().between(0, 100),
                        author)
                .as(PolicyInput::new);
    }

    @Property(tries = 300)
    void evaluationIsDeterministic(@ForAll("inputs") PolicyInput input) {
        assertThat(DEFAULT.evaluate(input)).isEqualTo(DEFAULT.evaluate(input));
        Policy reparsed = DefaultPolicy.load();
        assertThat(reparsed.evaluate(input)).isEqualTo(DEFAULT.evaluate(input));
    }

    @Property(tries = 300)
    void addingAnAllowRuleNeverChangesTheAction(@ForAll("inputs") PolicyInput input) {
        Verdict base = DEFAULT.evaluate(input);

        for (Policy withAllow : WITH_ALLOW_RULE) {
            Verdict v = withAllow.evaluate(input);
            if (base.action() != Action.ALLOW) {
                assertThat(v.action()).isEqualTo(base.action());
                assertThat(v.ruleId()).isEqualTo(base.ruleId());
                assertThat(v.evidenceHits()).isEqualTo(base.evidenceHits());
            } else {
                assertThat(v.action()).isEqualTo(Action.ALLOW);
            }
        }
    }

    @Property(tries = 300)
    void verdictIsTheFirstMatchedRuleWithTheMostSevereAction(@ForAll("inputs") PolicyInput input) {
        Verdict v = DEFAULT.evaluate(input);

        if (v.isDefault()) {
            assertThat(v.matchedRuleIds()).isEmpty();
        } else {
            // Brute-force recount of the semantics from the matched rule list alone.
            Action mostSevere = v.matchedRuleIds().stream()
                    .map(ACTION_BY_RULE::get)
                    .max(Comparator.comparingInt(Action::severity))
                    .orElseThrow();
            String firstWithIt = v.matchedRuleIds().stream()
                    .filter(id -> ACTION_BY_RULE.get(id) == mostSevere)
                    .findFirst()
                    .orElseThrow();
            assertThat(v.action()).isEqualTo(mostSevere);
            assertThat(v.ruleId()).isEqualTo(firstWithIt);
        }
        assertThat(v.review() != null).isEqualTo(v.action() == Action.REVIEW);
        assertThat(v.evidenceHits())
                .allSatisfy(i -> assertThat(i).isBetween(0, input.hits().size() - 1));
        assertThat(v.evidenceHits()).isSorted().doesNotHaveDuplicates();
    }

    /** Each default-policy rule's action, read back from the canonical form. */
    private static final Map<String, Action> ACTION_BY_RULE = actionsByRule();

    private static Map<String, Action> actionsByRule() {
        Map<String, Action> out = new HashMap<>();
        for (String line : DEFAULT.canonicalForm().split("\n")) {
            if (line.startsWith("rule{id=\"")) {
                String id = line.substring(9, line.indexOf('"', 9));
                String rest = line.substring(line.indexOf(";action=") + 8);
                out.put(id, Action.fromCode(rest.substring(0, rest.indexOf(';'))));
            }
        }
        assertThat(out.keySet()).containsExactlyInAnyOrderElementsOf(DEFAULT.ruleIds());
        return out;
    }

    @Property(tries = 100)
    void versionIgnoresCommentsFormattingAndKeyOrder(@ForAll("reformattings") String reformatted) {
        Policy original = DefaultPolicy.load();
        Policy same = Yaml.policy(reformatted);

        assertThat(same.version()).isEqualTo(original.version());
        assertThat(same.canonicalForm()).isEqualTo(original.canonicalForm());
    }

    @Provide
    Arbitrary<String> reformattings() {
        String yaml = DefaultPolicy.yaml();
        return Arbitraries.integers().between(0, 7).map(mask -> {
            String out = yaml;
            if ((mask & 1) != 0) {
                out = out.lines().filter(l -> !l.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            }
            if ((mask & 2) != 0) {
                // Flow maps to block maps changes formatting, not meaning.
                out = out.replace(
                        "review: {queue: harm, priority: 2, deadline: PT1H}",
                        "review:\n      deadline: PT1H\n      priority: 2\n      queue: harm   # reordered");
            }
            if ((mask & 4) != 0) {
                // Spelling out defaults that were implied, and reordering list items that are sets.
                out = out.replace("surfaces: [comment, live]", "surfaces: [live, comment]")
                        .replace("hits: {category: [drainage]}", "hits: {category: [drainage], match: any}");
            }
            return out;
        });
    }

    @Property(tries = 50)
    void versionChangesWhenMeaningChanges(@ForAll("meaningChanges") String changed) {
        assertThat(Yaml.policy(changed).version()).isNotEqualTo(DEFAULT.version());
    }

    @Provide
    Arbitrary<String> meaningChanges() {
        String yaml = DefaultPolicy.yaml();
        List<String> variants = new ArrayList<>();
        variants.add(yaml.replace("severity: {atLeast: 80}", "severity: {atLeast: 81}"));
        variants.add(yaml.replace("deadline: PT5M", "deadline: PT6M"));
        variants.add(yaml.replace("reasonCode: off_platform_contact", "reasonCode: contact"));
        variants.add(yaml.replace("label: ad\n", "label: advert\n"));
        variants.add(yaml.replace(
                "action: block\n    reasonCode: prohibited_content",
                "action: review\n    reasonCode: prohibited_content"));
        for (String v : variants) {
            assertThat(v).isNotEqualTo(yaml);
        }
        return Arbitraries.of(variants);
    }
}
