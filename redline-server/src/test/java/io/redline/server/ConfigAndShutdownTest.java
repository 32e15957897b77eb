package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.redline.identity.Tokens;
import io.redline.review.webhooks.EventType;
import io.redline.review.webhooks.WebhookSubscription;
import io.redline.server.config.RedlineConfig;
import io.redline.server.http.Endpoint;
import io.redline.server.http.HttpApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConfigAndShutdownTest {

    @Test
    void yamlOverridesDefaultsAndTheEnvironmentOverridesYaml() throws Exception {
        Path yaml = Files.createTempFile("redline", ".yaml");
        Files.writeString(yaml, """
                server:
                  port: 9090
                  bodyBytesMax: 2048
                limits:
                  batchItemsMax: 7
                """);
        RedlineConfig c = RedlineConfig.load(
                yaml,
                Map.of(
                        "REDLINE_PORT",
                        "9191",
                        "REDLINE_DATA_DIR",
                        "/tmp/x",
                        "REDLINE_DB_URL",
                        "jdbc:postgresql://db:5432/redline"));
        assertThat(c.server().port()).isEqualTo(9191);
        assertThat(c.server().bodyBytesMax()).isEqualTo(2048);
        assertThat(c.limits().batchItemsMax()).isEqualTo(7);
        assertThat(c.limits().textCharsMax())
                .isEqualTo(RedlineConfig.defaults().limits().textCharsMax());
        assertThat(c.storeConfig().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/redline");
        assertThat(RedlineConfig.load(null, Map.of()).storeConfig().jdbcUrl())
                .startsWith("jdbc:sqlite:")
                .endsWith("data/redline.db");
    }

    @Test
    void configurationMistakesNameTheSettingAndTheFix() throws Exception {
        Path yaml = Files.createTempFile("redline", ".yaml");
        Files.writeString(yaml, "server:\n  prot: 1\n");
        assertThatThrownBy(() -> RedlineConfig.load(yaml, Map.of()))
                .hasMessageContaining("unknown setting 'server.prot'")
                .hasMessageContaining("port");
        assertThatThrownBy(() -> RedlineConfig.load(null, Map.of("REDLINE_PORT", "eighty")))
                .hasMessageContaining("REDLINE_PORT must be a number");
        assertThatThrownBy(() -> RedlineConfig.load(null, Map.of("REDLINE_DB_URL", "jdbc:mysql://x")))
                .hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> RedlineConfig.load(Path.of("/nonexistent.yaml"), Map.of()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void webhookSubscriptionsTakeTheirSecretFromTheEnvironment() throws Exception {
        Path yaml = Files.createTempFile("redline", ".yaml");
        Files.writeString(yaml, """
                webhooks:
                  maxAttempts: 6
                  subscriptions:
                    - name: platform
                      url: https://platform.example/hooks/redline
                      secretEnv: PLATFORM_WEBHOOK_SECRET
                    - name: appeals-desk
                      url: http://10.0.0.7:9000/in
                      secret: an-inline-secret-of-enough-length
                      events: [appeal.resolved]
                """);
        RedlineConfig c = RedlineConfig.load(yaml, Map.of("PLATFORM_WEBHOOK_SECRET", "from-the-environment-0123"));
        assertThat(c.webhooks().maxAttempts()).isEqualTo(6);
        List<WebhookSubscription> subs = c.webhookSubscriptions();
        assertThat(subs).extracting(WebhookSubscription::name).containsExactly("platform", "appeals-desk");
        assertThat(subs.get(0).secret()).isEqualTo("from-the-environment-0123");
        assertThat(subs.get(0).events()).containsExactlyInAnyOrder(EventType.DECISION_FINAL, EventType.APPEAL_RESOLVED);
        assertThat(subs.get(1).events()).containsExactly(EventType.APPEAL_RESOLVED);
        assertThat(c.webhooks().toString())
                .doesNotContain("from-the-environment-0123", "an-inline-secret-of-enough-length");
        assertThat(RedlineConfig.defaults().webhookSubscriptions()).isEmpty();

        assertThatThrownBy(() -> RedlineConfig.load(yaml, Map.of()))
                .hasMessageContaining("PLATFORM_WEBHOOK_SECRET")
                .hasMessageContaining("is not set");
    }

    @Test
    void webhookMistakesNameTheSubscriptionAndTheFix() throws Exception {
        assertThatThrownBy(() -> loadWebhook("url: ftp://platform.example/in\n      secret: 0123456789abcdef"))
                .hasMessageContaining("webhooks.subscriptions[0] 'p'")
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> loadWebhook("url: https://platform.example/in\n      secret: too-short"))
                .hasMessageContaining("16..512 characters")
                .hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> loadWebhook("url: https://platform.example/in"))
                .hasMessageContaining("needs a secret");
        assertThatThrownBy(() -> loadWebhook(
                        "url: https://platform.example/in\n      secret: 0123456789abcdef\n      secretEnv: X"))
                .hasMessageContaining("not both");
        assertThatThrownBy(
                        () -> loadWebhook(
                                "url: https://platform.example/in\n      secret: 0123456789abcdef\n      events: [decision.made]"))
                .hasMessageContaining("unknown webhook event 'decision.made'");
        assertThatThrownBy(() -> loadWebhook(
                        "url: https://platform.example/in\n      secret: 0123456789abcdef\n      events: []"))
                .hasMessageContaining("at least one event");
        assertThatThrownBy(() -> loadWebhook(
                        "url: https://platform.example/in\n      secret: 0123456789abcdef\n      retries: 3"))
                .hasMessageContaining("retries");
        Path yaml = Files.createTempFile("redline", ".yaml");
        Files.writeString(yaml, "webhooks:\n  maxAttempts: 0\n");
        assertThatThrownBy(() -> RedlineConfig.load(yaml, Map.of()))
                .hasMessageContaining("webhooks.maxAttempts must be 1..50");
    }

    private static RedlineConfig loadWebhook(String settings) throws Exception {
        Path yaml = Files.createTempFile("redline", ".yaml");
        Files.writeString(yaml, "webhooks:\n  subscriptions:\n    - name: p\n      " + settings + "\n");
        return RedlineConfig.load(yaml, Map.of());
    }

    @Test
    void stoppingWaitsForInFlightRequests() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Endpoint slow = Endpoint.open(HandlerType.GET, "/slow", "test", ctx -> {
            entered.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue(); // in flight until the stop has begun
            ctx.result("finished");
        });
        HttpApi api = new HttpApi(
                List.of(slow),
                new Tokens(null, Clock.systemUTC()),
                RedlineServer.jsonMapper(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                4096,
                4096,
                10_000);
        api.javalin().start("127.0.0.1", 0);
        int port = api.javalin().port();
        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping =
                CompletableFuture.runAsync(() -> api.javalin().stop());
        io.redline.store.Eventually.until(
                "the server to start stopping",
                () -> api.javalin().jettyServer().server().isStopping());
        assertThat(inFlight).isNotDone();
        release.countDown();
        stopping.get(15, TimeUnit.SECONDS);
        HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("finished");
    }
}
