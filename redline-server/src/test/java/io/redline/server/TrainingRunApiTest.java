package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.audit.AuditQuery;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.server.config.RedlineConfig;
import io.redline.store.StoreConfig;
import io.redline.store.TestClock;
import io.redline.store.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Usage credits end to end over real HTTP on SQLite and PostgreSQL: a dataset is exported, a
 * training run registers it, the day ends, a royalty campaign paying by training credits settles
 * it, and each creator's statement shows their share — exact to the minor unit.
 */
class TrainingRunApiTest {
    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    private static HttpResponse<String> send(TestServer s, String method, String path, String token, String body) {
        return s.send(method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
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

    @ParameterizedTest
    @MethodSource("stores")
    void aRegisteredRunPaysItsCreatorsByTheirCreditsOnceTheDayIsSettled(Supplier<StoreConfig> store) {
        TestClock clock = TestClock.wall();
        try (TestServer s = new TestServer(store.get(), RedlineConfig.defaults(), clock)) {
            String alice = s.tokens.get(Role.CREATOR);
            String bob = token(s, "bob");
            String service = s.tokens.get(Role.SERVICE);
            for (String t : new String[] {alice, bob}) {
                assertThat(send(s, "PUT", "/v1/rights/consent", t, "{\"state\":\"platform_models\"}")
                                .statusCode())
                        .isEqualTo(200);
            }
            post(s, alice, "alice", "周末去了城西那家新开的咖啡馆，手冲的耶加雪菲很惊艳。店里人不多，窗边的位置能晒到太阳。");
            post(s, alice, "alice", "今天的晚霞特别好看，骑车回家的路上停下来拍了好多张照片，分享给大家。");
            post(
                    s,
                    bob,
                    "bob",
                    "Three weeks of sourdough experiments: hydration, starter age and the oven trick that worked.");
            HttpResponse<String> exported = send(
                    s,
                    "POST",
                    "/v1/rights/datasets",
                    s.tokens.get(Role.ADMIN),
                    "{\"spec\":{\"name\":\"notes\",\"surfaces\":[\"comment\"],\"from\":\"2020-01-01T00:00:00Z\","
                            + "\"until\":\"2100-01-01T00:00:00Z\",\"use\":\"platform_models\"}}");
            assertThat(exported.statusCode()).as(exported.body()).isEqualTo(201);
            String version =
                    TestServer.json(exported).path("dataset").path("version").asText();
            assertThat(TestServer.json(exported).path("dataset").path("items").asInt())
                    .isEqualTo(3);

            String run = "{\"runId\":\"run-1\",\"dataset\":\"notes\",\"version\":\"" + version
                    + "\",\"model\":\"notes-lm\"}";
            assertThat(send(s, "POST", "/v1/rights/training-runs", alice, run).statusCode())
                    .as("a creator cannot register runs")
                    .isEqualTo(403);
            HttpResponse<String> registered = send(s, "POST", "/v1/rights/training-runs", service, run);
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            assertThat(TestServer.json(registered).path("day").asText()).isEqualTo(today.toString());
            assertThat(TestServer.json(registered).path("items").asInt()).isEqualTo(3);
            assertThat(send(s, "POST", "/v1/rights/training-runs", service, run).statusCode())
                    .as("a retried registration is the run as it is")
                    .isEqualTo(200);
            assertThat(send(s, "POST", "/v1/rights/training-runs", service, run.replace("notes-lm", "other"))
                            .statusCode())
                    .isEqualTo(409);
            assertThat(send(s, "POST", "/v1/rights/training-runs", service, run.replace(version, "19990101T000000000Z"))
                            .statusCode())
                    .isEqualTo(404);
            HttpResponse<String> bad = send(s, "POST", "/v1/rights/training-runs", service, "{\"runId\":\"../x\"}");
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(422);
            assertThat(TestServer.json(bad).path("detail").asText()).contains("runId");
            assertThat(TestServer.json(s.get("/v1/rights/training-runs", Role.AUDITOR))
                            .path("items"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.path("runId").asText()).isEqualTo("run-1"));

            JsonNode mine = TestServer.json(s.get("/v1/rights/credits", Role.CREATOR));
            assertThat(mine.path("authorId").asText()).isEqualTo("alice");
            assertThat(mine.path("total").asLong()).isEqualTo(2);
            assertThat(mine.path("items"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.path("runId").asText()).isEqualTo("run-1"));
            assertThat(TestServer.json(send(s, "GET", "/v1/rights/credits", bob, null))
                            .path("total")
                            .asLong())
                    .isEqualTo(1);
            assertThat(send(s, "GET", "/v1/rights/credits?authorId=bob", alice, null)
                            .statusCode())
                    .as("a creator cannot read another creator's credits")
                    .isEqualTo(403);
            assertThat(s.get("/v1/rights/credits", Role.AUDITOR).statusCode()).isEqualTo(400);
            assertThat(s.get("/v1/rights/credits?from=yesterday", Role.CREATOR).statusCode())
                    .isEqualTo(400);
            assertThat(TestServer.json(s.get("/v1/rights/credits?authorId=bob", Role.AUDITOR))
                            .path("total")
                            .asLong())
                    .isEqualTo(1);

            String campaign = """
                    id: training-royalties
                    kind: royalty
                    asset: USDX
                    scale: 6
                    window: { start: "%sT00:00:00Z", end: "%sT00:00:00Z" }
                    dailyPool: "10"
                    credits: training
                    """.formatted(today, today.plusDays(1));
            clock.advance(Duration.ofDays(1)); // the day of the run is over
            HttpResponse<String> settled = s.send(
                    "POST",
                    "/v1/ledger/campaigns:settle?through=" + today + "&format=csv",
                    s.tokens.get(Role.ADMIN),
                    campaign.getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/yaml"));
            assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
            // 10 USDX split 2:1 by credits; the leftover unit goes to the larger remainder: the sum is the pool.
            assertThat(settled.body())
                    .isEqualTo("day,accountId,asset,amountMinor\n" + today + ",alice,USDX,6666667\n" + today
                            + ",bob,USDX,3333333\n");

            long paid = 0;
            for (String[] who : new String[][] {{alice, "alice", "6666667"}, {bob, "bob", "3333333"}}) {
                HttpResponse<String> statement =
                        send(s, "GET", "/v1/ledger/accounts/" + who[1] + "/statement", who[0], null);
                assertThat(statement.statusCode()).as(statement.body()).isEqualTo(200);
                JsonNode lines =
                        TestServer.json(statement).path("statements").get(0).path("lines");
                assertThat(lines).singleElement().satisfies(l -> {
                    assertThat(l.path("leg").asText()).isEqualTo("royalty");
                    assertThat(l.path("amountMinor").asLong()).isEqualTo(Long.parseLong(who[2]));
                });
                paid += lines.get(0).path("amountMinor").asLong();
            }
            assertThat(paid).as("the day's pool, exactly").isEqualTo(10_000_000L);
            assertThat(send(s, "GET", "/v1/ledger/accounts/bob/statement", alice, null)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(TestServer.json(s.get("/v1/ledger/verify", Role.AUDITOR))
                            .path("ok")
                            .asBoolean())
                    .isTrue();
            assertThat(s.server()
                            .audit()
                            .search(new AuditQuery(
                                    "rights.training_run.register", null, null, null, null, null, null, 10)))
                    .hasSize(1);
        }
    }

    private static String token(TestServer s, String author) {
        return s.server()
                .tokens()
                .create(new TokenRequest(Role.CREATOR, author, author), "test")
                .secret();
    }
}
