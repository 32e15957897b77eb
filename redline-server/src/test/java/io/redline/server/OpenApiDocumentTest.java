package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redline.identity.Role;
import io.redline.server.http.Endpoint;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The served {@code /openapi.json} as a real consumer reads it: swagger-parser (the parser behind
 * swagger-codegen and openapi-generator) must report nothing, and every operation carries the
 * {@code operationId} the route table derives, so generated clients get usable, stable names.
 */
class OpenApiDocumentTest extends SharedServerTest {

    @Test
    void theServedDocumentParsesWithoutAnyErrorOrWarning() {
        String json = server.get("/openapi.json", Role.ADMIN).body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
        assertThat(result.getOpenAPI().getPaths()).hasSize((int) server.server().endpoints().stream()
                .map(Endpoint::path)
                .distinct()
                .count());
    }

    /**
     * A description with a comma inside a YAML flow mapping ({@code {description: a, b}}) silently
     * becomes a second key with a null value; the parser does not notice inside schemas, so look.
     */
    @Test
    void noKeyOfTheDocumentIsAStrayFragmentOfAWrappedString() {
        JsonNode api = TestServer.json(server.get("/openapi.json", Role.ADMIN));
        java.util.List<String> stray = new java.util.ArrayList<>();
        walk(api, "", stray);
        assertThat(stray).isEmpty();
    }

    private static void walk(JsonNode node, String path, java.util.List<String> stray) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isNull()) stray.add(path + "/" + f.getKey());
                walk(f.getValue(), path + "/" + f.getKey(), stray);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), path + "/" + i, stray);
        }
    }

    @Test
    void everyOperationHasTheOperationIdOfItsRoute() {
        JsonNode api = TestServer.json(server.get("/openapi.json", Role.ADMIN));
        Set<String> ids = new HashSet<>();
        for (Endpoint e : server.server().endpoints()) {
            JsonNode op =
                    api.path("paths").path(e.path()).path(e.method().name().toLowerCase(Locale.ROOT));
            assertThat(op.isObject()).as("documented: %s", e).isTrue();
            assertThat(op.path("operationId").asText())
                    .as("operationId of %s", e)
                    .isEqualTo(e.operationId());
            assertThat(ids.add(e.operationId()))
                    .as("unique: %s", e.operationId())
                    .isTrue();
            assertThat(e.operationId()).matches("[a-z][A-Za-z0-9]*");
        }
    }

    @Test
    void operationIdsReadLikeMethodNames() {
        assertThat(Endpoint.operationId(io.javalin.http.HandlerType.POST, "/v1/contents:batch"))
                .isEqualTo("postContentsBatch");
        assertThat(Endpoint.operationId(io.javalin.http.HandlerType.GET, "/v1/contents/{id}/uploads/{index}"))
                .isEqualTo("getContentsByIdUploadsByIndex");
        assertThat(Endpoint.operationId(io.javalin.http.HandlerType.POST, "/v1/policies:validate"))
                .isEqualTo("postPoliciesValidate");
        assertThat(Endpoint.operationId(io.javalin.http.HandlerType.GET, "/healthz"))
                .isEqualTo("getHealthz");
        assertThat(Endpoint.operationId(io.javalin.http.HandlerType.GET, "/")).isEqualTo("getRoot");
        assertThat(Endpoint.operationId(io.javalin.http.HandlerType.GET, "/openapi.json"))
                .isEqualTo("getOpenapiJson");
        assertThat(Endpoint.operationId(io.javalin.http.HandlerType.POST, "/v1/review/tasks/bulk-decide"))
                .isEqualTo("postReviewTasksBulkDecide");
    }
}
