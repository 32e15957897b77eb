package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.server.config.RedlineConfig;
import io.redline.store.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: a server configured with a subscription sends the host platform a signed
 * {@code decision.final} when a reviewer decides over HTTP and an {@code appeal.resolved} when an
 * appeal is decided; an admin lists deliveries and retries a dead letter.
 */
class WebhookApiTest {
    private static final String SECRET = "platform-webhook-secret-0123";
    private static Platform platform;
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        platform = new Platform();
        // One attempt, so a 500 makes a dead letter at once (the backoff is tested with a moving clock in
        // redline-review).
        RedlineConfig config = RedlineConfig.defaults()
                .withWebhooks(new RedlineConfig.Webhooks(
                        1, List.of(new RedlineConfig.Subscription("platform", platform.url(), SECRET, null, null))));
        server = new TestServer(TestDatabases.sqliteConfig(), config);
    }

    @AfterAll
    static void stop() {
        server.close();
        platform.close();
    }

    @Test
    void aReviewerVerdictAndAnAppealOutcomeReachThePlatformSigned() {
        String contentId = reviewNote();
        String taskId = claim(contentId, server.tokens.get(Role.REVIEWER));
        assertThat(decide(taskId, server.tokens.get(Role.REVIEWER), "reject", "off_platform_contact"))
                .isEqualTo(200);

        Platform.Request decided = platform.awaitEvent("decision.final", contentId);
        assertThat(decided.signatureValid())
                .as(decided.header("redline-signature"))
                .isTrue();
        assertThat(decided.header("redline-delivery")).matches("\\d+");
        JsonNode event = decided.json();
        assertThat(decided.header("redline-event-id"))
                .isEqualTo(event.path("id").asText());
        assertThat(event.path("authorId").asText()).isEqualTo("alice");
        assertThat(event.path("decision").path("seq").asInt()).isEqualTo(2);
        assertThat(event.path("decision").path("action").asText()).isEqualTo("block");
        assertThat(event.path("decision").path("reasonCode").asText()).isEqualTo("off_platform_contact");
        assertThat(event.path("decision").path("origin").asText()).isEqualTo("review");
        assertThat(event.path("occurredAt").asText())
                .isEqualTo(event.path("decision").path("decidedAt").asText());

        HttpResponse<String> appeal =
                server.post("/v1/contents/" + contentId + "/appeals", Role.CREATOR, "{\"message\":\"这是店铺客服电话，已删除\"}");
        assertThat(appeal.statusCode()).as(appeal.body()).isEqualTo(201);
        String appealId = TestServer.json(appeal).path("taskId").asText();
        // The reviewer who decided may not take the appeal; another one decides it.
        String other = server.server()
                .tokenAdmin()
                .issue(new TokenRequest(Role.REVIEWER, null, "second reviewer"), Principal.system("test"))
                .secret();
        String appealTask = claim(contentId, other);
        assertThat(appealTask).isEqualTo(appealId);
        assertThat(decide(appealTask, other, "approve", "appeal_granted")).isEqualTo(200);

        Platform.Request resolved = platform.awaitEvent("appeal.resolved", contentId);
        assertThat(resolved.signatureValid()).isTrue();
        JsonNode outcome = resolved.json();
        assertThat(outcome.path("decision").path("seq").asInt()).isEqualTo(3);
        assertThat(outcome.path("decision").path("action").asText()).isEqualTo("allow");
        assertThat(outcome.path("decision").path("origin").asText()).isEqualTo("appeal");
        assertThat(outcome.path("appeal").path("id").asText()).isEqualTo(appealId);
        assertThat(outcome.path("appeal").path("appealedSeq").asInt()).isEqualTo(2);
        assertThat(outcome.path("appeal").path("outcome").asText()).isEqualTo("overturned");

        // The dispatcher records the 2xx just after the platform has it.
        HttpResponse<String> listed = TestServer.eventually("both deliveries recorded as delivered", () -> {
            HttpResponse<String> r = server.get("/v1/webhooks/deliveries?state=delivered&limit=100", Role.ADMIN);
            int mine = 0;
            for (JsonNode d : TestServer.json(r).path("items"))
                if (d.path("contentId").asText().equals(contentId)) mine++;
            return mine == 2 ? r : null;
        });
        assertThat(listed.body()).doesNotContain(SECRET).doesNotContain(platform.url());
        assertThat(TestServer.json(listed).path("items"))
                .filteredOn(d -> d.path("contentId").asText().equals(contentId))
                .extracting(d -> d.path("eventType").asText())
                .containsExactlyInAnyOrder("decision.final", "appeal.resolved");
    }

    @Test
    void aDeadLetterIsRetriedByAnAdmin() {
        platform.answer(500);
        String contentId = reviewNote();
        assertThat(decide(
                        claim(contentId, server.tokens.get(Role.REVIEWER)),
                        server.tokens.get(Role.REVIEWER),
                        "approve",
                        "fine"))
                .isEqualTo(200);

        JsonNode dead = TestServer.eventually(
                "a failed delivery for content " + contentId, () -> delivery("failed", contentId));
        assertThat(dead.path("attempts").asInt()).isEqualTo(1);
        assertThat(dead.path("lastStatus").asInt()).isEqualTo(500);
        assertThat(dead.path("payload").path("type").asText()).isEqualTo("decision.final");
        String id = dead.path("id").asText();

        assertThat(server.post("/v1/webhooks/deliveries/" + id + "/retry", Role.REVIEWER, "")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> retried = server.post("/v1/webhooks/deliveries/" + id + "/retry", Role.ADMIN, "");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(TestServer.json(retried).path("state").asText()).isIn("pending", "delivered");

        Platform.Request arrived = platform.awaitEvent("decision.final", contentId, 2);
        assertThat(arrived.signatureValid()).isTrue();
        TestServer.eventually("the retried delivery to be delivered", () -> delivery("delivered", contentId));
        JsonNode audited = TestServer.json(server.get("/v1/audit?action=webhook.retry", Role.AUDITOR))
                .path("items");
        assertThat(audited)
                .anySatisfy(e -> assertThat(e.path("targetId").asText()).isEqualTo(id));

        HttpResponse<String> again = server.post("/v1/webhooks/deliveries/" + id + "/retry", Role.ADMIN, "");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.json(again).path("detail").asText()).contains("only failed deliveries can be retried");
        assertThat(server.post("/v1/webhooks/deliveries/42/retry", Role.ADMIN, "")
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.post("/v1/webhooks/deliveries/abc/retry", Role.ADMIN, "")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void badListingQueriesAreClientErrors() {
        HttpResponse<String> badState = server.get("/v1/webhooks/deliveries?state=done", Role.ADMIN);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(badState).path("detail").asText()).contains("pending, delivered or failed");
        assertThat(server.get("/v1/webhooks/deliveries?limit=0", Role.ADMIN).statusCode())
                .isEqualTo(400);
        assertThat(server.get("/v1/webhooks/deliveries?limit=lots", Role.ADMIN).statusCode())
                .isEqualTo(400);
        assertThat(server.get("/v1/webhooks/deliveries?limit=501", Role.ADMIN).statusCode())
                .isEqualTo(400);
        assertThat(server.get("/v1/webhooks/deliveries", Role.AUDITOR).statusCode())
                .isEqualTo(403);
        assertThat(server.get("/v1/webhooks/deliveries", Role.ADMIN).statusCode())
                .isEqualTo(200);
    }

    /** A note the default policy sends to review, by alice; waits until its task is open. */
    private static String reviewNote() {
        JsonNode created = TestServer.json(server.post(
                "/v1/contents?wait=true",
                Role.SERVICE,
                "{\"surface\":\"note\",\"authorId\":\"alice\",\"title\":\"周末\",\"text\":\"联系电话 138 0013 8000，全天在线\"}"));
        assertThat(created.path("decision").path("action").asText()).isEqualTo("review");
        return created.path("id").asText();
    }

    /**
     * Claims the open task on the content (from whichever queue holds it; quality samples of other
     * verdicts may sit in other queues); returns its id.
     */
    private static String claim(String contentId, String token) {
        String queue = TestServer.eventually("an open task on content " + contentId, () -> {
            for (JsonNode q : TestServer.json(server.get("/v1/review/queues", Role.REVIEWER))
                    .path("items")) {
                String name = q.path("queue").asText();
                for (JsonNode t : TestServer.json(server.get("/v1/review/queues/" + name + "/tasks", Role.REVIEWER))
                        .path("items")) {
                    if (t.path("contentId").asText().equals(contentId)
                            && !t.path("kind").asText().equals("quality")) return name;
                }
            }
            return null;
        });
        HttpResponse<String> r = server.send("POST", "/v1/review/queues/" + queue + "/claim", token, null, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode task = TestServer.json(r);
        assertThat(task.path("contentId").asText()).isEqualTo(contentId);
        return task.path("id").asText();
    }

    private static int decide(String taskId, String token, String verdict, String reasonCode) {
        return server.send(
                        "POST",
                        "/v1/review/tasks/" + taskId + "/decide",
                        token,
                        ("{\"verdict\":\"" + verdict + "\",\"reasonCode\":\"" + reasonCode + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of())
                .statusCode();
    }

    private static JsonNode delivery(String state, String contentId) {
        for (JsonNode d : TestServer.json(
                        server.get("/v1/webhooks/deliveries?state=" + state + "&limit=500", Role.ADMIN))
                .path("items")) {
            if (d.path("contentId").asText().equals(contentId)) return d;
        }
        return null;
    }

    /** The host platform's receiver: verifies signatures with its own HMAC code, records requests, answers 204 unless scripted. */
    static final class Platform implements AutoCloseable {
        record Request(Map<String, String> headers, String body, boolean signatureValid) {
            String header(String lowerCaseName) {
                return headers.get(lowerCaseName);
            }

            JsonNode json() {
                try {
                    return TestServer.JSON.readTree(body);
                } catch (IOException e) {
                    throw new AssertionError("webhook body is not JSON: " + body, e);
                }
            }
        }

        private final HttpServer http;
        private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final Deque<Integer> script = new ArrayDeque<>();

        Platform() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            http.setExecutor(pool);
            http.createContext("/redline/events", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
                requests.add(new Request(
                        Map.copyOf(headers),
                        new String(body, StandardCharsets.UTF_8),
                        verify(headers.get("redline-signature"), body)));
                int status;
                synchronized (script) {
                    status = script.isEmpty() ? 204 : script.poll();
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/redline/events";
        }

        void answer(int status) {
            synchronized (script) {
                script.add(status);
            }
        }

        Request awaitEvent(String type, String contentId) {
            return awaitEvent(type, contentId, 1);
        }

        /** The {@code nth} request carrying this event type for this content. */
        Request awaitEvent(String type, String contentId, int nth) {
            return TestServer.eventually("webhook " + type + " #" + nth + " for content " + contentId, () -> {
                List<Request> matching = requests.stream()
                        .filter(r -> type.equals(r.header("redline-event"))
                                && contentId.equals(r.json().path("contentId").asText()))
                        .toList();
                return matching.size() >= nth ? matching.get(nth - 1) : null;
            });
        }

        /** What docs/review.md tells receivers to do: HMAC-SHA256 over "<t>.<body>", constant-time comparison. */
        private static boolean verify(String header, byte[] body) {
            if (header == null) return false;
            String t = null, v1 = null;
            for (String part : header.split(",")) {
                if (part.startsWith("t=")) t = part.substring(2);
                else if (part.startsWith("v1=")) v1 = part.substring(3);
            }
            if (t == null || v1 == null) return false;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
                return MessageDigest.isEqual(mac.doFinal(body), HexFormat.of().parseHex(v1));
            } catch (Exception e) {
                return false;
            }
        }

        @Override
        public void close() {
            http.stop(0);
            pool.shutdownNow();
        }
    }
}
