package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.store.StoreConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The intake API end to end, on SQLite and on a real PostgreSQL. */
class ContentApiTest {

    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", io.redline.store.TestDatabases::sqliteConfig),
                Named.of("postgresql", io.redline.store.TestDatabases::postgresConfig));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void idempotentSubmitReadAndPage(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            byte[] body =
                    "{\"surface\":\"note\",\"authorId\":\"u1\",\"title\":\"武康路散步\",\"text\":\"梧桐叶黄了 🍂\",\"tags\":[\"city walk\"],\"images\":[\"img://a\"]}"
                            .getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> first =
                    s.send("POST", "/v1/contents", s.tokens.get(Role.SERVICE), body, Map.of("Idempotency-Key", "k-1"));
            assertThat(first.statusCode()).isEqualTo(201);
            JsonNode created = TestServer.json(first);
            String id = created.path("id").asText();
            assertThat(first.headers().firstValue("Location")).hasValue("/v1/contents/" + id);
            // The created item is written straight to UTF-8 bytes (Bodies.reply), not through ctx.json.
            assertThat(first.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(created.path("text").asText()).isEqualTo("梧桐叶黄了 🍂");

            HttpResponse<String> replay =
                    s.send("POST", "/v1/contents", s.tokens.get(Role.SERVICE), body, Map.of("Idempotency-Key", "k-1"));
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(stored(TestServer.json(replay))).isEqualTo(stored(created));

            byte[] other = "{\"surface\":\"note\",\"authorId\":\"u1\",\"text\":\"different\"}"
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(s.send(
                                    "POST",
                                    "/v1/contents",
                                    s.tokens.get(Role.SERVICE),
                                    other,
                                    Map.of("Idempotency-Key", "k-1"))
                            .statusCode())
                    .isEqualTo(409);
            assertThat(s.server().intake().count()).isEqualTo(1);

            JsonNode read = TestServer.json(s.get("/v1/contents/" + id, Role.REVIEWER));
            assertThat(stored(read)).isEqualTo(stored(created));
            assertThat(read.path("title").asText()).isEqualTo("武康路散步");

            StringBuilder batch = new StringBuilder("{\"items\":[");
            for (int i = 0; i < 25; i++) {
                if (i > 0) batch.append(',');
                batch.append("{\"surface\":\"comment\",\"authorId\":\"u2\",\"text\":\"评论 ")
                        .append(i)
                        .append("\"}");
            }
            batch.append("]}");
            HttpResponse<String> stored = s.post("/v1/contents:batch", Role.SERVICE, batch.toString());
            assertThat(stored.statusCode()).isEqualTo(201);
            assertThat(TestServer.json(stored).path("items")).hasSize(25);

            List<String> texts = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = TestServer.json(s.get(
                        "/v1/contents?authorId=u2&surface=comment&limit=10"
                                + (cursor == null ? "" : "&cursor=" + cursor),
                        Role.AUDITOR));
                page.path("items").forEach(i -> texts.add(i.path("text").asText()));
                cursor = page.path("nextCursor").isNull()
                        ? null
                        : page.path("nextCursor").asText();
            } while (cursor != null);
            assertThat(texts).hasSize(25).doesNotHaveDuplicates().first().isEqualTo("评论 24");
        }
    }

    /** The stored item without its decision, which the worker may add at any moment. */
    static JsonNode stored(JsonNode content) {
        var copy = content.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(java.util.List.of("status", "decision"));
        return copy;
    }

    @ParameterizedTest
    @MethodSource("stores")
    void adminsManageTokensAndRevocationTakesEffect(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            HttpResponse<String> created = s.post(
                    "/v1/tokens", Role.ADMIN, "{\"role\":\"creator\",\"authorId\":\"zoe\",\"name\":\"zoe's app\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode body = TestServer.json(created);
            String secret = body.path("secret").asText();
            String id = body.path("token").path("id").asText();

            HttpResponse<String> me = s.send("GET", "/v1/me", secret, null, Map.of());
            assertThat(TestServer.json(me).path("authorId").asText()).isEqualTo("zoe");
            assertThat(s.get("/v1/tokens", Role.ADMIN).body()).contains(id).doesNotContain(secret);

            assertThat(s.post("/v1/tokens", Role.ADMIN, "{\"role\":\"creator\"}")
                            .statusCode())
                    .isEqualTo(422);
            assertThat(s.post("/v1/tokens", Role.ADMIN, "{\"role\":\"root\"}").body())
                    .contains("unknown role 'root'");

            assertThat(s.send("DELETE", "/v1/tokens/" + id, s.tokens.get(Role.ADMIN), null, Map.of())
                            .statusCode())
                    .isEqualTo(204);
            assertThat(s.send("GET", "/v1/me", secret, null, Map.of()).statusCode())
                    .isEqualTo(401);
            assertThat(s.send("DELETE", "/v1/tokens/" + id, s.tokens.get(Role.ADMIN), null, Map.of())
                            .statusCode())
                    .isEqualTo(404);
        }
    }
}
