package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An invalid policy never compiles, and every error says where it is and what to do. */
class PolicyValidationTest {

    @Test
    void reportsEveryErrorWithLineColumnAndPath() {
        String yaml = """
                schema: redline/policy-v1
                name: test
                rulez: []
                rules:
                  - id: a
                    action: blok
                    reasonCode: x
                  - id: a
                    action: review
                    review: {queue: q, priority: 9, deadline: PT4X}
                    reasonCode: Bad-Code
                    when:
                      hits: {category: [Drugs], detector: [phon], severity: {atLeast: 101}}
                      author: {age: 3}
                  - id: c
                    action: label
                    reasonCode: ok
                    reach: reduced
                """;

        List<PolicyError> errors = Yaml.errors(yaml);

        assertThat(errors)
                .extracting(PolicyError::line, PolicyError::column, PolicyError::path)
                .containsExactly(
                        tuple(3, 1, "rulez"),
                        tuple(6, 13, "rules[0].action"),
                        tuple(8, 9, "rules[1].id"),
                        tuple(10, 34, "rules[1].review.priority"),
                        tuple(10, 47, "rules[1].review.deadline"),
                        tuple(11, 17, "rules[1].reasonCode"),
                        tuple(13, 25, "rules[1].when.hits.category[0]"),
                        tuple(13, 44, "rules[1].when.hits.detector[0]"),
                        tuple(13, 71, "rules[1].when.hits.severity.atLeast"),
                        tuple(14, 16, "rules[1].when.author.age"),
                        tuple(15, 5, "rules[2]"),
                        tuple(18, 5, "rules[2].reach"));
        assertThat(errors.get(0).message()).contains("unknown field 'rulez'").contains("did you mean 'rules'?");
        assertThat(errors.get(1).message())
                .isEqualTo("unknown action 'blok': expected one of allow, label, limit, review, block"
                        + " (did you mean 'block'?)");
        assertThat(errors.get(2).message()).contains("duplicate rule id 'a'").contains("rules[0] (line 5)");
        assertThat(errors.get(3).message()).contains("9 is out of range").contains("from 1 to 5");
        assertThat(errors.get(4).message()).contains("invalid duration 'PT4X'").contains("PT4H");
        assertThat(errors.get(6).message()).contains("category 'Drugs'").contains("lower-case");
        assertThat(errors.get(7).message()).contains("unknown detector 'phon'").contains("did you mean 'phone'?");
        assertThat(errors.get(10).message()).contains("missing required field 'label'");
        assertThat(errors.get(11).message()).contains("'reach' applies only to action limit");
    }

    @Test
    void invalidYamlSyntaxReportsPosition() {
        List<PolicyError> errors = Yaml.errors("""
                schema: redline/policy-v1
                name: [a, b
                rules: []
                """);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).startsWith("invalid YAML:");
        assertThat(errors.get(0).line()).isEqualTo(3);
    }

    @Test
    void badIndentationReportsTheOffendingLine() {
        List<PolicyError> errors = Yaml.errors("""
                schema: redline/policy-v1
                name: test
                  rules: []
                """);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(8);
            assertThat(e.message()).contains("mapping values are not allowed here");
        });
    }

    @Test
    void missingRequiredTopLevelFieldsAreAllReported() {
        List<PolicyError> errors = Yaml.errors("description: nothing else\n");

        assertThat(errors)
                .extracting(PolicyError::message)
                .containsExactly(
                        "missing required field 'schema': add 'schema: redline/policy-v1' as the first line",
                        "missing required field 'name': give the policy a name such as 'community-default'",
                        "missing required field 'rules': add 'rules:' with a list of rules (it may be empty: rules: [])");
        assertThat(errors).allSatisfy(e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void wrongSchemaIsRejected() {
        List<PolicyError> errors = Yaml.errors("schema: redline/policy-v9\nname: x\nrules: []\n");

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).extracting(PolicyError::line, PolicyError::column).containsExactly(1, 9);
            assertThat(e.message()).contains("unsupported schema 'redline/policy-v9'");
        });
    }

    @Test
    void emptyDocumentIsAnError() {
        assertThat(Yaml.errors("# only a comment\n"))
                .singleElement()
                .extracting(PolicyError::message)
                .asString()
                .contains("the policy is empty");
    }

    @Test
    void documentMustBeAMapping() {
        assertThat(Yaml.errors("- a\n- b\n"))
                .singleElement()
                .extracting(PolicyError::message)
                .asString()
                .contains("expected the policy document");
    }

    @Test
    void duplicateKeysInOneMappingAreErrors() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - id: a
                    action: allow
                    action: block
                    reasonCode: x
                """);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e)
                    .extracting(PolicyError::line, PolicyError::column, PolicyError::path)
                    .containsExactly(6, 5, "rules[0].action");
            assertThat(e.message()).contains("duplicate key 'action' (first defined at line 5)");
        });
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - id: a
                    when:
                      linksPresent: yes please
                      riskScore: 70
                      hits: {count: {atLeast: many}}
                      all: {hits: {}}
                    action: allow
                    reasonCode: x
                """);

        assertThat(errors)
                .extracting(PolicyError::path, PolicyError::message)
                .containsExactly(
                        tuple("rules[0].when.linksPresent", "expected true or false, got the string 'yes please'"),
                        tuple(
                                "rules[0].when.riskScore",
                                "expected a range such as {atLeast: 1} (key: value lines), got the number 70"),
                        tuple(
                                "rules[0].when.hits.count.atLeast",
                                "expected a whole number from 0 to 10000, got the string 'many'"),
                        tuple(
                                "rules[0].when.all",
                                "expected a list of conditions as a list ('- ' items), got a mapping"));
    }

    @Test
    void rangesMustBeNonEmptyAndOrdered() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - id: a
                    when:
                      riskScore: {atLeast: 80, atMost: 20}
                      length: {}
                    action: allow
                    reasonCode: x
                """);

        assertThat(errors)
                .extracting(PolicyError::message)
                .containsExactlyInAnyOrder(
                        "atMost (20) is below atLeast (80): nothing can match this range",
                        "empty range: give atLeast, atMost or both");
    }

    @Test
    void countWithOnlyAtMostZeroPointsToNot() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - {id: a, when: {hits: {category: [ads], count: {atMost: 0}}}, action: allow, reasonCode: x}
                """);

        assertThat(errors)
                .singleElement()
                .extracting(PolicyError::message)
                .isEqualTo(
                        "atMost (0) is below atLeast (1, the default): to require that no hit passes, write not: {hits: {...}}");
    }

    @Test
    void unknownSurfacesAiMarksAndReachesAreErrors() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - id: a
                    surfaces: [coment]
                    when: {aiMark: [certain]}
                    action: limit
                    reach: everyone
                    reasonCode: x
                """);

        assertThat(errors)
                .extracting(PolicyError::message)
                .containsExactly(
                        "unknown surface 'coment': expected one of note, comment, live, profile, prompt, output"
                                + " (did you mean 'comment'?)",
                        "unknown aiMark 'certain': expected one of none, suspected, possible, confirmed",
                        "unknown reach 'everyone': expected one of reduced, author_only");
    }

    @Test
    void deadlinesAreBounded() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - id: a
                    action: review
                    review: {deadline: PT10S}
                    reasonCode: x
                  - id: b
                    action: review
                    review: {deadline: P90D}
                    reasonCode: x
                """);

        assertThat(errors)
                .extracting(PolicyError::message)
                .containsExactly(
                        "deadline PT10S is out of range: use between PT1M and P30D",
                        "deadline P90D is out of range: use between PT1M and P30D");
    }

    @Test
    void defaultActionCannotBeLabel() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                defaults: {action: label}
                rules: []
                """);

        assertThat(errors)
                .singleElement()
                .extracting(PolicyError::message)
                .asString()
                .contains("the default action cannot be 'label'");
    }

    @Test
    void emptyConditionsAndBranchesAreErrors() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - id: a
                    when: {}
                    action: allow
                    reasonCode: x
                  - id: b
                    when: {any: []}
                    action: allow
                    reasonCode: x
                """);

        assertThat(errors)
                .extracting(PolicyError::message)
                .containsExactly(
                        "empty condition: add at least one of all, any, not, hits, riskScore, length, surface, linksPresent,"
                                + " aiDeclared, aiMark, author, suspectedRepost, credential, or remove it to match always",
                        "'any' needs at least one condition");
    }

    @Test
    void emptyFilterListsAreErrors() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - {id: a, when: {hits: {category: [], detector: []}}, action: allow, reasonCode: x}
                """);

        assertThat(errors)
                .extracting(PolicyError::message)
                .containsExactly(
                        "empty category list: name at least one category, or remove 'category' to accept any",
                        "empty detector list: name at least one detector, or remove 'detector' to accept any");
    }

    @Test
    void aliasesAreRejected() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + """
                rules:
                  - id: &x a
                    action: allow
                    reasonCode: *x
                """);

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("rules[0].reasonCode");
            assertThat(e.message()).contains("aliases");
        });
    }

    @Test
    void secondDocumentIsRejected() {
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + "rules: []\n---\nname: other\n");

        assertThat(errors).singleElement().extracting(PolicyError::line).isEqualTo(5);
    }

    @Test
    void tooManyRulesIsAnError() {
        StringBuilder yaml = new StringBuilder(Yaml.HEADER + "rules:\n");
        for (int i = 0; i <= PolicyParser.MAX_RULES; i++) {
            yaml.append("  - {id: r").append(i).append(", action: allow, reasonCode: x}\n");
        }

        List<PolicyError> errors = Yaml.errors(yaml.toString());

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("rules[500]");
            assertThat(e.line()).isEqualTo(504);
            assertThat(e.message()).contains("at most 500 rules");
        });
    }

    @Test
    void oversizedSourceIsRejectedBeforeParsing() throws Exception {
        String huge = Yaml.HEADER + "description: \"" + "x".repeat(PolicyParser.MAX_SOURCE_CHARS) + "\"\nrules: []\n";

        assertThat(Yaml.errors(huge))
                .singleElement()
                .extracting(PolicyError::message)
                .asString()
                .contains("the limit is 262144");
        assertThat(PolicyParser.parse(new StringReader(huge))).isInstanceOf(PolicyParseResult.Invalid.class);
    }

    @Test
    void deepNestingIsBounded() {
        StringBuilder when = new StringBuilder("{hits: {}}");
        for (int i = 0; i < SourceTree.MAX_DEPTH; i++) {
            when.insert(0, "{not: ").append('}');
        }
        List<PolicyError> errors =
                Yaml.errors(Yaml.HEADER + "rules:\n  - {id: a, action: allow, reasonCode: x, when: " + when + "}\n");

        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("nesting is deeper than 32"));
    }

    @Test
    void tooLongListsAreErrors() {
        StringBuilder categories = new StringBuilder();
        for (int i = 0; i <= PolicyParser.MAX_LIST_ITEMS; i++) {
            categories
                    .append(i == 0 ? "" : ", ")
                    .append("c")
                    .append("abcdefghijklmnopqrstuvwxyz".charAt(i % 26))
                    .append("_".repeat(i / 26));
        }
        List<PolicyError> errors = Yaml.errors(Yaml.HEADER + "rules:\n  - {id: a, action: allow, reasonCode: x, "
                + "when: {hits: {category: [" + categories + "]}}}\n");

        assertThat(errors)
                .singleElement()
                .extracting(PolicyError::message)
                .asString()
                .contains("at most 64 items");
    }

    @Test
    void orThrowCarriesEveryError() {
        PolicyParseResult result = PolicyParser.parse("schema: nope\nname: ''\nrules: {}\n");

        assertThatThrownBy(result::orThrow).isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
            assertThat(e.errors()).hasSize(3);
            assertThat(e.getMessage()).startsWith("invalid policy (3 errors):\n1:9 schema: unsupported schema");
        });
    }
}
