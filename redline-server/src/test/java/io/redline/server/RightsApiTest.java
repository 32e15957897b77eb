package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.audit.AuditQuery;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.CopyLink;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /v1/rights/...} over real HTTP on SQLite and PostgreSQL. */
class RightsApiTest {
    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    private static HttpResponse<String> put(TestServer s, String path, String token, String json) {
        return s.send("PUT", path, token, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String contentOf(TestServer s, Role role, String author) {
        HttpResponse<String> r = s.post(
                "/v1/contents", role, "{\"surface\":\"comment\",\"authorId\":\"" + author + "\",\"text\":\"my note\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).path("id").asText();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aCreatorManagesOnlyTheirOwnConsentAndStaffCanReadButNeverChangeIt(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String alice = s.tokens.get(Role.CREATOR);
            String bob = s.server()
                    .tokens()
                    .create(new TokenRequest(Role.CREATOR, "bob", "bob"), "test")
                    .secret();
            String aliceNote = contentOf(s, Role.CREATOR, "alice");
            String bobNote = contentOf(s, Role.SERVICE, "bob");

            JsonNode initial = TestServer.json(s.get("/v1/rights/consent", Role.CREATOR));
            assertThat(initial.path("state").asText()).isEqualTo("denied");
            assertThat(initial.path("trainable").asBoolean()).isFalse();

            assertThat(put(s, "/v1/rights/consent", alice, "{\"state\":\"platform_models\"}")
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> staffChange =
                    put(s, "/v1/rights/consent", s.tokens.get(Role.ADMIN), "{\"state\":\"denied\"}");
            assertThat(staffChange.statusCode()).isEqualTo(403);
            assertThat(TestServer.json(s.get("/v1/rights/consent?authorId=alice", Role.REVIEWER))
                            .path("state")
                            .asText())
                    .isEqualTo("platform_models");
            assertThat(s.get("/v1/rights/consent", Role.AUDITOR).statusCode())
                    .as("staff name the creator")
                    .isEqualTo(400);
            assertThat(s.get("/v1/rights/consent?authorId=bob", Role.CREATOR).statusCode())
                    .isEqualTo(403);
            assertThat(s.get("/v1/rights/consent/history?authorId=bob", Role.CREATOR)
                            .statusCode())
                    .isEqualTo(403);

            HttpResponse<String> licensed = put(
                    s,
                    "/v1/rights/consent/items/" + aliceNote,
                    alice,
                    "{\"state\":\"licensed\",\"licenceTerms\":\"CC BY-NC 4.0\",\"licenceExpiresAt\":\"2099-01-01T00:00:00Z\"}");
            assertThat(licensed.statusCode()).as(licensed.body()).isEqualTo(200);
            JsonNode item = TestServer.json(s.get("/v1/rights/consent/items/" + aliceNote, Role.SERVICE));
            assertThat(item.path("consent").path("state").asText()).isEqualTo("licensed");
            assertThat(item.path("consent").path("source").asText()).isEqualTo("item");
            assertThat(item.path("cawg").path("label").asText()).isEqualTo("cawg.training-mining");
            assertThat(item.path("cawg")
                            .path("data")
                            .path("entries")
                            .path("cawg.ai_training")
                            .path("use")
                            .asText())
                    .isEqualTo("constrained");
            JsonNode before = TestServer.json(
                    s.get("/v1/rights/consent/items/" + aliceNote + "?at=2020-01-01T00:00:00Z", Role.CREATOR));
            assertThat(before.path("consent").path("state").asText())
                    .as("effective at a past time")
                    .isEqualTo("denied");

            assertThat(put(s, "/v1/rights/consent/items/" + bobNote, alice, "{\"state\":\"denied\"}")
                            .statusCode())
                    .as("another creator's item looks absent")
                    .isEqualTo(404);
            assertThat(s.get("/v1/rights/consent/items/" + bobNote, Role.CREATOR)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(s.send("GET", "/v1/rights/consent/items/" + aliceNote, bob, null, Map.of())
                            .statusCode())
                    .isEqualTo(404);
            assertThat(s.send("GET", "/v1/rights/copies/" + aliceNote, bob, null, Map.of())
                            .statusCode())
                    .isEqualTo(404);

            JsonNode history = TestServer.json(s.get("/v1/rights/consent/history?authorId=alice", Role.AUDITOR));
            assertThat(history.path("changes")).hasSize(2);
            assertThat(history.path("changes").get(0).path("surface").asText()).isEqualTo("api");
            assertThat(history.path("changes").get(0).path("changedByRole").asText())
                    .isEqualTo("creator");
            assertThat(TestServer.json(s.get("/v1/rights/consent/history", Role.CREATOR))
                            .path("changes"))
                    .hasSize(2);

            assertThat(s.send("DELETE", "/v1/rights/consent/items/" + aliceNote, alice, null, Map.of())
                            .statusCode())
                    .isEqualTo(204);
            assertThat(s.send("DELETE", "/v1/rights/consent/items/" + aliceNote, alice, null, Map.of())
                            .statusCode())
                    .isEqualTo(404);
            assertThat(TestServer.json(s.get("/v1/rights/consent/items/" + aliceNote, Role.CREATOR))
                            .path("consent")
                            .path("state")
                            .asText())
                    .isEqualTo("platform_models");

            assertThat(s.server()
                            .audit()
                            .search(new AuditQuery("rights.consent.", null, null, null, null, null, null, 50)))
                    .extracting(e -> e.event().action())
                    .containsExactly(
                            "rights.consent.item_cleared", "rights.consent.item_set", "rights.consent.default_set");
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aCopyOfADeniedNoteIsNeverTrainableWhateverItsReposterChose(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String alice = s.tokens.get(Role.CREATOR);
            String bob = s.server()
                    .tokens()
                    .create(new TokenRequest(Role.CREATOR, "bob", "bob"), "test")
                    .secret();
            String original = contentOf(s, Role.CREATOR, "alice");
            String copy = contentOf(s, Role.SERVICE, "bob");
            assertThat(put(s, "/v1/rights/consent/items/" + original, alice, "{\"state\":\"denied\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(put(s, "/v1/rights/consent", bob, "{\"state\":\"platform_models\"}")
                            .statusCode())
                    .isEqualTo(200);
            ConsentRegistry.open(s.server().database(), s.server().audit(), Clock.systemUTC())
                    .linkCopy(
                            Principal.system("copy-detector"),
                            new CopyLink(copy, "bob", original, "alice", 0.93, Instant.now()));

            JsonNode consent = TestServer.json(s.send("GET", "/v1/rights/consent/items/" + copy, bob, null, Map.of()))
                    .path("consent");
            assertThat(consent.path("state").asText()).isEqualTo("denied");
            assertThat(consent.path("source").asText()).isEqualTo("original");
            assertThat(consent.path("copyOf").asText()).isEqualTo(original);
            JsonNode copies = TestServer.json(s.get("/v1/rights/copies/" + original, Role.CREATOR));
            assertThat(copies.path("copies"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.path("itemId").asText()).isEqualTo(copy));
            assertThat(TestServer.json(s.send("GET", "/v1/rights/copies/" + copy, bob, null, Map.of()))
                            .path("copyOf")
                            .path("originalId")
                            .asText())
                    .isEqualTo(original);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void badConsentRequestsAreProblemsThatSayWhatToFix(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String alice = s.tokens.get(Role.CREATOR);
            String note = contentOf(s, Role.CREATOR, "alice");
            for (String[] c : new String[][] {
                {"{\"state\":\"maybe\"}", "422", "platform_models"},
                {"{\"state\":\"licensed\",\"licenceExpiresAt\":\"2099-01-01T00:00:00Z\"}", "422", "licenceTerms"},
                {"{\"state\":\"licensed\",\"licenceTerms\":\"x\",\"licenceExpiresAt\":\"tomorrow\"}", "422", "ISO-8601"
                },
                {
                    "{\"state\":\"licensed\",\"licenceTerms\":\"x\",\"licenceExpiresAt\":\"2001-01-01T00:00:00Z\"}",
                    "422",
                    "future"
                },
                {"{\"state\":\"denied\",\"licenceTerms\":\"x\"}", "422", "licensed consent only"},
                {"{}", "422", "state is required"},
                {"{\"state\":\"denied\",\"colour\":1}", "422", "colour"},
                {"not json", "400", ""}
            }) {
                for (String path : new String[] {"/v1/rights/consent", "/v1/rights/consent/items/" + note}) {
                    HttpResponse<String> r = put(s, path, alice, c[0]);
                    assertThat(r.statusCode())
                            .as(path + " " + c[0] + ": " + r.body())
                            .isEqualTo(Integer.parseInt(c[1]));
                    assertThat(r.headers().firstValue("Content-Type"))
                            .get()
                            .asString()
                            .startsWith("application/problem+json");
                    assertThat(TestServer.json(r).path("detail").asText()).contains(c[2]);
                }
            }
            assertThat(s.get("/v1/rights/consent?at=yesterday", Role.CREATOR).statusCode())
                    .isEqualTo(400);
            assertThat(s.get("/v1/rights/consent/items/abc", Role.CREATOR).statusCode())
                    .isEqualTo(400);
            assertThat(s.get("/v1/rights/consent/history?limit=0", Role.CREATOR).statusCode())
                    .isEqualTo(400);
            assertThat(TestServer.json(s.get("/v1/rights/consent/history", Role.CREATOR))
                            .path("changes"))
                    .isEmpty();

            HttpResponse<String> tdm = s.send("GET", "/.well-known/tdmrep.json", null, null, Map.of());
            assertThat(tdm.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(tdm).get(0).path("tdm-reservation").asInt())
                    .isEqualTo(1);
            assertThat(TestServer.json(tdm).get(0).path("tdm-policy").asText()).endsWith("/docs/api");
        }
    }
}
