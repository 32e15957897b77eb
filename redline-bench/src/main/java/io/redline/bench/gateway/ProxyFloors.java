package io.redline.bench.gateway;

import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Where a bare proxy's milliseconds go: the minimal experiment behind the gateway's door. One
 * upstream (the JDK's HTTP server, as in {@link GatewayBench}) called directly and through bare
 * proxies that differ in one thing each, round robin at a fixed rate so all see the same moments:
 * Javalin on virtual threads (Javalin 6 puts Jetty's selector on them too; the gateway's edge and
 * {@link GatewayBench}'s floor), Javalin on Jetty's pool with a virtual-thread executor, raw Jetty
 * handlers on platform threads and on virtual threads, and a raw Jetty handler answering by itself
 * (the cost of one Jetty hop against one JDK-server hop). Every proxy forwards with Apache
 * HttpClient 5, blocking and pooled, as the gateway does. Prints each contestant's p50/p99 and
 * what it adds over the direct call.
 *
 * <p>{@code ProxyFloors [RATE_PER_CONTESTANT=50] [SECONDS=25]}
 */
public final class ProxyFloors {
    private static final byte[] ANSWER =
            ("{\"id\":\"b\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench\","
                            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                            + "今天天气不错，适合写一篇".repeat(13) + "\"},\"finish_reason\":\"stop\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "/v1/chat/completions";

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_024);
        upstream.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        upstream.createContext(PATH, ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(ANSWER);
            }
        });
        upstream.start();
        String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort() + PATH;
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(512)
                        .setMaxConnTotal(512)
                        .build())
                .build();

        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("direct", upstreamUrl);
        targets.put("javalin, virtual threads (the floor)", javalin(upstreamUrl, http, false));
        targets.put("javalin, jetty pool + virtual", javalin(upstreamUrl, http, true));
        targets.put("jetty, platform threads", jetty(upstreamUrl, http, false, false));
        targets.put("jetty, virtual threads", jetty(upstreamUrl, http, true, false));
        targets.put("jetty answering itself", jetty(upstreamUrl, http, false, true));

        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> names = new ArrayList<>(targets.keySet());
        System.out.printf(
                Locale.ROOT, "== warm-up 10 s, then %d s at %d req/s per contestant, round robin%n", seconds, rate);
        run(client, names, targets, rate, 10);
        long[][] lat = run(client, names, targets, rate, seconds);
        double direct = pct(lat[0], 0.5);
        for (int i = 0; i < names.size(); i++) {
            System.out.printf(
                    Locale.ROOT,
                    "   %-38s p50 %.3f ms  p99 %.3f ms  added p50 %+.3f ms%n",
                    names.get(i),
                    pct(lat[i], 0.5),
                    pct(lat[i], 0.99),
                    pct(lat[i], 0.5) - direct);
        }
        System.exit(0);
    }

    private static void forward(CloseableHttpClient http, String url, byte[] body, Answer answer) throws IOException {
        HttpPost post = new HttpPost(url);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        http.execute(post, r -> {
            answer.send(r.getCode(), r.getEntity().getContent().readAllBytes());
            return null;
        });
    }

    private interface Answer {
        void send(int status, byte[] body) throws IOException;
    }

    private static String javalin(String upstreamUrl, CloseableHttpClient http, boolean jettyPool) {
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true;
            if (jettyPool) {
                QueuedThreadPool pool = new QueuedThreadPool();
                pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
                c.jetty.threadPool = pool;
            }
        });
        app.post(
                PATH,
                ctx -> forward(
                        http,
                        upstreamUrl,
                        ctx.bodyAsBytes(),
                        (status, body) -> ctx.status(status)
                                .contentType("application/json")
                                .result(body)));
        app.start("127.0.0.1", 0);
        return "http://127.0.0.1:" + app.port() + PATH;
    }

    private static String jetty(String upstreamUrl, CloseableHttpClient http, boolean virtual, boolean itself)
            throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool();
        if (virtual) pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse res)
                    throws IOException {
                base.setHandled(true);
                byte[] body = req.getInputStream().readAllBytes();
                Answer answer = (status, bytes) -> {
                    res.setStatus(status);
                    res.setContentType("application/json");
                    res.setContentLength(bytes.length);
                    res.getOutputStream().write(bytes);
                };
                if (itself) answer.send(200, ANSWER);
                else forward(http, upstreamUrl, body, answer);
            }
        });
        server.start();
        return "http://127.0.0.1:" + connector.getLocalPort() + PATH;
    }

    /** Open loop at a fixed rate; request i goes to contestant i mod n. Latency from the intended send time, in µs. */
    private static long[][] run(
            HttpClient client, List<String> names, Map<String, String> targets, int rate, int seconds)
            throws Exception {
        int n = names.size();
        int total = rate * seconds * n;
        AtomicLongArray lat = new AtomicLongArray(total);
        AtomicLong errors = new AtomicLong();
        long interval = 1_000_000_000L / ((long) rate * n);
        long start = System.nanoTime();
        byte[] request = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long intended = start + i * interval;
                long wait = intended - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                int k = i;
                URI uri = URI.create(targets.get(names.get(i % n)));
                pool.submit(() -> {
                    try {
                        HttpResponse<byte[]> r = client.send(
                                HttpRequest.newBuilder(uri)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (IOException | InterruptedException e) {
                        errors.incrementAndGet();
                    }
                    lat.set(k, (System.nanoTime() - intended) / 1_000);
                    return null;
                });
            }
        }
        if (errors.get() > 0) System.out.println("   errors: " + errors.get());
        long[][] by = new long[n][];
        for (int t = 0; t < n; t++) {
            int tt = t;
            by[t] = java.util.stream.IntStream.range(0, total)
                    .filter(i -> i % n == tt)
                    .mapToLong(lat::get)
                    .sorted()
                    .toArray();
        }
        return by;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
}
