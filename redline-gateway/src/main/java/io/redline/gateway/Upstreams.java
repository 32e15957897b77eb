package io.redline.gateway;

import io.redline.gateway.GatewayConfig.Upstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The configured model servers and the one HTTP client that calls them (the JDK's, HTTP/1.1, so
 * closing a streamed body closes its connection). Routing: the upstreams serving a model, in
 * configuration order. A connect failure, or a 502/503/504 answer, is retried once on the next
 * upstream serving the model; then the caller gets 502 (504 when the upstream was too slow).
 */
public final class Upstreams implements AutoCloseable {
    /** Attempts per call: the first upstream and one other. */
    static final int ATTEMPTS_MAX = 2;
    /** Connecting is quick or it is not happening; a slow model is the timeout's business, not this one's. */
    static final long CONNECT_TIMEOUT_MS_MAX = 5_000;
    /** Largest error or model-list body read from an upstream. */
    static final int ERROR_BODY_BYTES_MAX = 64 * 1024;

    private final List<Upstream> all;
    private final HttpClient http;

    public Upstreams(List<Upstream> upstreams) {
        this.all = List.copyOf(upstreams);
        long connectMs = all.stream().mapToLong(Upstream::timeoutMs).min().orElse(CONNECT_TIMEOUT_MS_MAX);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(Math.min(CONNECT_TIMEOUT_MS_MAX, connectMs)))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public List<Upstream> all() {
        return all;
    }

    public List<Upstream> forModel(String model) {
        return all.stream().filter(u -> u.serves(model)).toList();
    }

    /**
     * An upstream's answer. Streamed answers carry an open {@code stream} the caller must close;
     * whole ones carry {@code body}. {@code nanos} is the time spent waiting for it.
     */
    public record Answer(
            Upstream upstream, int status, String contentType, byte[] body, InputStream stream, long nanos) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** POSTs a JSON body to {@code path} below the base URL of the first upstream serving {@code model} that answers. */
    public Answer post(String model, String path, byte[] body, boolean stream) {
        List<Upstream> candidates = forModel(model);
        if (candidates.isEmpty()) throw OpenAiError.modelNotFound(model);
        long t0 = System.nanoTime();
        OpenAiError last = null;
        for (int i = 0; i < Math.min(ATTEMPTS_MAX, candidates.size()); i++) {
            Upstream u = candidates.get(i);
            boolean more = i + 1 < Math.min(ATTEMPTS_MAX, candidates.size());
            try {
                Answer a = send(u, path, body, stream, t0);
                if (more && (a.status() == 502 || a.status() == 503 || a.status() == 504)) {
                    closeQuietly(a.stream());
                    last = OpenAiError.badGateway("upstream '" + u.name() + "' answered " + a.status());
                    continue;
                }
                return a;
            } catch (ConnectFailed e) {
                last = OpenAiError.badGateway("upstream '" + u.name() + "' cannot be reached: " + e.getMessage());
            }
        }
        throw last;
    }

    private static final class ConnectFailed extends Exception {
        ConnectFailed(String message) {
            super(message);
        }
    }

    private Answer send(Upstream u, String path, byte[] body, boolean stream, long t0) throws ConnectFailed {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(join(u.baseUrl(), path)))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (u.apiKey() != null && !u.apiKey().isEmpty()) b.header("Authorization", "Bearer " + u.apiKey());
        HttpRequest req = b.build();
        if (stream) {
            // Headers within the timeout; each later chunk is watched by the caller (IdleWatch).
            HttpResponse<InputStream> r = await(u, http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream()));
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (r.statusCode() >= 300) {
                byte[] err = readCapped(r.body());
                return new Answer(u, r.statusCode(), type, err, null, System.nanoTime() - t0);
            }
            return new Answer(u, r.statusCode(), type, null, r.body(), System.nanoTime() - t0);
        }
        HttpResponse<byte[]> r = await(u, http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()));
        return new Answer(
                u,
                r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(""),
                r.body(),
                null,
                System.nanoTime() - t0);
    }

    /** Lists the models of an upstream that serves any model (for {@code GET /models}); empty when it does not answer. */
    public List<String> listModels(Upstream u) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(join(u.baseUrl(), "models")))
                .GET()
                .header("Accept", "application/json");
        if (u.apiKey() != null && !u.apiKey().isEmpty()) b.header("Authorization", "Bearer " + u.apiKey());
        try {
            HttpResponse<byte[]> r = await(u, http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
            if (r.statusCode() != 200) return List.of();
            List<String> out = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(r.body())
                    .path("data")
                    .forEach(m -> {
                        if (m.path("id").isTextual()) out.add(m.path("id").asText());
                    });
            return out;
        } catch (ConnectFailed | OpenAiError | IOException e) {
            return List.of();
        }
    }

    private <T> HttpResponse<T> await(Upstream u, CompletableFuture<HttpResponse<T>> f) throws ConnectFailed {
        try {
            return f.get(u.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw OpenAiError.gatewayTimeout(
                    "upstream '" + u.name() + "' did not answer within " + u.timeoutMs() + " ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw OpenAiError.badGateway("interrupted while waiting for upstream '" + u.name() + "'");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HttpConnectTimeoutException
                    || c instanceof ConnectException
                    || (c != null && c.getCause() instanceof ConnectException)) {
                throw new ConnectFailed(
                        String.valueOf(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
            }
            if (c instanceof HttpTimeoutException) {
                throw OpenAiError.gatewayTimeout(
                        "upstream '" + u.name() + "' did not answer within " + u.timeoutMs() + " ms");
            }
            throw OpenAiError.badGateway("upstream '" + u.name() + "' failed: " + (c == null ? e : c));
        }
    }

    static byte[] readCapped(InputStream in) {
        try (in) {
            return in.readNBytes(ERROR_BODY_BYTES_MAX);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private static String join(String base, String path) {
        return base.endsWith("/") ? base + path : base + "/" + path;
    }

    @Override
    public void close() {
        http.close();
    }
}
