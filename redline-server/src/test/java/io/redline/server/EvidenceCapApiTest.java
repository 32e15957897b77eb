package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, finding 5: a text of hundreds of contact numbers stored hundreds of evidence hits on
 * one decision (up to 292 KB) and a batch answered 33 MB. Evidence is capped per decision, the
 * decisive and most severe kept, and the total count kept beside it. On both databases.
 */
class EvidenceCapApiTest {

    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aDecisionKeepsAtMostFiftyHitsAndTheirTotal(Supplier<StoreConfig> store) {
        try (TestServer server = new TestServer(store.get())) {
            String text = "加微信 xiaomei_8866 电话 13800138000 ".repeat(300);
            StringBuilder batch = new StringBuilder("{\"items\":[");
            for (int i = 0; i < 20; i++) {
                if (i > 0) batch.append(',');
                batch.append("{\"surface\":\"comment\",\"authorId\":\"spam\",\"text\":\"")
                        .append(text)
                        .append("\"}");
            }
            var r = server.post(
                    "/v1/contents:batch?wait=true",
                    Role.SERVICE,
                    batch.append("]}").toString());
            assertThat(r.statusCode())
                    .as(r.body().substring(0, Math.min(500, r.body().length())))
                    .isEqualTo(201);
            // 20 items of 10 KB each: the answer stays near their size, not hundreds of hits each.
            assertThat(r.body().length()).isLessThan(20 * (text.length() * 3 + 50 * 400));
            for (JsonNode item : TestServer.json(r).path("items")) {
                JsonNode d = item.path("decision");
                assertThat(d.path("evidence").size()).isEqualTo(50);
                assertThat(d.path("evidenceTotal").asInt()).isGreaterThanOrEqualTo(600);
                assertThat(d.path("evidence").findValues("decisive").stream().anyMatch(JsonNode::asBoolean))
                        .isTrue();
            }
            String id = TestServer.json(r).path("items").get(0).path("id").asText();
            JsonNode stored = TestServer.json(server.get("/v1/contents/" + id + "/decisions", Role.AUDITOR))
                    .path("items")
                    .get(0);
            assertThat(stored.path("evidence").size()).isEqualTo(50);
            assertThat(stored.path("evidenceTotal").asInt()).isGreaterThanOrEqualTo(600);
        }
    }
}
