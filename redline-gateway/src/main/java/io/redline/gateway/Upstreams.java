package io.redline.gateway;

import io.redline.gateway.GatewayConfig.Upstream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The configured model servers and the one HTTP client that calls them. Routing: the upstreams
 * serving a model, in configuration order. A connect failure, or a 502/503/504 answer, is retried
 * once on the next upstream serving the model; then the caller gets 502 (504 when the upstream
 * was too slow).
 *
 * <p>The client is Apache HttpClient 5's blocking one, called on the request's virtual thread.
 * The JDK's {@code HttpClient} was used first; {@code bench/gateway.sh}'s floor proxies showed
 * its asynchronous hand-offs (selector thread, executor, future) cost about 2 ms per call on
 * the 2-core machine against about 0.5 ms for a blocking call over a pooled connection, which
 * alone is the gateway's whole latency budget. A streamed body that is closed before its end
 * aborts its connection, so the upstream sees the client go.
 */
public final class Upstreams implements AutoCloseable {
    /** Attempts per call: the first upstream and one other. */
    static final int ATTEMPTS_MAX = 2;
    /** Connecting is quick or it is not happening; a slow model is the timeout's business, not this one's. */
    static final long CONNECT_TIMEOUT_MS_MAX = 5_000;
    /** Largest error body read from an upstream. */
    static final int ERROR_BODY_BYTES_MAX = 64 * 1024;
    /** Largest model list read from an upstream. */
    static final int MODELS_BODY_BYTES_MAX = 1024 * 1024;
    /**
     * Most bytes read after a stream's {@code [DONE]} to reach the end of its response (normally
     * just the chunked encoding's last chunk), so the connection goes back to the pool.
     */
    static final int DRAIN_BYTES_MAX = 16 * 1024;
    /** Pooled connections per upstream: more than the server's concurrent calls ever need. */
    static final int CONNECTIONS_PER_UPSTREAM_MAX = 1_024;

    private final List<Upstream> all;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    /** Aborts a call that overruns its upstream's timeout (a blocking read has no total deadline). */
    private final Deadlines deadlines;

    public Upstreams(List<Upstream> upstreams) {
        this.all = List.copyOf(upstreams);
        long connectMs = all.stream().mapToLong(Upstream::timeoutMs).min().orElse(CONNECT_TIMEOUT_MS_MAX);
        this.deadlines = new Deadlines("redline-gateway-deadlines", connectMs);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(CONNECTIONS_PER_UPSTREAM_MAX)
                .setMaxConnTotal(CONNECTIONS_PER_UPSTREAM_MAX * Math.max(1, all.size()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(Math.min(CONNECT_TIMEOUT_MS_MAX, connectMs)))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries() // retrying is ours: once, on another upstream
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression() // bodies pass through as the upstream sent them
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
        HttpPost post = new HttpPost(join(u.baseUrl(), path));
        post.setHeader("Accept", stream ? "text/event-stream" : "application/json");
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        // One deadline per call: a whole answer within the timeout; a stream's headers within it,
        // each later chunk watched by the caller.
        Deadlines.Registration deadline = deadlines.after(u.timeoutMs(), post::cancel);
        try {
            ClassicHttpResponse r = open(u, post);
            String type = header(r, "Content-Type");
            try {
                if (stream && r.getCode() < 300) {
                    return new Answer(u, r.getCode(), type, null, new Body(r, post), System.nanoTime() - t0);
                }
                byte[] bytes = r.getCode() >= 300 ? readCapped(entity(r)) : readAll(u, post, entity(r));
                return new Answer(u, r.getCode(), type, bytes, null, System.nanoTime() - t0);
            } finally {
                if (!stream || r.getCode() >= 300) closeQuietly(r);
            }
        } finally {
            deadline.cancel();
        }
    }

    /** Sends a request and returns its open response (headers read); connect failures are {@link ConnectFailed}. */
    private ClassicHttpResponse open(Upstream u, HttpUriRequestBase request) throws ConnectFailed {
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.ofMilliseconds(u.timeoutMs()))
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(u.timeoutMs()))
                .build());
        if (u.apiKey() != null && !u.apiKey().isEmpty()) request.setHeader("Authorization", "Bearer " + u.apiKey());
        try {
            return http.executeOpen(null, request, null);
        } catch (ConnectException | ConnectTimeoutException e) {
            throw new ConnectFailed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (SocketTimeoutException e) {
            throw timedOut(u);
        } catch (IOException e) {
            if (request.isCancelled()) throw timedOut(u);
            throw OpenAiError.badGateway("upstream '" + u.name() + "' failed: " + e);
        }
    }

    private static byte[] readAll(Upstream u, HttpUriRequestBase request, InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw timedOut(u);
        } catch (IOException e) {
            if (request.isCancelled()) throw timedOut(u);
            throw OpenAiError.badGateway("upstream '" + u.name() + "' broke off its answer: " + e);
        }
    }

    private static OpenAiError timedOut(Upstream u) {
        return OpenAiError.gatewayTimeout("upstream '" + u.name() + "' did not answer within " + u.timeoutMs() + " ms");
    }

    private static InputStream entity(ClassicHttpResponse r) {
        HttpEntity e = r.getEntity();
        try {
            return e == null ? InputStream.nullInputStream() : e.getContent();
        } catch (IOException ex) {
            return InputStream.nullInputStream();
        }
    }

    private static String header(ClassicHttpResponse r, String name) {
        Header h = r.getFirstHeader(name);
        return h == null ? "" : h.getValue();
    }

    /**
     * A streamed answer's body. Closing it after its end returns the connection to the pool;
     * closing it before (client gone, stream stopped, idle timeout) aborts the connection, so the
     * upstream stops generating instead of the close draining what is left.
     */
    private static final class Body extends FilterInputStream {
        private final ClassicHttpResponse response;
        private final HttpUriRequestBase request;
        private volatile boolean ended;

        Body(ClassicHttpResponse response, HttpUriRequestBase request) {
            super(entity(response));
            this.response = response;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) ended = true;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) ended = true;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (ended) {
                response.close();
                return;
            }
            request.cancel();
            try {
                response.close();
            } catch (IOException aborted) {
                // Closing reads what is left of a chunked body to reuse the connection; the cancel
                // above closed its socket, so that read may fail ("Socket closed"), depending on
                // which comes first. The connection is meant to go: nothing was lost. Thrown, it
                // ended a stopped stream without its content_filter chunk.
            }
        }
    }

    /**
     * Reads a streamed body to its end after the caller saw the stream's own end ({@code [DONE]}),
     * up to {@link #DRAIN_BYTES_MAX}, so closing it returns the connection to the pool. Without
     * this every stream aborted its connection and the next one paid for a new TCP connection
     * (JFR of bench/gateway.sh). A read that fails or a body longer than the bound leaves the
     * close to abort the connection, as before.
     */
    public static void drain(InputStream stream) {
        if (!(stream instanceof Body body)) return;
        byte[] buf = new byte[1_024];
        try {
            for (int left = DRAIN_BYTES_MAX; left > 0; ) {
                int n = body.read(buf, 0, Math.min(buf.length, left));
                if (n < 0) return;
                left -= n;
            }
        } catch (IOException e) {
            // the close aborts the connection
        }
    }

    /** Lists the models of an upstream that serves any model (for {@code GET /models}); empty when it does not answer. */
    public List<String> listModels(Upstream u) {
        HttpGet get = new HttpGet(join(u.baseUrl(), "models"));
        get.setHeader("Accept", "application/json");
        Deadlines.Registration deadline = deadlines.after(u.timeoutMs(), get::cancel);
        try (ClassicHttpResponse r = open(u, get)) {
            if (r.getCode() != 200) return List.of();
            byte[] body;
            try (InputStream in = entity(r)) {
                body = in.readNBytes(MODELS_BODY_BYTES_MAX);
            }
            List<String> out = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(body)
                    .path("data")
                    .forEach(m -> {
                        if (m.path("id").isTextual()) out.add(m.path("id").asText());
                    });
            return out;
        } catch (ConnectFailed | OpenAiError | IOException e) {
            return List.of();
        } finally {
            deadline.cancel();
        }
    }

    /** The deadlines of calls and streams (the gateway watches its streams' silence with the same timer). */
    Deadlines deadlines() {
        return deadlines;
    }

    static byte[] readCapped(InputStream in) {
        try (in) {
            return in.readNBytes(ERROR_BODY_BYTES_MAX);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static void closeQuietly(java.io.Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private static String join(String base, String path) {
        return base.endsWith("/") ? base + path : base + "/" + path;
    }

    @Override
    public void close() {
        deadlines.close();
        closeQuietly(http);
        closeQuietly(connections);
    }
}
