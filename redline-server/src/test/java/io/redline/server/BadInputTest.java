package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input is a 4xx problem+json that says what is wrong, and the server keeps serving. */
class BadInputTest extends SharedServerTest {

    static Stream<Arguments> cases() {
        String item = "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"hi\"}";
        byte[] invalidUtf8 = "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"\u0000\u0000\"}"
                .getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 4] = (byte) 0xff;
        invalidUtf8[invalidUtf8.length - 3] = (byte) 0xfe;
        return Stream.of(
                Arguments.of(
                        "malformed JSON",
                        "/v1/contents",
                        "{\"surface\":".getBytes(StandardCharsets.UTF_8),
                        400,
                        "malformed JSON at line 1"),
                Arguments.of(
                        "not an object",
                        "/v1/contents",
                        "[1,2]".getBytes(StandardCharsets.UTF_8),
                        422,
                        "must be a JSON object"),
                Arguments.of("empty body", "/v1/contents", new byte[0], 400, "body is empty"),
                Arguments.of(
                        "number for text",
                        "/v1/contents",
                        "{\"surface\":\"note\",\"authorId\":\"a\",\"text\":1}".getBytes(StandardCharsets.UTF_8),
                        422,
                        "field 'text' has the wrong type"),
                Arguments.of(
                        "string for tags",
                        "/v1/contents",
                        "{\"surface\":\"note\",\"authorId\":\"a\",\"text\":\"x\",\"tags\":\"t\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        422,
                        "field 'tags' has the wrong type: expected an array"),
                Arguments.of(
                        "unknown field",
                        "/v1/contents",
                        "{\"surface\":\"note\",\"authorId\":\"a\",\"text\":\"x\",\"colour\":1}"
                                .getBytes(StandardCharsets.UTF_8),
                        422,
                        "unknown field 'colour'"),
                Arguments.of(
                        "unknown surface",
                        "/v1/contents",
                        "{\"surface\":\"story\",\"authorId\":\"a\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        422,
                        "unknown surface 'story'"),
                Arguments.of(
                        "missing author",
                        "/v1/contents",
                        "{\"surface\":\"comment\",\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        422,
                        "authorId is required"),
                Arguments.of("invalid UTF-8", "/v1/contents", invalidUtf8, 400, "not valid UTF-8"),
                Arguments.of(
                        "10 MB body",
                        "/v1/contents",
                        ("{\"surface\":\"note\",\"authorId\":\"a\",\"text\":\"" + "x".repeat(10_000_000) + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        413,
                        "the limit is 4194304 bytes"),
                Arguments.of(
                        "1 MB title",
                        "/v1/contents",
                        ("{\"surface\":\"note\",\"authorId\":\"a\",\"text\":\"x\",\"title\":\"" + "t".repeat(1_000_000)
                                        + "\"}")
                                .getBytes(StandardCharsets.UTF_8),
                        422,
                        "the limit is 200"),
                Arguments.of(
                        "NUL in text",
                        "/v1/contents",
                        "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"a\\u0000b\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        422,
                        "NUL character"),
                Arguments.of(
                        "empty batch",
                        "/v1/contents:batch",
                        "{\"items\":[]}".getBytes(StandardCharsets.UTF_8),
                        422,
                        "at least one item"),
                Arguments.of(
                        "batch without items",
                        "/v1/contents:batch",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        422,
                        "'items' is required"),
                Arguments.of(
                        "null batch item",
                        "/v1/contents:batch",
                        "{\"items\":[null]}".getBytes(StandardCharsets.UTF_8),
                        422,
                        "not null"),
                Arguments.of(
                        "oversized batch",
                        "/v1/contents:batch",
                        ("{\"items\":[" + String.join(",", java.util.Collections.nCopies(101, item)) + "]}")
                                .getBytes(StandardCharsets.UTF_8),
                        422,
                        "at most 100 items, got 101"),
                Arguments.of(
                        "bad item in batch",
                        "/v1/contents:batch",
                        ("{\"items\":[" + item + ",{\"surface\":\"live\",\"authorId\":\"a\",\"text\":\"\"}]}")
                                .getBytes(StandardCharsets.UTF_8),
                        422,
                        "items[1].text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsAClearClientErrorAndTheServerKeepsServing(
            String name, String path, byte[] body, int status, String detail) {
        HttpResponse<String> r = server.send("POST", path, server.tokens.get(Role.SERVICE), body, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        var problem = TestServer.json(r);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains(detail);
        assertThat(server.send("GET", "/healthz", null, null, Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(server.server().intake().count()).as("nothing stored").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void badQueriesAreClientErrors(String path, int status, String detail) {
        HttpResponse<String> r = server.get(path, Role.ADMIN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(TestServer.json(r).path("detail").asText()).contains(detail);
    }

    static Stream<Arguments> queries() {
        return Stream.of(
                Arguments.of("/v1/contents/abc", 400, "not a content id"),
                Arguments.of("/v1/contents/999", 404, "no content with id 999"),
                Arguments.of("/v1/contents?cursor=not-a-cursor!", 400, "invalid cursor"),
                Arguments.of("/v1/contents?limit=0", 400, "limit must be"),
                Arguments.of("/v1/contents?surface=story", 400, "unknown surface"),
                Arguments.of("/v1/nothing-here", 404, "no route GET /v1/nothing-here"));
    }
}
