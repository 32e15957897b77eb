package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.server.demo.DemoLedger;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The /v1/ledger routes over real HTTP, on SQLite and PostgreSQL. */
public class LedgerApiTest {
    /** The seed definition with its window moved into the past, so its days have ended. */
    public static final String NOVEMBER = DemoLedger.seedYaml()
            .replace("hold-to-earn-2026-12", "hold-to-earn-2026-11")
            .replace("2026-12-03T02:00:00Z", "2026-11-03T02:00:00Z")
            .replace("2026-12-23T00:00:00Z", "2026-11-23T00:00:00Z");

    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    private static HttpResponse<String> send(
            TestServer s, String method, String path, Role role, String body, String type) {
        return s.send(
                method,
                path,
                s.tokens.get(role),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", type));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void staffImportAndSettleOverHttpAndACreatorSeesOnlyItsOwnStatement(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String accounts = "accountId,registeredAt\nalice,2026-11-04T00:00:00Z\nbob,2026-01-01T00:00:00Z\n";
            String balances =
                    "accountId,timestamp,balance\nalice,2026-11-04T00:00:00Z,2500.5\nbob,2026-10-01T00:00:00Z,150000\n";
            assertThat(TestServer.json(
                                    send(s, "POST", "/v1/ledger/accounts:import", Role.SERVICE, accounts, "text/csv"))
                            .path("inserted")
                            .asLong())
                    .isEqualTo(2);
            assertThat(TestServer.json(send(s, "POST", "/v1/ledger/accounts:import", Role.ADMIN, accounts, "text/csv"))
                            .path("inserted")
                            .asLong())
                    .isZero();
            HttpResponse<String> imported =
                    send(s, "POST", "/v1/ledger/balances:import?asset=USDX&scale=6", Role.ADMIN, balances, "text/csv");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

            HttpResponse<String> settled = send(
                    s,
                    "POST",
                    "/v1/ledger/campaigns:settle?through=2026-11-06",
                    Role.ADMIN,
                    NOVEMBER,
                    "application/yaml");
            assertThat(settled.statusCode()).as(settled.body()).isEqualTo(200);
            JsonNode days = TestServer.json(settled).path("days");
            assertThat(days).hasSize(4);
            assertThat(days.get(0).path("status").asText()).isEqualTo("settled");
            assertThat(days.get(0).path("accountsPaid").asLong()).isEqualTo(1); // alice's balance starts on Nov 04
            assertThat(days.get(1).path("bonusAccountsPaid").asLong()).isEqualTo(1);

            HttpResponse<String> csv = send(
                    s,
                    "POST",
                    "/v1/ledger/campaigns:settle?through=2026-11-06&format=csv",
                    Role.ADMIN,
                    NOVEMBER,
                    "application/yaml");
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body())
                    .startsWith("day,accountId,asset,amountMinor\n2026-11-03,bob,USDX,")
                    .contains("\n2026-11-04,alice,BONUS,100000000\n");
            assertThat(s.get("/v1/ledger/campaigns/hold-to-earn-2026-11/payouts?through=2026-11-06", Role.AUDITOR)
                            .body())
                    .isEqualTo(csv.body());
            assertThat(TestServer.json(s.get("/v1/ledger/campaigns", Role.AUDITOR))
                            .path("items")
                            .get(0)
                            .path("days"))
                    .hasSize(4);

            // alice is the creator token's author: its own statement, and nobody else's.
            HttpResponse<String> own = s.get("/v1/ledger/accounts/alice/statement", Role.CREATOR);
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            JsonNode statements = TestServer.json(own).path("statements");
            assertThat(statements).extracting(n -> n.path("asset").asText()).containsExactly("BONUS", "USDX");
            assertThat(statements.get(1).path("lines")).hasSize(3); // Nov 04, 05, 06
            assertThat(s.get("/v1/ledger/accounts/bob/statement", Role.CREATOR).statusCode())
                    .isEqualTo(404);
            assertThat(s.get("/v1/ledger/accounts/bob/statement", Role.AUDITOR).statusCode())
                    .isEqualTo(200);

            // A correction is a reversing transfer.
            HttpResponse<String> reversed = send(
                    s,
                    "POST",
                    "/v1/ledger/reversals",
                    Role.ADMIN,
                    "{\"transferId\":\"hold-to-earn-2026-11/2026-11-03/bob/pool\",\"reason\":\"test\"}",
                    "application/json");
            assertThat(reversed.statusCode()).as(reversed.body()).isEqualTo(200);
            assertThat(TestServer.json(s.get("/v1/ledger/verify", Role.AUDITOR))
                            .path("ok")
                            .asBoolean())
                    .isTrue();
        }
    }

    public static final String ROYALTIES = """
            id: royalties-2026-11
            kind: royalty
            asset: USDX
            scale: 6
            window: { start: "2026-11-01T00:00:00Z", end: "2026-11-03T00:00:00Z" }
            dailyPool: "10"
            """;

    @ParameterizedTest
    @MethodSource("stores")
    void staffSettleARoyaltyCampaignOverHttpAndACreatorSeesOnlyItsOwnRoyalties(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            String credits = "day,creatorId,credits\n2026-11-01,alice,2\n2026-11-01,bob,1\n2026-11-02,bob,4\n";
            HttpResponse<String> imported =
                    send(s, "POST", "/v1/ledger/credits:import", Role.SERVICE, credits, "text/csv");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(TestServer.json(imported).path("inserted").asLong()).isEqualTo(3);

            HttpResponse<String> csv = send(
                    s,
                    "POST",
                    "/v1/ledger/campaigns:settle?through=2026-11-02&format=csv",
                    Role.ADMIN,
                    ROYALTIES,
                    "application/yaml");
            assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
            // 10 USDX split 2:1 → 6.666667 and 3.333333 (the leftover unit to the larger remainder); then all to bob.
            assertThat(csv.body())
                    .isEqualTo("day,accountId,asset,amountMinor\n2026-11-01,alice,USDX,6666667\n"
                            + "2026-11-01,bob,USDX,3333333\n2026-11-02,bob,USDX,10000000\n");
            HttpResponse<String> again = send(
                    s,
                    "POST",
                    "/v1/ledger/campaigns:settle?through=2026-11-02",
                    Role.ADMIN,
                    ROYALTIES,
                    "application/yaml");
            assertThat(TestServer.json(again).path("days"))
                    .extracting(n -> n.path("status").asText())
                    .containsExactly("already_settled", "already_settled");
            JsonNode campaign = TestServer.json(s.get("/v1/ledger/campaigns/royalties-2026-11", Role.AUDITOR));
            assertThat(campaign.path("kind").asText()).isEqualTo("royalty");
            assertThat(campaign.path("days")).hasSize(2);
            assertThat(s.get("/v1/ledger/campaigns/royalties-2026-11/payouts", Role.AUDITOR)
                            .body())
                    .isEqualTo(csv.body());

            HttpResponse<String> own = s.get("/v1/ledger/accounts/alice/statement", Role.CREATOR);
            assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
            JsonNode lines = TestServer.json(own).path("statements").get(0).path("lines");
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0).path("leg").asText()).isEqualTo("royalty");
            assertThat(lines.get(0).path("amountMinor").asLong()).isEqualTo(6_666_667L);
            assertThat(s.get("/v1/ledger/accounts/bob/statement", Role.CREATOR).statusCode())
                    .isEqualTo(404);
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/campaigns:settle?through=2026-11-02",
                            Role.ADMIN,
                            ROYALTIES.replace("dailyPool: \"10\"", "dailyPool: 10.5"),
                            "application/yaml"),
                    422,
                    "dailyPool is a bare YAML float");
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/credits:import",
                            Role.ADMIN,
                            "day,creatorId,credits\nx,alice,1\n",
                            "text/csv"),
                    422,
                    "line 2: day 'x' is not a date");
            assertThat(TestServer.json(s.get("/v1/ledger/verify", Role.AUDITOR))
                            .path("ok")
                            .asBoolean())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void badLedgerRequestsAreProblemsThatSayWhatToFix(Supplier<StoreConfig> store) {
        try (TestServer s = new TestServer(store.get())) {
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/campaigns:settle?through=2026-11-06",
                            Role.ADMIN,
                            NOVEMBER.replace("apr: \"0.29\"", "apr: 0.29"),
                            "application/yaml"),
                    422,
                    "tiers[0].apr is a bare YAML float");
            assertProblem(
                    send(s, "POST", "/v1/ledger/campaigns:settle", Role.ADMIN, NOVEMBER, "application/yaml"),
                    400,
                    "?through=YYYY-MM-DD is required");
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/campaigns:settle?through=2026-13-01",
                            Role.ADMIN,
                            NOVEMBER,
                            "application/yaml"),
                    400,
                    "is not a date");
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/campaigns:settle?through=2034-12-30",
                            Role.ADMIN,
                            NOVEMBER.replace("2026-11-23T00:00:00Z", "2035-01-01T00:00:00Z"),
                            "application/yaml"),
                    422,
                    "has not ended");
            assertThat(send(
                                    s,
                                    "POST",
                                    "/v1/ledger/campaigns:settle?through=2026-11-03",
                                    Role.ADMIN,
                                    NOVEMBER,
                                    "application/yaml")
                            .statusCode())
                    .isEqualTo(200);
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/campaigns:settle?through=2026-11-04",
                            Role.ADMIN,
                            NOVEMBER.replace("dayCount: 365", "dayCount: 360"),
                            "application/yaml"),
                    409,
                    "dayCount: 365 stored, 360 given");
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/balances:import?asset=USDX&scale=6",
                            Role.ADMIN,
                            "accountId,timestamp,balance\nx,yesterday,1\n",
                            "text/csv"),
                    422,
                    "line 2: timestamp 'yesterday' is not an ISO-8601 UTC instant");
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/balances:import",
                            Role.ADMIN,
                            "accountId,timestamp,balance\n",
                            "text/csv"),
                    400,
                    "?asset=USDX&scale=6");
            assertProblem(s.get("/v1/ledger/campaigns/nope", Role.ADMIN), 404, "no campaign nope");
            assertProblem(
                    send(
                            s,
                            "POST",
                            "/v1/ledger/reversals",
                            Role.ADMIN,
                            "{\"transferId\":\"nope\"}",
                            "application/json"),
                    404,
                    "no transfer nope");
        }
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(TestServer.json(r).path("detail").asText()).contains(detail);
    }
}
