package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.store.StoreConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decisions, policies, backtest and rescreen through the API. */
class DecisionApiTest {

    static final String STRICT_POLICY = """
            schema: redline/policy-v1
            name: strict-comments
            defaults: {action: allow, reasonCode: ok}
            rules:
              - id: any-drainage-review
                when: {hits: {category: [drainage]}}
                action: review
                reasonCode: check_contact
                review: {queue: contact, priority: 2, deadline: PT2H}
              - id: long-comments-review
                surfaces: [comment]
                when: {length: {atLeast: 4}}
                action: review
                reasonCode: long_comment
            """;

    @ParameterizedTest
    @MethodSource("io.redline.server.ContentApiTest#stores")
    void waitReturnsTheDecisionWithEvidenceAndTheAuthorSeesOnlyTheOutcome(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String text = "喜欢的话加 微 信 xiaomei_8866 哦";
            HttpResponse<String> r = s.post(
                    "/v1/contents?wait=true",
                    Role.SERVICE,
                    "{\"surface\":\"comment\",\"authorId\":\"alice\",\"text\":\"" + text + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode body = TestServer.json(r);
            assertThat(body.path("status").asText()).isEqualTo("decided");
            JsonNode d = body.path("decision");
            assertThat(d.path("action").asText()).isEqualTo("block");
            assertThat(d.path("reasonCode").asText()).isNotBlank();
            assertThat(d.path("policyVersion").asText()).hasSize(64);
            assertThat(d.path("evidence")).anySatisfy(e -> {
                assertThat(e.path("field").asText()).isEqualTo("text");
                assertThat(e.path("category").asText()).isEqualTo("drainage");
                assertThat(text.substring(e.path("start").asInt(), e.path("end").asInt()))
                        .isNotBlank();
            });

            String id = body.path("id").asText();
            JsonNode asAuthor =
                    TestServer.json(s.get("/v1/contents/" + id, Role.CREATOR)).path("decision");
            assertThat(asAuthor.path("action").asText()).isEqualTo("block");
            assertThat(asAuthor.has("ruleId")).isFalse();
            assertThat(asAuthor.has("evidence")).isFalse();
            assertThat(s.get("/v1/contents/" + id + "/decisions", Role.CREATOR).statusCode())
                    .isEqualTo(403);
            assertThat(TestServer.json(s.get("/v1/contents/" + id + "/decisions", Role.REVIEWER))
                            .path("items"))
                    .hasSize(1);
        }
    }

    @Test
    void withoutWaitTheWorkerDecidesSoon() throws Exception {
        try (TestServer s = new TestServer(io.redline.store.TestDatabases.sqliteConfig())) {
            JsonNode created = TestServer.json(s.post(
                    "/v1/contents", Role.SERVICE, "{\"surface\":\"live\",\"authorId\":\"u1\",\"text\":\"主播好！\"}"));
            String id = created.path("id").asText();
            JsonNode now = TestServer.eventually("the worker to decide " + id, () -> {
                JsonNode c = TestServer.json(s.get("/v1/contents/" + id, Role.SERVICE));
                return c.path("status").asText().equals("decided") ? c : null;
            });
            assertThat(now.path("status").asText()).isEqualTo("decided");
            assertThat(now.path("decision").path("action").asText()).isEqualTo("allow");
            assertThat(now.path("decision").path("origin").asText()).isEqualTo("worker");
        }
    }

    @Test
    void policiesAreValidatedWithPositionsActivatedWithAuditAndBacktestedBeforehand() {
        try (TestServer s = new TestServer(io.redline.store.TestDatabases.sqliteConfig())) {
            for (String t : new String[] {"好看", "求店名！拍得真好看", "加我微信 abc_12345 私聊"}) {
                s.post(
                        "/v1/contents?wait=true",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"u2\",\"text\":\"" + t + "\"}");
            }
            String broken = STRICT_POLICY.replace(
                    "action: review\n    reasonCode: long_comment", "action: blok\n    reasonCode: long_comment");
            HttpResponse<String> invalid = s.send(
                    "POST",
                    "/v1/policies",
                    s.tokens.get(Role.POLICY_EDITOR),
                    broken.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/yaml"));
            assertThat(invalid.statusCode()).isEqualTo(422);
            JsonNode error = TestServer.json(invalid).path("errors").get(0);
            assertThat(error.path("line").asInt()).isEqualTo(13);
            assertThat(error.path("column").asInt()).isEqualTo(13);
            assertThat(error.path("message").asText()).contains("blok");

            JsonNode validation = TestServer.json(s.send(
                    "POST",
                    "/v1/policies:validate",
                    s.tokens.get(Role.POLICY_EDITOR),
                    STRICT_POLICY.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/yaml")));
            assertThat(validation.path("valid").asBoolean()).isTrue();

            JsonNode report = TestServer.json(s.post(
                    "/v1/policies/backtest",
                    Role.POLICY_EDITOR,
                    "{\"source\":" + TestServer.JSON.valueToTree(STRICT_POLICY) + ",\"since\":\"1d\",\"sample\":5}"));
            assertThat(report.path("examined").asLong()).isEqualTo(3);
            assertThat(report.path("candidate").path("REVIEW").asLong()).isEqualTo(2);
            assertThat(report.path("reviewMinutesDelta").asDouble()).isEqualTo(2 * 2.0);

            HttpResponse<String> stored = s.send(
                    "POST",
                    "/v1/policies",
                    s.tokens.get(Role.POLICY_EDITOR),
                    STRICT_POLICY.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/yaml"));
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
            String version = TestServer.json(stored).path("version").asText();
            assertThat(s.post("/v1/policies/" + version + "/activate", Role.REVIEWER, "")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(s.post("/v1/policies/" + version + "/activate", Role.POLICY_EDITOR, "")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(TestServer.json(s.get("/v1/policies", Role.AUDITOR))
                            .path("active")
                            .path("version")
                            .asText())
                    .isEqualTo(version);
            assertThat(TestServer.json(s.get("/v1/audit?action=policy.activate", Role.AUDITOR))
                            .path("items"))
                    .isNotEmpty();

            JsonNode rescreen = TestServer.json(s.post("/v1/rescreen", Role.POLICY_EDITOR, "{\"since\":\"1h\"}"));
            assertThat(rescreen.path("examined").asLong()).isEqualTo(3);
            assertThat(rescreen.path("changed").asLong()).isEqualTo(2);
            assertThat(s.post("/v1/rescreen", Role.POLICY_EDITOR, "{\"since\":\"last tuesday\"}")
                            .statusCode())
                    .isEqualTo(422);
            assertThat(s.post("/v1/policies/nope/activate", Role.POLICY_EDITOR, "")
                            .statusCode())
                    .isEqualTo(404);
        }
    }
}
