package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.audit.AuditQuery;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /v1/rights/datasets} over real HTTP on SQLite and PostgreSQL: who may export, what an export holds. */
class DatasetApiTest {
    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    private static HttpResponse<String> send(TestServer s, String method, String path, String token, String json) {
        return s.send(method, path, token, json == null ? null : json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String post(TestServer s, String token, String author, String text) {
        String body = TestServer.JSON
                .createObjectNode()
                .put("surface", "comment")
                .put("authorId", author)
                .put("text", text)
                .toString();
        HttpResponse<String> r = send(s, "POST", "/v1/contents?wait=true", token, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).path("id").asText();
    }

    private static String spec(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"surfaces\":[\"comment\"],\"from\":\"2020-01-01T00:00:00Z\","
                + "\"until\":\"2100-01-01T00:00:00Z\",\"use\":\"platform_models\"" + extra + "}";
    }

    @ParameterizedTest
    @MethodSource("stores")
    void staffExportOnlyConsentingAllowedItemsOnePerCopyGroupAndCreatorsCannot(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String alice = s.tokens.get(Role.CREATOR);
            String bob = token(s, "bob");
            String carol = token(s, "carol");
            String note = "周末去了城西那家新开的咖啡馆，手冲的耶加雪菲很惊艳。店里人不多，窗边的位置能晒到太阳。";
            assertThat(send(s, "PUT", "/v1/rights/consent", alice, "{\"state\":\"platform_models\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(s, "PUT", "/v1/rights/consent", carol, "{\"state\":\"platform_models\"}")
                            .statusCode())
                    .isEqualTo(200);
            String original = post(s, alice, "alice", note);
            post(s, bob, "bob", "今天的晚霞特别好看，骑车回家的路上停下来拍了好多张照片，分享给大家。");
            post(s, carol, "carol", note + "#探店#");
            String at = Instant.now().toString();

            for (Role role : new Role[] {Role.CREATOR, Role.REVIEWER, Role.AUDITOR, Role.SERVICE}) {
                assertThat(send(
                                        s,
                                        "POST",
                                        "/v1/rights/datasets",
                                        s.tokens.get(role),
                                        "{\"spec\":" + spec("x", "") + "}")
                                .statusCode())
                        .as(role.wireName() + " may not export")
                        .isEqualTo(403);
            }
            assertThat(s.get("/v1/rights/datasets", Role.CREATOR).statusCode()).isEqualTo(403);

            HttpResponse<String> r = send(
                    s,
                    "POST",
                    "/v1/rights/datasets",
                    s.tokens.get(Role.POLICY_EDITOR),
                    "{\"spec\":" + spec("comments", "") + ",\"at\":\"" + at + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode done = TestServer.json(r);
            assertThat(done.path("dataset").path("items").asInt()).isEqualTo(1);
            assertThat(done.path("excluded").path("consent").asInt())
                    .as("bob never consented")
                    .isEqualTo(1);
            assertThat(done.path("excluded").path("copy_group").asInt())
                    .as("carol's repost of alice's note")
                    .isEqualTo(1);
            String version = done.path("dataset").path("version").asText();

            JsonNode read = TestServer.json(s.get("/v1/rights/datasets/comments/" + version, Role.AUDITOR));
            assertThat(read.path("manifest")).singleElement().satisfies(m -> {
                assertThat(m.path("id").asText()).isEqualTo(original);
                assertThat(m.path("authorId").asText()).isEqualTo("alice");
                assertThat(m.path("consentState").asText()).isEqualTo("platform_models");
                assertThat(m.path("copyGroup").asText()).isEqualTo(original);
            });
            assertThat(TestServer.json(s.get("/v1/rights/datasets", Role.ADMIN)).path("items"))
                    .hasSize(1);

            HttpResponse<String> again = send(
                    s,
                    "POST",
                    "/v1/rights/datasets",
                    s.tokens.get(Role.ADMIN),
                    "{\"spec\":" + spec("comments", ",\"onePerCopyGroup\":false") + ",\"at\":\"" + at + "\"}");
            assertThat(again.statusCode()).as("same version, another spec").isEqualTo(409);
            for (String[] bad : new String[][] {
                {"{\"spec\":" + spec("Bad Name", "") + "}", "name"},
                {"{\"spec\":" + spec("ok", ",\"use\":\"denied\"") + "}", "use"},
                {"{\"spec\":" + spec("ok", ",\"colour\":1") + "}", "colour"},
                {"{\"spec\":" + spec("ok", "") + ",\"at\":\"2999-01-01T00:00:00Z\"}", "future"},
                {"{}", "spec is required"}
            }) {
                HttpResponse<String> b = send(s, "POST", "/v1/rights/datasets", s.tokens.get(Role.ADMIN), bad[0]);
                assertThat(b.statusCode()).as(bad[0] + ": " + b.body()).isEqualTo(422);
                assertThat(TestServer.json(b).path("detail").asText()).contains(bad[1]);
            }
            assertThat(s.get("/v1/rights/datasets/comments/nope", Role.ADMIN).statusCode())
                    .isEqualTo(404);
            assertThat(s.server()
                            .audit()
                            .search(new AuditQuery("rights.dataset.export", null, null, null, null, null, null, 10)))
                    .hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aWithdrawalReachesEveryVersionHoldingTheItemAndTheCreatorSeesItHandled(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String alice = s.tokens.get(Role.CREATOR);
            String bob = token(s, "bob");
            assertThat(send(s, "PUT", "/v1/rights/consent", alice, "{\"state\":\"platform_models\"}")
                            .statusCode())
                    .isEqualTo(200);
            String item = post(s, alice, "alice", "今天的晚霞特别好看，骑车回家的路上停下来拍了好多张照片，分享给大家。");
            for (String name : new String[] {"first", "second"}) {
                HttpResponse<String> r = send(
                        s,
                        "POST",
                        "/v1/rights/datasets",
                        s.tokens.get(Role.ADMIN),
                        "{\"spec\":" + spec(name, "") + "}");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
                assertThat(TestServer.json(r).path("dataset").path("items").asInt())
                        .isEqualTo(1);
            }
            assertThat(TestServer.json(s.get("/v1/rights/revocations", Role.CREATOR))
                            .path("items"))
                    .isEmpty();

            assertThat(send(s, "PUT", "/v1/rights/consent/items/" + item, alice, "{\"state\":\"denied\"}")
                            .statusCode())
                    .isEqualTo(200);
            JsonNode mine = TestServer.json(s.get("/v1/rights/revocations", Role.CREATOR))
                    .path("items");
            assertThat(mine).hasSize(2).allSatisfy(r -> {
                assertThat(r.path("itemId").asText()).isEqualTo(item);
                assertThat(r.path("reason").asText()).isEqualTo("consent_withdrawn");
                assertThat(r.path("status").asText()).isEqualTo("handled");
            });
            assertThat(TestServer.json(send(s, "GET", "/v1/rights/revocations", bob, null))
                            .path("items"))
                    .isEmpty();
            assertThat(send(s, "GET", "/v1/rights/revocations?authorId=alice", bob, null)
                            .statusCode())
                    .as("a creator cannot read another creator's revocations")
                    .isEqualTo(403);
            assertThat(TestServer.json(s.get("/v1/rights/revocations?authorId=alice", Role.AUDITOR))
                            .path("items"))
                    .hasSize(2);

            String version = TestServer.json(s.get("/v1/rights/datasets", Role.ADMIN))
                    .path("items")
                    .get(0)
                    .path("version")
                    .asText();
            String name = TestServer.json(s.get("/v1/rights/datasets", Role.ADMIN))
                    .path("items")
                    .get(0)
                    .path("name")
                    .asText();
            String deltaPath = "/v1/rights/datasets/" + name + "/" + version + "/delta";
            assertThat(send(s, "POST", deltaPath, alice, null).statusCode()).isEqualTo(403);
            HttpResponse<String> delta = send(s, "POST", deltaPath, s.tokens.get(Role.POLICY_EDITOR), null);
            assertThat(delta.statusCode()).as(delta.body()).isEqualTo(200);
            assertThat(TestServer.json(delta).path("remove"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.path("itemId").asText()).isEqualTo(item));
            assertThat(s.server()
                            .audit()
                            .search(new AuditQuery(
                                    "rights.dataset.revocations", null, null, null, null, null, null, 10)))
                    .isNotEmpty();
        }
    }

    private static String token(TestServer s, String author) {
        return s.server()
                .tokens()
                .create(new TokenRequest(Role.CREATOR, author, author), "test")
                .secret();
    }
}
