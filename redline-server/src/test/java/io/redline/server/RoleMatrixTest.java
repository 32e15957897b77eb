package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.server.http.Endpoint;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Walks the whole route table: every /v1 route refuses a missing token (401) and every role it does not declare (403). */
class RoleMatrixTest extends SharedServerTest {

    private static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "1");
    }

    /** The error detail: problem+json's detail, or on the OpenAI-compatible routes OpenAI's error.message. */
    private static String detail(HttpResponse<String> r) {
        JsonNode body = TestServer.json(r);
        return body.has("error")
                ? body.path("error").path("message").asText()
                : body.path("detail").asText();
    }

    @Test
    void everyV1RouteDeclaresRolesAndEnforcesThem() {
        List<String> checked = new ArrayList<>();
        for (Endpoint e : server.server().endpoints()) {
            if (!e.path().startsWith("/v1/") && !e.path().startsWith("/ai/v1/")) {
                assertThat(e.isPublic())
                        .as("only /v1 and /ai/v1 routes carry data; %s must be public", e)
                        .isTrue();
                continue;
            }
            assertThat(e.roles()).as("%s declares roles", e).isNotEmpty();
            String method = e.method().name();
            byte[] body = method.equals("POST") ? "{}".getBytes() : null;

            HttpResponse<String> anonymous = server.send(method, concrete(e.path()), null, body, Map.of());
            assertThat(anonymous.statusCode()).as("%s without a token", e).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();

            HttpResponse<String> forged = server.send(method, concrete(e.path()), "rl_forged", body, Map.of());
            assertThat(forged.statusCode()).as("%s with an unknown token", e).isEqualTo(401);

            for (Role role : Role.values()) {
                HttpResponse<String> r =
                        server.send(method, concrete(e.path()), server.tokens.get(role), body, Map.of());
                if (e.roles().contains(role)) {
                    assertThat(r.statusCode())
                            .as("%s as %s: %s", e, role, r.body())
                            .isNotIn(401, 403);
                } else {
                    assertThat(r.statusCode()).as("%s as %s", e, role).isEqualTo(403);
                    assertThat(detail(r)).contains("this token has role " + role.wireName());
                }
            }
            checked.add(e.toString());
        }
        assertThat(checked)
                .contains(
                        "POST /v1/contents",
                        "POST /v1/tokens",
                        "GET /v1/contents/{id}",
                        "POST /ai/v1/chat/completions");
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesAndRolesServed() {
        JsonNode api = TestServer.json(server.get("/openapi.json", Role.ADMIN));
        Set<String> documented = new TreeSet<>();
        api.path("paths")
                .fields()
                .forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
                    String key = op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey();
                    documented.add(key);
                    Set<String> roles = new TreeSet<>();
                    op.getValue().path("x-roles").forEach(r -> roles.add(r.asText()));
                    Endpoint served = server.server().endpoints().stream()
                            .filter(e -> e.toString().equals(key))
                            .findFirst()
                            .orElse(null);
                    assertThat(served).as("documented but not served: %s", key).isNotNull();
                    assertThat(roles)
                            .as("roles of %s", key)
                            .isEqualTo(served.roles().stream()
                                    .map(Role::wireName)
                                    .collect(Collectors.toCollection(TreeSet::new)));
                }));
        Set<String> served = server.server().endpoints().stream()
                .map(Endpoint::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(served);
        assertThat(server.get("/docs/api", Role.ADMIN).body()).contains("/v1/contents:batch", "Roles: admin");
    }

    @Test
    void creatorTokensSeeOnlyTheirOwnContent() {
        String bob = server.post(
                        "/v1/contents",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"bob\",\"text\":\"bob's\"}")
                .body();
        String bobId = TestServer.json(server.post(
                        "/v1/contents", Role.SERVICE, "{\"surface\":\"comment\",\"authorId\":\"bob\",\"text\":\"b2\"}"))
                .path("id")
                .asText();
        assertThat(bob).contains("bob");
        HttpResponse<String> own = server.post(
                "/v1/contents", Role.CREATOR, "{\"surface\":\"comment\",\"authorId\":\"alice\",\"text\":\"mine\"}");
        assertThat(own.statusCode()).isEqualTo(201);
        assertThat(server.post(
                                "/v1/contents",
                                Role.CREATOR,
                                "{\"surface\":\"comment\",\"authorId\":\"bob\",\"text\":\"x\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(server.get("/v1/contents/" + bobId, Role.CREATOR).statusCode())
                .isEqualTo(404);
        assertThat(server.get("/v1/contents/" + bobId, Role.REVIEWER).statusCode())
                .isEqualTo(200);
        JsonNode list = TestServer.json(server.get("/v1/contents", Role.CREATOR));
        assertThat(list.path("items"))
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.path("authorId").asText()).isEqualTo("alice"));
        assertThat(server.get("/v1/contents?authorId=bob", Role.CREATOR).statusCode())
                .isEqualTo(403);
    }
}
