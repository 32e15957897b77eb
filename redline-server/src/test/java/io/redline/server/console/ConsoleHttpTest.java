package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.audit.AuditQuery;
import io.redline.identity.Role;
import io.redline.server.TestServer;
import io.redline.server.config.RedlineConfig;
import io.redline.store.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's protocol, without a browser: sign-in, sessions, CSRF, roles on every console
 * route, redirects and headers. (What a person sees and does is in {@link ConsoleBrowserTest}.)
 */
class ConsoleHttpTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static TestServer server;

    @BeforeAll
    static void start() {
        // Every reviewer verdict is sampled for a blind second review, so the blind page can be tested;
        // cookies are Secure as behind a TLS-terminating proxy (the client here ignores the flag).
        RedlineConfig d = RedlineConfig.defaults();
        RedlineConfig.Review r = d.review();
        server = new TestServer(
                TestDatabases.sqliteConfig(),
                new RedlineConfig(
                        d.server(),
                        d.storage(),
                        d.limits(),
                        d.audit(),
                        d.text(),
                        d.media(),
                        new RedlineConfig.Review(
                                r.minutesPerReview(), r.workerBatchMax(), r.workerIntervalMs(), 0, 1.0),
                        new RedlineConfig.Console(
                                d.console().sessionIdleMinutes(),
                                d.console().sessionAbsoluteHours(),
                                d.console().passwordIterations(),
                                true),
                        d.webhooks()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A cookie jar and the session's CSRF token: one signed-in console user. */
    static final class Client {
        final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(); // never follows redirects
        final Map<String, String> cookies = new LinkedHashMap<>();
        String csrf;

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(server.url(path))).GET());
        }

        HttpResponse<String> post(String path, Map<String, String> form) {
            String body = form.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                    .collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(server.url(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        /** Posts with this session's CSRF token. */
        HttpResponse<String> submit(String path, Map<String, String> form) {
            Map<String, String> all = new LinkedHashMap<>(form);
            all.put("_csrf", csrf);
            return post(path, all);
        }

        HttpResponse<String> send(HttpRequest.Builder b) {
            if (!cookies.isEmpty()) {
                b.header(
                        "Cookie",
                        cookies.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("; ")));
            }
            try {
                HttpResponse<String> r =
                        http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                for (String c : r.headers().allValues("Set-Cookie")) {
                    String pair = c.split(";", 2)[0];
                    String name = pair.substring(0, pair.indexOf('='));
                    String value = pair.substring(pair.indexOf('=') + 1);
                    if (value.isEmpty() || c.contains("Max-Age=0")) cookies.remove(name);
                    else cookies.put(name, value);
                }
                Matcher m = CSRF.matcher(r.body());
                if (m.find() && cookies.containsKey(Console.SESSION_COOKIE)) csrf = m.group(1);
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Signs in with an API token; returns the sign-in response (a redirect). */
        HttpResponse<String> signIn(String token, String next) {
            HttpResponse<String> page = get("/console/login");
            Matcher m = CSRF.matcher(page.body());
            assertThat(m.find()).isTrue();
            Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", m.group(1), "token", token));
            if (next != null) form.put("next", next);
            HttpResponse<String> r = post("/console/login", form);
            get(location(r)); // land on the page, which carries the CSRF token
            return r;
        }

        static Client as(Role role) {
            Client c = new Client();
            c.signIn(server.tokens.get(role), null);
            return c;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String location(HttpResponse<String> r) {
        String l = r.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location on " + r.statusCode() + ": " + r.body()));
        return l.startsWith("http")
                ? URI.create(l).getRawPath()
                        + (URI.create(l).getRawQuery() == null
                                ? ""
                                : "?" + URI.create(l).getRawQuery())
                : l;
    }

    @Test
    void anonymousPagesSendYouToSignInAndBack() {
        Client c = new Client();
        HttpResponse<String> r = c.get("/console/queues");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(location(r)).isEqualTo("/console/login?next=%2Fconsole%2Fqueues");
        HttpResponse<String> signIn = c.signIn(server.tokens.get(Role.REVIEWER), "/console/queues");
        assertThat(location(signIn)).isEqualTo("/console/queues");
        assertThat(c.get("/console/queues").statusCode()).isEqualTo(200);
    }

    @Test
    void signInRefusesForeignFormsBadCredentialsAndOpenRedirects() {
        Client c = new Client();
        assertThat(c.post("/console/login", Map.of("token", server.tokens.get(Role.ADMIN)))
                        .statusCode())
                .isEqualTo(403);
        assertThat(c.cookies).doesNotContainKey(Console.SESSION_COOKIE);

        HttpResponse<String> bad = c.signIn("rl_not-a-real-token", null);
        assertThat(location(bad)).startsWith("/console/login?failed=1");
        assertThat(c.get(location(bad)).body()).contains("id=\"login-failed\"");
        assertThat(c.cookies).doesNotContainKey(Console.SESSION_COOKIE);

        for (String evil :
                new String[] {"//evil.example/", "https://evil.example/console", "/console/../admin", "/consolex"}) {
            Client d = new Client();
            assertThat(location(d.signIn(server.tokens.get(Role.REVIEWER), evil)))
                    .as(evil)
                    .isEqualTo("/console/queues");
        }
    }

    @Test
    void aFloodOfPasswordSignInsIsBoundedAndTheServerKeepsServing() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "nobody" + i;
                answers.add(pool.submit(() -> {
                    Client c = new Client();
                    Matcher m = CSRF.matcher(c.get("/console/login").body());
                    assertThat(m.find()).isTrue();
                    return c.post(
                                    "/console/login",
                                    Map.of("_csrf", m.group(1), "username", name, "password", "wrong password 123"))
                            .statusCode();
                }));
            }
            java.util.Set<Integer> statuses = new java.util.TreeSet<>();
            for (var a : answers) statuses.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS));
            // Refused as wrong (302 back to the form) or told to retry (503): never signed in, never a 500.
            assertThat(statuses).isSubsetOf(302, 503).contains(302);
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.get("/healthz", Role.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndPagesCarrySecurityHeaders() {
        Client c = new Client();
        HttpResponse<String> page = c.get("/console/login");
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> r =
                c.post("/console/login", Map.of("_csrf", m.group(1), "token", server.tokens.get(Role.AUDITOR)));
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(s -> s.startsWith(Console.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie)
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/console")
                .containsIgnoringCase("Secure");
        HttpResponse<String> dash = c.get("/console/dashboard");
        assertThat(dash.statusCode()).isEqualTo(200);
        assertThat(dash.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(dash.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(dash.headers().firstValue("Cache-Control")).contains("no-store");
        // The session secret is stored hashed: the cookie value appears nowhere in the database.
        String secret = c.cookies.get(Console.SESSION_COOKIE);
        long plain = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM console_sessions WHERE secret_sha256 = :s")
                        .bind("s", secret)
                        .mapTo(Long.class)
                        .one());
        assertThat(plain).isZero();
    }

    @Test
    void formPostsNeedTheSessionsCsrfToken() {
        Client c = Client.as(Role.REVIEWER);
        assertThat(c.post("/console/queues/general/claim", Map.of()).statusCode())
                .isEqualTo(403);
        assertThat(c.post("/console/queues/general/claim", Map.of("_csrf", "forged"))
                        .statusCode())
                .isEqualTo(403);
        Client other = Client.as(Role.REVIEWER);
        assertThat(c.post("/console/queues/general/claim", Map.of("_csrf", other.csrf))
                        .statusCode())
                .as("another session's token")
                .isEqualTo(403);
        HttpResponse<String> ok = c.submit("/console/queues/general/claim", Map.of());
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(location(ok)).isEqualTo("/console/queues/general?flash=queue_empty");
    }

    @Test
    void everyConsoleRouteAdmitsExactlyItsRoles() {
        Map<Role, Client> clients = new LinkedHashMap<>();
        for (Role role : Role.values()) clients.put(role, Client.as(role));
        for (ConsoleRoute route : server.server().consoleRoutes()) {
            String path = route.path()
                    .replace("{queue}", "general")
                    .replace("{id}", "1")
                    .replace("{version}", "nope")
                    .replace("{index}", "0")
                    .replace("{lang}", "en")
                    .replace("{file}", "console.css");
            for (Role role : Role.values()) {
                // Sign-in and sign-out change the session itself; their own tests cover them.
                if (route.path().equals("/console/logout") || route.path().equals("/console/login")) continue;
                Client c = clients.get(role);
                HttpResponse<String> r =
                        route.method().name().equals("GET") ? c.get(path) : c.submit(path, Map.of("note", "x"));
                String what = route + " as " + role.wireName() + " -> " + r.statusCode();
                if (route.isPublic() || route.roles().contains(role)) {
                    assertThat(r.statusCode()).as(what).isNotIn(401, 403, 500);
                } else {
                    assertThat(r.statusCode()).as(what).isEqualTo(403);
                    assertThat(r.headers().firstValue("Content-Type").orElse(""))
                            .as(what)
                            .startsWith("text/html");
                }
            }
        }
        Client anonymous = new Client();
        for (ConsoleRoute route : server.server().consoleRoutes()) {
            if (route.isPublic() || !route.method().name().equals("POST")) continue;
            String path = route.path()
                    .replace("{queue}", "general")
                    .replace("{id}", "1")
                    .replace("{version}", "nope")
                    .replace("{index}", "0");
            assertThat(anonymous.post(path, Map.of()).statusCode())
                    .as(route + " anonymous")
                    .isEqualTo(401);
        }
    }

    @Test
    void signingInAgainEndsTheBrowsersPreviousSession() {
        Client c = Client.as(Role.AUDITOR);
        String first = c.cookies.get(Console.SESSION_COOKIE);
        Client copy = new Client(); // someone holding a copy of the first cookie
        copy.cookies.put(Console.SESSION_COOKIE, first);
        assertThat(copy.get("/console/audit").statusCode()).isEqualTo(200);
        // The sign-in page of a signed-in browser also carries the sign-out form; the sign-in form's token is the last
        // one.
        Matcher m = CSRF.matcher(c.get("/console/login").body());
        String formToken = null;
        while (m.find()) formToken = m.group(1);
        assertThat(c.post("/console/login", Map.of("_csrf", formToken, "token", server.tokens.get(Role.AUDITOR)))
                        .statusCode())
                .isEqualTo(302);
        assertThat(c.cookies.get(Console.SESSION_COOKIE)).isNotEqualTo(first);
        assertThat(c.get("/console/audit").statusCode()).isEqualTo(200);
        assertThat(copy.get("/console/audit").statusCode())
                .as("the replaced session")
                .isEqualTo(302);
    }

    @Test
    void signingOutOrRevokingTheTokenEndsTheSession() {
        Client c = Client.as(Role.AUDITOR);
        assertThat(c.get("/console/audit").statusCode()).isEqualTo(200);
        HttpResponse<String> out = c.submit("/console/logout", Map.of());
        assertThat(location(out)).isEqualTo("/console/login");
        assertThat(c.get("/console/audit").statusCode()).isEqualTo(302);

        var issued = server.server()
                .tokenAdmin()
                .issue(
                        new io.redline.identity.TokenRequest(Role.AUDITOR, null, "short-lived"),
                        io.redline.identity.Principal.system("test"));
        Client d = new Client();
        d.signIn(issued.secret(), null);
        assertThat(d.get("/console/audit").statusCode()).isEqualTo(200);
        server.server().tokenAdmin().revoke(issued.info().id(), io.redline.identity.Principal.system("test"));
        assertThat(d.get("/console/audit").statusCode()).isEqualTo(302);

        var logins = server.server().audit().search(AuditQuery.latest().withActionPrefix("console.login"));
        assertThat(logins).isNotEmpty();
        assertThat(server.server().audit().search(AuditQuery.latest().withActionPrefix("console.logout")))
                .isNotEmpty();
    }

    @Test
    void policyEditorsValidateSaveAndActivateFromTheConsoleAndItIsAudited() {
        Client c = Client.as(Role.POLICY_EDITOR);
        assertThat(c.get("/console/policies").body())
                .as("the editor starts from the policy in force")
                .containsPattern("id=\"policy-source\"[^>]*>[^<]*rules:");
        HttpResponse<String> invalid = c.submit(
                "/console/policies",
                Map.of("source", "name: broken\nrules:\n  - id: x\n    action: explode\n", "action", "save"));
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).contains("id=\"policy-errors\"").containsPattern("<code>\\d+:\\d+</code>");

        String yaml = server.server()
                .policies()
                .find(server.server().policies().active().version())
                .orElseThrow()
                .source()
                .replaceFirst("(?m)^name: .*$", "name: console-test");
        HttpResponse<String> valid = c.submit("/console/policies", Map.of("source", yaml, "action", "validate"));
        assertThat(valid.statusCode()).isEqualTo(200);
        assertThat(valid.body()).contains("id=\"policy-valid\"");
        HttpResponse<String> backtest =
                c.submit("/console/policies", Map.of("source", yaml, "action", "backtest", "window", "24h"));
        assertThat(backtest.body()).contains("id=\"backtest\"");
        HttpResponse<String> saved = c.submit("/console/policies", Map.of("source", yaml, "action", "save"));
        assertThat(saved.statusCode()).isEqualTo(303);
        String version = location(saved).replaceFirst("^/console/policies/", "").replaceFirst("\\?.*$", "");
        HttpResponse<String> activated = c.submit("/console/policies/" + version + "/activate", Map.of());
        assertThat(location(activated)).isEqualTo("/console/policies?flash=policy_activated");
        assertThat(server.server().policies().active().version()).isEqualTo(version);
        assertThat(server.server().audit().search(AuditQuery.latest().withActionPrefix("policy.activate")))
                .anySatisfy(e -> assertThat(e.event().details().toString()).contains(version));

        Client reviewer = Client.as(Role.REVIEWER);
        assertThat(reviewer.get("/console/policies").body()).doesNotContain("id=\"policy-editor\""); // view only
        assertThat(reviewer.submit("/console/policies/" + version + "/activate", Map.of())
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void theGatewayPageListsRecentExchangesWithTheirDecisionsForStaff() {
        HttpResponse<String> refused = server.send(
                "POST",
                "/ai/v1/chat/completions",
                server.tokens.get(Role.SERVICE),
                "{\"model\":\"any\",\"user\":\"console-gw-1\",\"messages\":[{\"role\":\"user\",\"content\":\"帮我写网上赌场百家乐的推广\"}]}"
                        .getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        TestServer.eventually(
                "the exchange stored",
                () -> server.server().exchanges().recent("console-gw-1", 1).isEmpty() ? null : true);
        String page = Client.as(Role.AUDITOR)
                .get("/console/gateway?user=console-gw-1")
                .body();
        assertThat(page).contains("id=\"gateway-exchanges\"", "console-gw-1", "prompt_blocked", "prompt_not_allowed");
    }

    @Test
    void theAuditPageSearchesAndVerifiesTheChain() {
        Client c = Client.as(Role.AUDITOR);
        HttpResponse<String> verified = c.get("/console/audit?verify=1");
        assertThat(verified.body()).contains("id=\"verify-result\"").contains("audit chain intact");
        HttpResponse<String> search = c.get("/console/audit?action=console.");
        assertThat(search.body()).contains("console.login");
        assertThat(c.get("/console/audit?action=" + enc("<script>")).statusCode())
                .isEqualTo(400);
    }

    @Test
    void aQualitySampleIsReviewedBlind() {
        String body = "{\"surface\":\"note\",\"authorId\":\"blind1\",\"text\":\"加我电话 138 5555 0000\"}";
        String contentId = TestServer.json(server.post("/v1/contents?wait=true", Role.SERVICE, body))
                .path("id")
                .asText();
        var first = TestServer.eventually(
                "the review task",
                () -> server.server().tasks().tasksOf(Long.parseLong(contentId)).stream()
                        .findFirst()
                        .orElse(null));
        // Take and decide exactly this task (other tests share the queue).
        assertThat(server.post(
                                "/v1/review/tasks/bulk-decide",
                                Role.REVIEWER,
                                "{\"taskIds\":[\"" + first.id() + "\"],\"verdict\":\"reject\",\"reasonCode\":\"spam\"}")
                        .statusCode())
                .isEqualTo(200);
        String firstReviewer =
                server.server().tasks().task(first.id()).orElseThrow().decidedBy();

        var second = server.server()
                .tokenAdmin()
                .issue(
                        new io.redline.identity.TokenRequest(Role.REVIEWER, null, "second pair of eyes"),
                        io.redline.identity.Principal.system("test"));
        Client c = new Client();
        c.signIn(second.secret(), null);
        HttpResponse<String> claim =
                c.submit("/console/queues/" + server.server().tasks().config().qualityQueue() + "/claim", Map.of());
        assertThat(location(claim)).startsWith("/console/tasks/");
        String page = c.get(location(claim)).body();
        assertThat(page).contains("id=\"blind\"").contains("id=\"actions\"").contains("id=\"evidence\"");
        assertThat(page)
                .doesNotContain("id=\"rule-id\"")
                .doesNotContain(">#2<")
                .doesNotContain(firstReviewer)
                .doesNotContain("id=\"other-tasks\"");

        // The dashboard names the reviewer as people know them (the token's name), with the id on hover.
        String dashboard = Client.as(Role.ADMIN).get("/console/dashboard").body();
        assertThat(dashboard).contains("title=\"" + firstReviewer + "\">test reviewer</td>");
    }

    @Test
    void aReportShowsInTheInboxTravelsWithAnEscalationAndIsAnswered() {
        String contentId = TestServer.json(server.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"esc1\",\"text\":\"私聊 138 7777 1234 有货\"}"))
                .path("id")
                .asText();
        var task = TestServer.eventually(
                "the review task",
                () -> server.server().tasks().tasksOf(Long.parseLong(contentId)).stream()
                        .findFirst()
                        .orElse(null));
        String reportText = "<b>spam</b> ring — 拉人进群";
        assertThat(server.post(
                                "/v1/contents/" + contentId + "/reports",
                                Role.AUDITOR,
                                "{\"category\":\"drainage\",\"text\":" + ConsoleFixture.json(reportText) + "}")
                        .statusCode())
                .isEqualTo(201);

        Client reviewer = Client.as(Role.REVIEWER);
        String inbox = reviewer.get("/console/reports").body();
        assertThat(inbox)
                .contains("&lt;b&gt;spam&lt;/b&gt; ring")
                .contains("/console/tasks/" + task.id())
                .doesNotContain("<b>spam</b>");

        claimThroughTheConsole(reviewer, task.queue(), task.id());
        assertThat(reviewer.get("/console/tasks/" + task.id()).body())
                .contains("id=\"content-reports\"")
                .contains("拉人进群");
        HttpResponse<String> escalated =
                reviewer.submit("/console/tasks/" + task.id() + "/escalate", Map.of("note", "repeat offender?"));
        assertThat(location(escalated)).isEqualTo("/console/queues/" + task.queue() + "?flash=escalated");
        String senior = server.server().tasks().config().seniorQueue();
        assertThat(server.server().tasks().task(task.id()).orElseThrow().queue())
                .isEqualTo(senior);

        Client lead = Client.as(Role.ADMIN);
        String seniorPage = lead.get("/console/queues/" + senior).body();
        assertThat(seniorPage).contains("data-task=\"" + task.id() + "\"");
        claimThroughTheConsole(lead, senior, task.id());
        assertThat(lead.get("/console/tasks/" + task.id()).body()).contains("repeat offender?");
        HttpResponse<String> decided = lead.submit(
                "/console/tasks/" + task.id() + "/decide",
                Map.of("verdict", "reject", "reason", "off_platform_contact"));
        assertThat(location(decided)).isEqualTo("/console/queues/" + senior + "?flash=decided");

        assertThat(reviewer.get("/console/reports").body())
                .contains("id=\"answered-reports\"")
                .contains("&lt;b&gt;spam&lt;/b&gt; ring");
        var mine = TestServer.json(server.get("/v1/reports", Role.AUDITOR)).path("items");
        assertThat(mine).anySatisfy(r -> {
            assertThat(r.path("contentId").asText()).isEqualTo(contentId);
            assertThat(r.path("verdict").asText()).isIn("reject", "REJECT");
        });
    }

    /**
     * Claims from the queue page until {@code taskId} comes up (tests share queues), then gives
     * back the others (held until then, so each claim reaches a new task).
     */
    private static void claimThroughTheConsole(Client c, String queue, long taskId) {
        java.util.List<String> skipped = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String at = location(c.submit("/console/queues/" + queue + "/claim", Map.of()));
                assertThat(at)
                        .as("queue " + queue + " ran out before task " + taskId)
                        .startsWith("/console/tasks/");
                if (at.equals("/console/tasks/" + taskId)) return;
                skipped.add(at);
            }
            throw new AssertionError("task " + taskId + " never came up in " + queue);
        } finally {
            for (String at : skipped)
                assertThat(c.submit(at + "/release", Map.of()).statusCode()).isEqualTo(303);
        }
    }

    @Test
    void uploadedImagesShowOnTheTaskPageToStaffAndTheirAuthorOnly() throws Exception {
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(12, 12, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        String boundary = "----console" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n"
                        + "{\"surface\":\"note\",\"authorId\":\"alice\",\"text\":\"图里有我电话 138 0000 4321\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"a.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(png.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.send(
                "POST",
                "/v1/contents?wait=true",
                server.tokens.get(Role.SERVICE),
                body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String contentId = TestServer.json(r).path("id").asText();
        var task = TestServer.eventually(
                "the review task",
                () -> server.server().tasks().tasksOf(Long.parseLong(contentId)).stream()
                        .findFirst()
                        .orElse(null));

        String src = "/console/contents/" + contentId + "/uploads/0";
        Client reviewer = Client.as(Role.REVIEWER);
        assertThat(reviewer.get("/console/tasks/" + task.id()).body()).contains("<img src=\"" + src + "\"");
        HttpResponse<String> image = reviewer.get(src);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(Client.as(Role.CREATOR).get(src).statusCode())
                .as("alice's own image")
                .isEqualTo(200);

        var bobToken = server.server()
                .tokenAdmin()
                .issue(
                        new io.redline.identity.TokenRequest(Role.CREATOR, "bob", "bob"),
                        io.redline.identity.Principal.system("test"));
        Client bob = new Client();
        bob.signIn(bobToken.secret(), null);
        assertThat(bob.get(src).statusCode())
                .as("someone else's image looks absent")
                .isEqualTo(404);
    }

    @Test
    void theTaskPageDrawsTheEvidenceBoxesOverThePicture() throws Exception {
        String boundary = "----console" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\n"
                        + "{\"surface\":\"note\",\"authorId\":\"alice\",\"text\":\"好物分享\"}\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"p.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(io.redline.server.PictureScanApiTest.notePicture("https://m.tb.cn/h.5x9QaZ"));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.send(
                "POST",
                "/v1/contents?wait=true",
                server.tokens.get(Role.SERVICE),
                body.toByteArray(),
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String contentId = TestServer.json(r).path("id").asText();
        assertThat(TestServer.json(r).path("decision").path("action").asText())
                .as(r.body())
                .isEqualTo("review");
        var task = TestServer.eventually(
                "the review task",
                () -> server.server().tasks().tasksOf(Long.parseLong(contentId)).stream()
                        .findFirst()
                        .orElse(null));

        String page =
                Client.as(Role.REVIEWER).get("/console/tasks/" + task.id()).body();

        // Server-rendered SVG: the picture from this origin and one rect per boxed hit, no script, no inline style.
        assertThat(page)
                .contains("<svg class=\"picture\" id=\"picture-0\" viewBox=\"0 0 1080 1440\"")
                .contains("<image href=\"/console/contents/" + contentId + "/uploads/0\"")
                .contains("data-detector=\"qr_code\"")
                .contains("data-detector=\"phone\"")
                .doesNotContain("style=\"");
    }

    @Test
    void unknownThingsAreHtmlErrorPagesNotServerErrors() {
        Client c = Client.as(Role.REVIEWER);
        for (String path : new String[] {
            "/console/tasks/999",
            "/console/tasks/abc",
            "/console/policies/nope",
            "/console/contents/1/uploads/0",
            "/console/queues/" + enc("BAD QUEUE"),
            "/console/no/such/page"
        }) {
            HttpResponse<String> r = c.get(path);
            assertThat(r.statusCode()).as(path).isBetween(400, 499);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as(path)
                    .startsWith("text/html");
        }
        assertThat(c.get("/console/static/nope.js").statusCode()).isEqualTo(404);
        assertThat(c.get("/console/static/console.js")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""))
                .startsWith("text/javascript");
        assertThat(Optional.ofNullable(c.get("/console/lang/zh?next=/console/queues")
                        .headers()
                        .firstValue("Location")
                        .orElse(null)))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console/queues"));
    }

    @Test
    void staffSeeEachCampaignWithItsPoolChartAndACreatorOnlyItsOwnEarnings() {
        var books = server.server().ledger();
        var actor = io.redline.vocabulary.Actor.system("test");
        books.imports()
                .accounts(
                        new java.io.StringReader(
                                "accountId,registeredAt\nalice,2026-11-04T00:00:00Z\nbob,2026-01-01T00:00:00Z\n"),
                        actor);
        books.imports()
                .balances(
                        new java.io.StringReader(
                                "accountId,timestamp,balance\nalice,2026-11-04T00:00:00Z,2500.5\nbob,2026-10-01T00:00:00Z,150000\n"),
                        "USDX",
                        6,
                        actor);
        books.settlement()
                .settleThrough(
                        io.redline.ledger.CampaignYaml.parse(io.redline.server.LedgerApiTest.NOVEMBER),
                        java.time.LocalDate.parse("2026-11-05"),
                        actor);

        HttpResponse<String> campaigns = Client.as(Role.AUDITOR).get("/console/campaigns");
        assertThat(campaigns.statusCode()).isEqualTo(200);
        assertThat(campaigns.body())
                .contains(
                        "id=\"campaign-hold-to-earn-2026-11\"",
                        "<svg class=\"chart\"",
                        "<polyline class=\"pool\"",
                        "2026-11-05")
                .doesNotContain("<script>");
        Client creator = Client.as(Role.CREATOR);
        HttpResponse<String> earnings = creator.get("/console/earnings");
        assertThat(earnings.statusCode()).isEqualTo(200);
        assertThat(earnings.body())
                .contains("id=\"statement-BONUS\"", "100000000", "id=\"statement-USDX\"")
                .doesNotContain("bob");
        assertThat(creator.get("/console/campaigns").statusCode()).isEqualTo(403);
    }
}
