package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the sign-in form may send a browser afterwards: console pages on this origin, nothing that resolves elsewhere. */
class SafeNextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/console",
                "/console/queues",
                "/console/tasks/12",
                "/console/audit?action=token.&limit=50",
                "/console/mine?q=%E5%A5%BD",
                "/console/policies/v1.2"
            })
    void consolePagesAreKept(String next) {
        assertThat(Console.safeNext(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/console/%2e%2e/%2e%2e/v1/tokens",
                "/console/%2E%2E/v1/tokens",
                "/console/../v1/tokens",
                "/console/./../v1",
                "/console/..",
                "//evil.example/console",
                "/console//evil.example",
                "https://evil.example/console",
                "/consolex",
                "/console\\..\\v1",
                "/console/%252e%252e/v1",
                "/v1/tokens",
                ""
            })
    void anythingThatCouldResolveOutsideTheConsoleIsDropped(String next) {
        assertThat(Console.safeNext(next)).isEmpty();
    }
}
