package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Role;
import io.redline.server.TestServer;
import io.redline.server.config.RedlineConfig;
import io.redline.store.TestDatabases;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, finding 2: sixteen wrong password sign-ins at once used to hold both carrier threads
 * of the 2-core machine, so {@code /healthz} and {@code GET /v1/me} took seconds and the sign-in
 * cap never fired. Password checks now run on their own bounded pool: the cap answers 503 with
 * Retry-After, and light reads are answered while the hashing is still going on.
 */
class SignInFloodTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final int SIGN_INS = 16;
    static TestServer server;

    @BeforeAll
    static void start() {
        // About a second per password check on the reference machine, so the hashing visibly outlasts the light reads.
        RedlineConfig d = RedlineConfig.defaults();
        server = new TestServer(
                TestDatabases.sqliteConfig(),
                new RedlineConfig(
                        d.server(),
                        d.storage(),
                        d.limits(),
                        d.audit(),
                        d.text(),
                        d.media(),
                        d.review(),
                        new RedlineConfig.Console(
                                d.console().sessionIdleMinutes(), d.console().sessionAbsoluteHours(), 4_000_000, false),
                        d.webhooks()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One would-be user's sign-in form: its double-submit cookie and the form token. */
    private record Form(String cookie, String csrf) {}

    @Test
    void aBurstOfWrongSignInsIsCappedWith503AndLightReadsAnswerWhileItHashes() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Form> forms = new ArrayList<>();
        for (int i = 0; i < SIGN_INS; i++) {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(server.url("/console/login")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).isTrue();
            forms.add(new Form(
                    page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0], m.group(1)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(SIGN_INS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < SIGN_INS; i++) {
                Form f = forms.get(i);
                String body =
                        "_csrf=" + enc(f.csrf()) + "&username=nobody" + i + "&password=" + enc("wrong password 123");
                answers.add(pool.submit(() -> {
                    go.await();
                    return http.send(
                            HttpRequest.newBuilder(URI.create(server.url("/console/login")))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Cookie", f.cookie())
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                }));
            }
            go.countDown();
            var passwords = server.server().passwordWork();
            TestServer.eventually("both password threads hashing", () -> passwords.running() == 2 ? true : null);

            // Light reads while the first two hashes run (about a second each): every one is answered before
            // either hash finishes. Before the fix they queued for a carrier thread behind the hashes.
            for (int i = 0; i < 3; i++) {
                assertThat(server.send("GET", "/healthz", null, null, java.util.Map.of())
                                .statusCode())
                        .isEqualTo(200);
                assertThat(server.get("/v1/me", Role.REVIEWER).statusCode()).isEqualTo(200);
            }
            assertThat(passwords.completed())
                    .as("password checks finished before the light reads were answered")
                    .isZero();

            List<Integer> statuses = new ArrayList<>();
            for (var a : answers) {
                HttpResponse<String> r = a.get(60, TimeUnit.SECONDS);
                statuses.add(r.statusCode());
                if (r.statusCode() == 503) {
                    assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
                    assertThat(r.headers().firstValue("Content-Type").orElse(""))
                            .startsWith("text/html");
                }
            }
            // Two hash, two wait, the rest are told to come back; nobody signs in and nothing fails.
            assertThat(statuses).containsOnly(302, 503);
            assertThat(statuses.stream().filter(s -> s == 302).count()).isBetween(2L, 4L);
            assertThat(statuses.stream().filter(s -> s == 503).count()).isGreaterThanOrEqualTo(SIGN_INS - 4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.send("GET", "/metrics", null, null, java.util.Map.of())
                        .body())
                .containsPattern("redline_compute_refused_total\\{pool=\"password\"} [1-9]");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
