package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScreenAndAuditApiTest extends SharedServerTest {

    @Test
    void screeningPointsAtWhatTheAuthorWrote() {
        String text = "喜欢的话加 微 信 xiaomei_8866 哦";
        HttpResponse<String> r = server.post("/v1/screen", Role.REVIEWER, "{\"text\":\"" + text + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = TestServer.json(r);
        assertThat(body.path("riskScore").asInt()).isPositive();
        assertThat(body.path("hits")).anySatisfy(h -> {
            assertThat(h.path("category").asText()).isEqualTo("drainage");
            String span = text.substring(h.path("start").asInt(), h.path("end").asInt());
            assertThat(span).isNotBlank();
        });
        assertThat(TestServer.json(server.post("/v1/screen", Role.SERVICE, "{\"text\":\"今天天气真好，去公园散步\"}"))
                        .path("hits"))
                .isEmpty();
        assertThat(server.post("/v1/screen", Role.SERVICE, "{}").statusCode()).isEqualTo(422);
        assertThat(server.post("/v1/screen", Role.SERVICE, "{\"text\":\"" + "x".repeat(20_001) + "\"}")
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void tokenChangesAreAuditedAndTheChainVerifies() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        HttpResponse<String> created =
                server.post("/v1/tokens", Role.ADMIN, "{\"role\":\"reviewer\",\"name\":\"night shift\"}");
        String id = TestServer.json(created).path("token").path("id").asText();
        server.send("DELETE", "/v1/tokens/" + id, server.tokens.get(Role.ADMIN), null, java.util.Map.of());

        JsonNode page =
                TestServer.json(server.get("/v1/audit?action=token.&targetType=token&targetId=" + id, Role.AUDITOR));
        assertThat(page.path("items"))
                .extracting(e -> e.path("action").asText())
                .containsExactly("token.revoke", "token.create");
        assertThat(page.path("items").get(1).path("details").path("name").asText())
                .isEqualTo("night shift");
        assertThat(page.path("items").get(1).path("details").toString()).doesNotContain("rl_");

        JsonNode verify = TestServer.json(server.get("/v1/audit/verify", Role.AUDITOR));
        assertThat(verify.path("ok").asBoolean()).as(verify.toString()).isTrue();

        JsonNode anchor = TestServer.json(
                server.send("POST", "/v1/audit/anchors", server.tokens.get(Role.AUDITOR), null, java.util.Map.of()));
        assertThat(anchor.path("anchors")).as("every chain's head").hasSize(1);
        assertThat(anchor.path("anchors").get(0).path("seq").asLong())
                .isEqualTo(anchor.path("seq").asLong());
        String anchorJson = URLEncoder.encode(anchor.path("anchor").asText(), StandardCharsets.UTF_8);
        assertThat(TestServer.json(server.get("/v1/audit/verify?anchor=" + anchorJson, Role.AUDITOR))
                        .path("ok")
                        .asBoolean())
                .isTrue();

        HttpResponse<String> export = server.get(
                "/v1/audit/export?from=" + before + "&to=" + Instant.now().plusSeconds(5), Role.AUDITOR);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        assertThat(export.body().lines())
                .anySatisfy(l -> assertThat(l).contains("token.create").contains("\"hash\""));
        assertThat(server.get("/v1/audit/export?from=yesterday&to=today", Role.AUDITOR)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void tamperingWithTheStoredChainIsReportedWithTheBrokenEntry() {
        server.post("/v1/tokens", Role.ADMIN, "{\"role\":\"auditor\",\"name\":\"a\"}");
        server.post("/v1/tokens", Role.ADMIN, "{\"role\":\"auditor\",\"name\":\"b\"}");
        long seq = server.server()
                .database()
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT max(seq) FROM audit_entries")
                        .mapTo(Long.class)
                        .one());
        server.server()
                .database()
                .jdbi()
                .useHandle(h -> h.execute("UPDATE audit_entries SET action = 'token.revoke' WHERE seq = ?", seq - 1));
        JsonNode verify = TestServer.json(server.get("/v1/audit/verify", Role.AUDITOR));
        assertThat(verify.path("ok").asBoolean()).isFalse();
        assertThat(verify.path("brokenSeq").asLong()).isEqualTo(seq - 1);
        // put it back so the other tests see an intact chain
        server.server()
                .database()
                .jdbi()
                .useHandle(h -> h.execute("UPDATE audit_entries SET action = 'token.create' WHERE seq = ?", seq - 1));
    }
}
