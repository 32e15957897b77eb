package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Test helpers around {@link PolicyParser}. */
final class Yaml {
    static final String HEADER = """
            schema: redline/policy-v1
            name: test
            """;

    private Yaml() {}

    /** Parses a full document that must be valid. */
    static Policy policy(String yaml) {
        PolicyParseResult result = PolicyParser.parse(yaml);
        assertThat(result).as("parse result").isInstanceOf(PolicyParseResult.Valid.class);
        return result.orThrow();
    }

    /** The header plus {@code rules:} followed by the given rule list text. */
    static Policy rules(String rulesYaml) {
        return policy(HEADER + "rules:\n" + rulesYaml);
    }

    /** Parses a document that must be invalid and returns its errors. */
    static List<PolicyError> errors(String yaml) {
        PolicyParseResult result = PolicyParser.parse(yaml);
        assertThat(result).as("parse result").isInstanceOf(PolicyParseResult.Invalid.class);
        return ((PolicyParseResult.Invalid) result).errors();
    }
}
