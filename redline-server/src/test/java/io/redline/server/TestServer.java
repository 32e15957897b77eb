package io.redline.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.server.config.RedlineConfig;
import io.redline.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** A real Redline server on a free port over a fresh database, with one token per role. */
public final class TestServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final RedlineServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final Map<Role, String> tokens = new EnumMap<>(Role.class);

    public TestServer(StoreConfig store) {
        this(store, RedlineConfig.defaults());
    }

    public TestServer(StoreConfig store, RedlineConfig base) {
        this(store, base, java.time.Clock.systemUTC());
    }

    /** With a clock the test moves (for example {@code TestClock.wall()}, to let a day end). */
    public TestServer(StoreConfig store, RedlineConfig base, java.time.Clock clock) {
        try {
            Path dir = Files.createTempDirectory("redline-server-test-");
            Map<String, String> env =
                    Map.of("REDLINE_DATA_DIR", dir.toString(), "REDLINE_DB_URL", store.jdbcUrl(), "REDLINE_PORT", "0");
            server = new RedlineServer(base.withEnvironment(env), clock).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Role role : Role.values()) {
            String author = role == Role.CREATOR ? "alice" : null;
            tokens.put(
                    role,
                    server.tokens()
                            .create(new TokenRequest(role, author, "test " + role.wireName()), "test")
                            .secret());
        }
    }

    public RedlineServer server() {
        return server;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public HttpResponse<String> send(
            String method, String path, String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null && !headers.containsKey("Content-Type")) b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, Role role) {
        return send("GET", path, tokens.get(role), null, Map.of());
    }

    public HttpResponse<String> post(String path, Role role, String json) {
        return send("POST", path, tokens.get(role), json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    /**
     * Polls {@code probe} until it returns a value, for work the server finishes in the background
     * (the decision worker, the task sweeper); fails naming {@code what} after 10 s.
     */
    public static <T> T eventually(String what, java.util.function.Supplier<T> probe) {
        return io.redline.store.Eventually.get(what, probe);
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
