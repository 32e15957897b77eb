package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.CredentialStatus;
import io.redline.vocabulary.Surface;
import org.junit.jupiter.api.Test;

/** The {@code credential} condition: the Content Credentials of a content's uploaded images. */
class CredentialConditionTest {

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
    void aStatusListHoldsWhenAnyImagesCredentialIsInOneOfTheStates() {
        Policy p = blockWhen("{credential: [tampered, unsigned]}");

        assertThat(holds(p, In.on(Surface.NOTE).credential(CredentialStatus.TAMPERED, null)))
                .isTrue();
        assertThat(holds(
                        p,
                        In.on(Surface.NOTE)
                                .credential(CredentialStatus.VALID, null)
                                .credential(CredentialStatus.UNSIGNED, null)))
                .isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).credential(CredentialStatus.VALID, null)))
                .isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).credential(CredentialStatus.UNTRUSTED, null)))
                .isFalse();
        assertThat(holds(p, In.on(Surface.NOTE))).as("no credential at all").isFalse();
        assertThat(holds(
                        blockWhen("{credential: valid}"), In.on(Surface.NOTE).credential(CredentialStatus.VALID, null)))
                .as("a single status is a one-item list")
                .isTrue();
    }

    @Test
    void statusAndSourceTypeMustHoldForTheSameImage() {
        Policy p = blockWhen("{credential: {status: [tampered], sourceType: [digitalCapture]}}");

        assertThat(holds(p, In.on(Surface.NOTE).credential(CredentialStatus.TAMPERED, "digitalCapture")))
                .isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).credential(CredentialStatus.TAMPERED, "trainedAlgorithmicMedia")))
                .isFalse();
        assertThat(holds(p, In.on(Surface.NOTE).credential(CredentialStatus.TAMPERED, null)))
                .isFalse();
        assertThat(holds(
                        p,
                        In.on(Surface.NOTE)
                                .credential(CredentialStatus.TAMPERED, "trainedAlgorithmicMedia")
                                .credential(CredentialStatus.VALID, "digitalCapture")))
                .as("one image tampered, another a capture: not the same image")
                .isFalse();
    }

    @Test
    void notValidHoldsForContentWithoutCredentialsToo() {
        Policy p = blockWhen("{not: {credential: [valid]}}");

        assertThat(holds(p, In.on(Surface.NOTE))).isTrue();
        assertThat(holds(p, In.on(Surface.NOTE).credential(CredentialStatus.VALID, null)))
                .isFalse();
    }

    @Test
    void mistakesAreNamedWithTheirPath() {
        assertThat(Yaml.errors(Yaml.HEADER + """
                        rules:
                          - id: r
                            when: {credential: [tamperd]}
                            action: block
                            reasonCode: x
                        """))
                .anyMatch(e -> e.path().equals("rules[0].when.credential[0]")
                        && e.message().contains("unknown credential status 'tamperd'")
                        && e.message().contains("tampered"));
        assertThat(Yaml.errors(Yaml.HEADER + """
                        rules:
                          - id: r
                            when: {credential: {sourceType: [digitalCapture]}}
                            action: block
                            reasonCode: x
                        """)).anyMatch(e -> e.message().contains("needs 'status'"));
        assertThat(Yaml.errors(Yaml.HEADER + """
                        rules:
                          - id: r
                            when: {credential: {status: tampered, sourceType: "http://cv.iptc.org/x"}}
                            action: block
                            reasonCode: x
                        """))
                .anyMatch(e -> e.path().equals("rules[0].when.credential.sourceType")
                        && e.message().contains("short IPTC digital source type"));
    }

    @Test
    void theSourceTypeOrderDoesNotChangeTheVersion() {
        Policy a =
                blockWhen("{credential: {status: [tampered, unsigned], sourceType: [digitalCapture, screenCapture]}}");
        Policy b =
                blockWhen("{credential: {sourceType: [screenCapture, digitalCapture], status: [unsigned, tampered]}}");
        assertThat(a.version()).isEqualTo(b.version());
        assertThat(blockWhen("{credential: [tampered]}").version()).isNotEqualTo(a.version());
    }
}
