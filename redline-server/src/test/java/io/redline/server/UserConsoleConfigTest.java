package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.server.config.RedlineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code console:} settings: session timeouts and the password hashing cost. */
class UserConsoleConfigTest {

    private static RedlineConfig load(String yaml) throws Exception {
        Path file = Files.createTempFile("redline", ".yaml");
        Files.writeString(file, yaml);
        return RedlineConfig.load(file, Map.of());
    }

    @Test
    void defaultsAreThirtyMinutesIdleTwelveHoursAbsoluteAndOwaspsIterationCount() {
        RedlineConfig.Console c = RedlineConfig.defaults().console();
        assertThat(c.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.sessionAbsolute()).isEqualTo(Duration.ofHours(12));
        assertThat(c.passwordIterations()).isEqualTo(600_000);
    }

    @Test
    void theYamlFileSetsThemAndNonsenseIsRefusedWithTheSettingNamed() throws Exception {
        RedlineConfig c =
                load("console:\n  sessionIdleMinutes: 10\n  sessionAbsoluteHours: 8\n  passwordIterations: 700000\n"
                        + "  secureCookies: true\n");
        assertThat(c.console()).isEqualTo(new RedlineConfig.Console(10, 8, 700_000, true));

        assertThatThrownBy(() -> load("console:\n  passwordIterations: 1000\n"))
                .hasMessageContaining("console.passwordIterations must be 10000..");
        assertThatThrownBy(() -> load("console:\n  sessionIdleMinutes: 0\n"))
                .hasMessageContaining("console.sessionIdleMinutes");
        assertThatThrownBy(() -> load("console:\n  sessionIdleMinutes: 120\n  sessionAbsoluteHours: 1\n"))
                .hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> load("console:\n  sessionTimeout: 5\n"))
                .hasMessageContaining("unknown setting 'console.sessionTimeout'")
                .hasMessageContaining("sessionIdleMinutes");
    }
}
