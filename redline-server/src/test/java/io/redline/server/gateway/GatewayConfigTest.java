package io.redline.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.gateway.GatewayConfig;
import io.redline.server.config.RedlineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code gateway:} settings as an operator writes them (docs/gateway.md). */
class GatewayConfigTest {

    private static RedlineConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = Files.createTempFile("redline", ".yaml");
        Files.writeString(file, yaml);
        return RedlineConfig.load(file, env);
    }

    @Test
    void upstreamsAreReadWithTheirKeyFromTheEnvironmentAndNeverPrintIt() throws Exception {
        RedlineConfig c = load("""
                gateway:
                  upstreams:
                    - name: local
                      baseUrl: http://127.0.0.1:8000/v1
                      apiKeyEnv: LOCAL_LLM_KEY
                      models: ["*"]
                      timeoutMs: 60000
                  minors: {dailyRequestsMax: 5}
                """, Map.of("LOCAL_LLM_KEY", "sk-secret-123"));
        GatewayConfig.Upstream u = c.gateway().upstreams().getFirst();
        assertThat(u.apiKey()).isEqualTo("sk-secret-123");
        assertThat(u.serves("anything")).isTrue();
        assertThat(u.toString()).doesNotContain("sk-secret-123");
        assertThat(c.gateway().minors().dailyRequestsMax()).isEqualTo(5);
        assertThat(c.gateway().minors().header())
                .isEqualTo("X-Redline-Minor"); // the rest of the section keeps its defaults
        assertThat(c.gateway().labels())
                .extracting(GatewayConfig.Label::language)
                .containsExactly("zh", "en");
    }

    @Test
    void mistakesStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> load("""
                gateway:
                  upstreams:
                    - {name: local, baseUrl: http://127.0.0.1:8000/v1, apiKeyEnv: MISSING_KEY, models: ["*"], timeoutMs: 60000}
                """, Map.of()))
                .hasMessageContaining("MISSING_KEY")
                .hasMessageContaining("is not set");
        assertThatThrownBy(() -> load("""
                gateway:
                  upstreams:
                    - {name: local, baseUrl: "ftp://x", models: ["*"], timeoutMs: 60000}
                """, Map.of()))
                .hasMessageContaining("gateway.upstreams[0].baseUrl must be an http:// or https:// URL");
        assertThatThrownBy(() ->
                        load("gateway: {upstreams: [{name: a, baseUrl: 'http://a/v1', timeoutMs: 10}]}", Map.of()))
                .hasMessageContaining("timeoutMs must be 100..3600000");
        assertThatThrownBy(() -> load("gateway: {upstream: []}", Map.of()))
                .hasMessageContaining("unknown setting 'gateway.upstream'");
        assertThatThrownBy(() -> load("gateway: {retention: {textDays: 90, logDays: 365}}", Map.of()))
                .hasMessageContaining("gateway.retention.textDays must be 180..36500");
        assertThatThrownBy(() -> load("gateway: {retention: {textDays: 365, logDays: 200}}", Map.of()))
                .hasMessageContaining("gateway.retention.logDays must be textDays..36500");
    }

    @Test
    void theLabelFollowsAcceptLanguageAndFallsBackToTheDefault() {
        GatewayConfig d = GatewayConfig.defaults();
        assertThat(d.label("en-US,en;q=0.9").language()).isEqualTo("en");
        assertThat(d.label("fr-FR").language()).isEqualTo("zh");
        assertThat(d.label(null).language()).isEqualTo("zh");
        assertThat(new GatewayConfig(List.of(), "p", true, "en", d.labels(), d.limits(), d.minors(), null)
                        .label("de")
                        .language())
                .isEqualTo("en");
    }
}
