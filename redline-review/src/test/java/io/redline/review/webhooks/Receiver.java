package io.redline.review.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A host platform's webhook endpoint on a free local port: it checks every request's signature
 * the way docs/review.md tells receivers to (its own HMAC code, not Redline's), records it, and
 * answers with the next scripted status (default 204).
 */
final class Receiver implements AutoCloseable {
    record Request(Map<String, List<String>> headers, byte[] body, boolean signatureValid, long signedAtSeconds) {
        /** Header names are case-insensitive; they are stored lower-case. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final String secret;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Released once per request that arrived (before it is answered). */
    final Semaphore arrived = new Semaphore(0);
    /** While set, the next request waits here before being answered (a slow or silent receiver). */
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();

    private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();

    Receiver(String secret) {
        this(secret, 0);
    }

    Receiver(String secret, int port) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst("Redline-Signature");
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new Request(Map.copyOf(headers), body, verify(signature, body), signedAt(signature)));
            arrived.release();
            CountDownLatch g = gate.getAndSet(null);
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status;
            synchronized (script) {
                status = script.isEmpty() ? 204 : script.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The next requests get these statuses, in order; then 204 again. */
    Receiver answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
        return this;
    }

    /** Holds the next request (only that one) unanswered until {@link #open()}. */
    void holdNext() {
        CountDownLatch g = new CountDownLatch(1);
        gates.add(g);
        gate.set(g);
    }

    /** Answers held requests. */
    void open() {
        gate.set(null);
        gates.forEach(CountDownLatch::countDown);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** {@code t=<seconds>,v1=<hex>}: HMAC-SHA256 over "<t>.<body>", compared in constant time. */
    boolean verify(String header, byte[] body) {
        if (header == null) return false;
        String t = null, v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) t = part.substring(2);
            if (part.startsWith("v1=")) v1 = part.substring(3);
        }
        if (t == null || v1 == null) return false;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (Exception e) {
            return false;
        }
    }

    private static long signedAt(String header) {
        if (header == null || !header.startsWith("t=")) return -1;
        return Long.parseLong(header.substring(2, header.indexOf(',')));
    }

    @Override
    public void close() {
        open();
        server.stop(0);
        pool.shutdownNow();
    }
}
