package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, finding 11: a server starting on an audit chain that was edited while it was down
 * used to append onto it silently. It now verifies the tail since the newest anchor before it
 * appends anything and reports the outcome in /readyz and /metrics. On both databases.
 */
class AuditStartupCheckTest {

    static Stream<Named<Supplier<StoreConfig>>> stores() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aChainEditedWhileTheServerWasDownIsReportedAtTheNextStart(Supplier<StoreConfig> store) {
        StoreConfig db = store.get();
        try (TestServer first = new TestServer(db)) {
            JsonNode ready = TestServer.json(first.send("GET", "/readyz", null, null, Map.of()));
            assertThat(ready.path("auditChain").path("status").asText()).isEqualTo("intact");
            assertThat(first.post("/v1/tokens", Role.ADMIN, "{\"role\":\"reviewer\",\"name\":\"one\"}")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(first.post("/v1/audit/anchors", Role.AUDITOR, "").statusCode())
                    .isEqualTo(201);
            assertThat(first.post("/v1/tokens", Role.ADMIN, "{\"role\":\"reviewer\",\"name\":\"two\"}")
                            .statusCode())
                    .isEqualTo(201);
            long head = first.server().audit().headSeq();
            first.server()
                    .database()
                    .jdbi()
                    .useHandle(h -> h.createUpdate("UPDATE audit_entries SET action = 'token.nothing' WHERE seq = :s")
                            .bind("s", head)
                            .execute());
        }
        try (TestServer second = new TestServer(db)) {
            JsonNode ready = TestServer.json(second.send("GET", "/readyz", null, null, Map.of()));
            assertThat(ready.path("status").asText()).isEqualTo("ready");
            assertThat(ready.path("auditChain").path("status").asText()).isEqualTo("broken");
            assertThat(ready.path("auditChain").path("summary").asText()).contains("BROKEN", "CONTENT_EDITED");
            assertThat(second.send("GET", "/metrics", null, null, Map.of()).body())
                    .contains("redline_audit_chain_intact 0.0");
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void anIntactChainStartsIntact(Supplier<StoreConfig> store) {
        StoreConfig db = store.get();
        try (TestServer first = new TestServer(db)) {
            assertThat(first.post("/v1/audit/anchors", Role.AUDITOR, "").statusCode())
                    .isEqualTo(201);
        }
        try (TestServer second = new TestServer(db)) {
            assertThat(TestServer.json(second.send("GET", "/readyz", null, null, Map.of()))
                            .path("auditChain")
                            .path("status")
                            .asText())
                    .isEqualTo("intact");
            assertThat(second.send("GET", "/metrics", null, null, Map.of()).body())
                    .contains("redline_audit_chain_intact 1.0");
        }
    }
}
