package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Role;
import io.redline.server.config.RedlineConfig;
import io.redline.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11, findings 6 and 11: what a hostile pass sent that answered 500 (or was silently
 * accepted) now answers a 4xx problem that says what is wrong, and the server keeps serving.
 */
class HostileInputTest {
    private static final long FILE_BYTES_MAX = 64 * 1024;
    static TestServer server;

    @BeforeAll
    static void start() {
        RedlineConfig d = RedlineConfig.defaults();
        server = new TestServer(
                TestDatabases.sqliteConfig(),
                new RedlineConfig(
                        d.server(),
                        d.storage(),
                        d.limits(),
                        d.audit(),
                        d.text(),
                        new RedlineConfig.Media(
                                d.media().producerId(),
                                FILE_BYTES_MAX,
                                d.media().pixelsMax()),
                        d.review(),
                        d.console(),
                        d.webhooks()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertProblem(HttpResponse<String> r, int status, String detail) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.json(r).path("detail").asText()).contains(detail);
        assertThat(server.send("GET", "/healthz", null, null, Map.of()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aLoneSurrogateInATokenNameOrADisplayNameIsA422NotA500() {
        assertProblem(
                server.post("/v1/tokens", Role.ADMIN, "{\"role\":\"reviewer\",\"name\":\"bad \\ud800 name\"}"),
                422,
                "field 'name': contains an unpaired surrogate at index 4");
        assertProblem(
                server.post(
                        "/v1/users",
                        Role.ADMIN,
                        "{\"username\":\"surrogate\",\"role\":\"reviewer\",\"displayName\":\"\\udc00\"}"),
                422,
                "field 'displayName': contains an unpaired surrogate at index 0");
        // A proper pair (an emoji) is a character like any other.
        assertThat(server.post("/v1/tokens", Role.ADMIN, "{\"role\":\"reviewer\",\"name\":\"ok \\ud83d\\ude00\"}")
                        .statusCode())
                .isEqualTo(201);
    }

    @Test
    void duplicateKeysAndNonJsonMediaTypesAreRefused() {
        assertProblem(
                server.post(
                        "/v1/contents",
                        Role.SERVICE,
                        "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"hello\",\"text\":\"加微信\"}"),
                400,
                "Duplicate field 'text'");
        byte[] item =
                "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(
                server.send(
                        "POST",
                        "/v1/contents",
                        server.tokens.get(Role.SERVICE),
                        item,
                        Map.of("Content-Type", "text/plain")),
                415,
                "send 'Content-Type: application/json'");
        assertProblem(
                server.send(
                        "POST",
                        "/v1/contents:batch",
                        server.tokens.get(Role.SERVICE),
                        item,
                        Map.of("Content-Type", "application/x-www-form-urlencoded")),
                415,
                "application/json");
        assertThat(server.send(
                                "POST",
                                "/v1/contents",
                                server.tokens.get(Role.SERVICE),
                                item,
                                Map.of("Content-Type", "application/json; charset=utf-8"))
                        .statusCode())
                .isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/audit?from=%2B999999999-12-31T00:00:00Z",
                "/v1/audit?to=-999999999-01-01T00:00:00Z",
                "/v1/audit/export?from=%2B999999999-01-01T00:00:00Z&to=%2B999999999-12-31T00:00:00Z"
            })
    void instantsBeyondWhatTheLogCanHoldAre400(String path) {
        assertProblem(server.get(path, Role.AUDITOR), 400, "between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    }

    /**
     * Live hostile pass: Java's number parsing takes other scripts' digits, so {@code /v1/contents/١٢٣}
     * and {@code ?limit=１} were the same requests as their ASCII spellings: one resource under many
     * URLs, past any proxy rule or cache key written for the ASCII one.
     */
    @Test
    void idsAndNumbersInUrlsAreAsciiDigitsOnly() {
        HttpResponse<String> created = server.post(
                "/v1/contents", Role.SERVICE, "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"digits\"}");
        String id = TestServer.json(created).path("id").asText();
        String arabicIndic = id.chars()
                .mapToObj(c -> String.valueOf((char) ('\u0660' + (c - '0'))))
                .collect(java.util.stream.Collectors.joining());
        String encoded = java.net.URLEncoder.encode(arabicIndic, StandardCharsets.UTF_8);
        assertThat(server.get("/v1/contents/" + id, Role.ADMIN).statusCode()).isEqualTo(200);
        assertProblem(server.get("/v1/contents/" + encoded, Role.ADMIN), 400, "is not a content id");
        assertProblem(server.get("/v1/contents?limit=%EF%BC%91", Role.ADMIN), 400, "limit must be a number");
        assertProblem(server.get("/v1/contents/" + id + "/uploads/%D9%A0", Role.ADMIN), 400, "image index");
        assertProblem(
                server.post("/v1/review/tasks/%EF%BC%91/release", Role.REVIEWER, ""), 400, "task ids are numbers");
        assertProblem(server.get("/v1/audit?before=%EF%BC%91", Role.AUDITOR), 400, "before must be a number");
    }

    @Test
    void numbersBeyondIntegerRangeAreRefusedNotWrapped() {
        assertProblem(server.get("/v1/audit?limit=99999999999", Role.AUDITOR), 400, "limit must be a number from 1 to");
        assertProblem(server.get("/v1/audit?limit=4294967297", Role.AUDITOR), 400, "limit must be a number from 1 to");
        assertProblem(server.get("/v1/contents?limit=4294967346", Role.ADMIN), 400, "limit must be a number from 1 to");
        HttpResponse<String> created = server.post(
                "/v1/contents",
                Role.SERVICE,
                "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"no images here\"}");
        String id = TestServer.json(created).path("id").asText();
        assertProblem(server.get("/v1/contents/" + id + "/uploads/4294967296", Role.ADMIN), 400, "image index");
        assertProblem(server.get("/v1/contents/" + id + "/uploads/-1", Role.ADMIN), 400, "image index");
    }

    @Test
    void anIdempotencyKeyCannotCollideWithTheKeysOfABatchsItems() {
        String batch = "{\"items\":[{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"first\"}]}";
        assertThat(server.send(
                                "POST",
                                "/v1/contents:batch",
                                server.tokens.get(Role.SERVICE),
                                batch.getBytes(StandardCharsets.UTF_8),
                                Map.of("Idempotency-Key", "k-1"))
                        .statusCode())
                .isEqualTo(201);
        // Item 0 of that batch is stored under k-1#0; a single item may not claim that key (nor any with '#').
        assertProblem(
                server.send(
                        "POST",
                        "/v1/contents",
                        server.tokens.get(Role.SERVICE),
                        "{\"surface\":\"comment\",\"authorId\":\"a\",\"text\":\"second\"}"
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of("Idempotency-Key", "k-1#0")),
                422,
                "must not contain '#'");
    }

    // ---------------------------------------------------------------- multipart

    private static HttpResponse<String> multipart(String boundary, byte[] body) {
        return server.send(
                "POST",
                "/v1/contents",
                server.tokens.get(Role.CREATOR),
                body,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    private static void part(ByteArrayOutputStream out, String boundary, String disposition, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] item() {
        return "{\"surface\":\"note\",\"authorId\":\"alice\",\"text\":\"a picture\"}".getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anUploadOverTheFileLimitIs413() {
        String boundary = "b" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "name=\"item\"", item());
        part(out, boundary, "name=\"images\"; filename=\"big.png\"", new byte[(int) FILE_BYTES_MAX + 10]);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertProblem(multipart(boundary, out.toByteArray()), 413, "media.fileBytesMax");
    }

    @Test
    void anOversizedPartOnMediaInspectIs413Too() {
        String boundary = "b" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "name=\"file\"; filename=\"big.png\"", new byte[(int) FILE_BYTES_MAX + 10]);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertProblem(
                server.send(
                        "POST",
                        "/v1/media/inspect",
                        server.tokens.get(Role.CREATOR),
                        out.toByteArray(),
                        Map.of("Content-Type", "multipart/form-data; boundary=" + boundary)),
                413,
                "media.fileBytesMax");
    }

    @Test
    void moreThanAThousandPartsIs413() {
        String boundary = "b" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "name=\"item\"", item());
        for (int i = 0; i < 1_100; i++) part(out, boundary, "name=\"x" + i + "\"", new byte[] {'1'});
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertProblem(multipart(boundary, out.toByteArray()), 413, "parts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"filename=\"cat\u0000.png\"", "filename=\"cat\u0007.png\""})
    void aNulOrControlCharacterInAFileNameIsAClientError(String fileName) {
        long before = server.server().intake().count();
        String boundary = "b" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "name=\"item\"", item());
        part(out, boundary, "name=\"images\"; " + fileName, new byte[] {1, 2, 3});
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = multipart(boundary, out.toByteArray());
        // Jetty refuses a raw control character in a part header (400); a decoded one is ours to refuse (422).
        assertThat(r.statusCode()).as(r.body()).isIn(400, 422);
        assertProblem(r, r.statusCode(), r.statusCode() == 400 ? "control character" : "file name");
        assertThat(server.server().intake().count()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void metricsStayBoundedAndDoNotCarryOneSeriesPerPath() {
        for (int i = 0; i < 20; i++) server.get("/v1/contents/" + (1000 + i), Role.ADMIN);
        String metrics = server.send("GET", "/metrics", null, null, Map.of()).body();
        assertThat(metrics).doesNotContain("/v1/contents/1000");
        // Percentile histograms per route and status (~70 buckets each) made a scrape 1.7 MB: five latency buckets
        // remain.
        assertThat(metrics.lines()
                        .filter(l -> l.startsWith(
                                "http_server_requests_seconds_bucket{method=\"GET\",route=\"/healthz\",status=\"200\""))
                        .count())
                .isEqualTo(6);
        assertThat(metrics).contains("http_server_requests_seconds_count");
        assertThat(metrics.length()).isLessThan(200_000);
    }

    @Test
    void theDatabaseAndUploadedImagesAreReadableByTheirOwnerOnly() throws Exception {
        java.awt.image.BufferedImage img =
                new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        String boundary = "b" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "name=\"item\"", item());
        part(out, boundary, "name=\"images\"; filename=\"dot.png\"", png.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(multipart(boundary, out.toByteArray()).statusCode()).isEqualTo(201);

        String url = server.server().database().config().jdbcUrl();
        java.nio.file.Path db = java.nio.file.Path.of(url.substring("jdbc:sqlite:".length()));
        assertThat(mode(db)).isEqualTo("rw-------");
        assertThat(mode(java.nio.file.Path.of(db + "-wal"))).isEqualTo("rw-------");
        java.nio.file.Path media = server.server().config().dataDir().resolve("media");
        assertThat(mode(media)).isEqualTo("rwx------");
        try (var files = java.nio.file.Files.walk(media)) {
            for (java.nio.file.Path p : files.toList()) {
                assertThat(mode(p))
                        .as(p.toString())
                        .isEqualTo(java.nio.file.Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }

    private static String mode(java.nio.file.Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(p));
    }

    @Test
    void metricsCanBeRestrictedToAToken() {
        RedlineConfig d = RedlineConfig.defaults();
        RedlineConfig.Server s = d.server();
        try (TestServer restricted = new TestServer(
                TestDatabases.sqliteConfig(),
                new RedlineConfig(
                        new RedlineConfig.Server(s.host(), s.port(), s.bodyBytesMax(), s.shutdownGraceMs(), false),
                        d.storage(),
                        d.limits(),
                        d.audit(),
                        d.text(),
                        d.media(),
                        d.review(),
                        d.console(),
                        d.webhooks()))) {
            assertThat(restricted.send("GET", "/metrics", null, null, Map.of()).statusCode())
                    .isEqualTo(401);
            assertThat(restricted.get("/metrics", Role.CREATOR).statusCode()).isEqualTo(403);
            assertThat(restricted.get("/metrics", Role.SERVICE).body()).contains("jvm_memory_used_bytes");
            assertThat(restricted.send("GET", "/healthz", null, null, Map.of()).statusCode())
                    .isEqualTo(200);
        }
    }
}
