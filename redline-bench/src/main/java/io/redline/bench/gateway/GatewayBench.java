package io.redline.bench.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.redline.gateway.GatewayConfig;
import io.redline.gateway.HoldBack;
import io.redline.gateway.Judgement;
import io.redline.gateway.OutputGuard;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.policy.Action;
import io.redline.server.RedlineServer;
import io.redline.server.config.RedlineConfig;
import io.redline.text.Screener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Gateway overhead in one run: a scripted OpenAI-compatible upstream and a real Redline server
 * (embedded SQLite, every exchange stored) in this process, and a floor proxy (the same HTTP server
 * and client with nothing else); a fixed-rate open-loop load sends requests round robin to the
 * upstream directly, through the floor and through the gateway, so all three see the same machine
 * at the same moments. Reports client-side p50/p99 of each and what each adds over the direct call,
 * the gateway's own added-latency timers, the output guard alone per chunk, and the thread switches
 * each target costs per request (see {@link #switches}).
 *
 * <p>{@code GatewayBench [RATE=50] [SECONDS=20] [CHUNKS=50]}
 */
public final class GatewayBench {
    private static final java.util.concurrent.atomic.AtomicBoolean FIRST_ERROR =
            new java.util.concurrent.atomic.AtomicBoolean();
    private static final String ANSWER_PART = "今天天气不错，适合写一篇";

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int chunks = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        System.out.printf(
                Locale.ROOT,
                "== machine: %d cores, %s; java %s%n",
                Runtime.getRuntime().availableProcessors(),
                cpu(),
                System.getProperty("java.version"));

        guardAlone();

        HttpServer upstream = upstream(chunks);
        String upstreamBase = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1";
        Path data = Files.createTempDirectory("redline-gateway-bench-");
        GatewayConfig d = GatewayConfig.defaults();
        GatewayConfig gw = new GatewayConfig(
                List.of(new GatewayConfig.Upstream("bench", upstreamBase, null, null, List.of("*"), 30_000)),
                d.producerId(),
                true,
                d.defaultLanguage(),
                d.labels(),
                new GatewayConfig.Limits(0, 0, 0, 200_000, 4_096),
                d.minors(),
                d.retention());
        RedlineConfig config = RedlineConfig.defaults()
                .withEnvironment(Map.of("REDLINE_DATA_DIR", data.toString(), "REDLINE_PORT", "0"))
                .withGateway(gw);
        try (RedlineServer server = new RedlineServer(config).start()) {
            String token = server.tokens()
                    .create(new TokenRequest(Role.SERVICE, null, "bench"), "bench")
                    .secret();
            String gatewayBase = "http://127.0.0.1:" + server.port() + "/ai/v1";
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            io.javalin.Javalin floor = floorProxy(upstreamBase);
            List<Target> targets = List.of(
                    new Target("direct", upstreamBase, null),
                    new Target("floor", "http://127.0.0.1:" + floor.port() + "/v1", null),
                    new Target("gateway", gatewayBase, token));

            System.out.printf(
                    Locale.ROOT,
                    "== load average before: %s%n",
                    Files.readString(Path.of("/proc/loadavg")).trim());
            int warmSeconds = Integer.getInteger("gateway.bench.warmSeconds", 20);
            System.out.printf(
                    Locale.ROOT,
                    "== warm-up (JIT): %d s of back-to-back calls from %d callers, round robin, whole answers then"
                            + " streams, then 5 s at the measured rate; not reported%n",
                    warmSeconds,
                    WARM_CALLERS);
            long warmCompileMs = compileMs();
            int warmCalls =
                    warm(client, targets, warmSeconds / 2, false) + warm(client, targets, warmSeconds / 2, true);
            run(client, targets, rate, 5, false);
            System.out.printf(
                    Locale.ROOT,
                    "   %d calls, %d ms of JIT compilation during the warm-up%n",
                    warmCalls,
                    compileMs() - warmCompileMs);

            System.out.printf(
                    Locale.ROOT,
                    "== whole answers, %d req/s for %d s, round robin direct / floor / gateway%n",
                    rate,
                    seconds);
            long c0 = compileMs();
            report(targets, run(client, targets, rate, seconds, false), 1);
            System.out.printf(Locale.ROOT, "   JIT compilation during the phase: %d ms%n", compileMs() - c0);
            System.out.printf(
                    Locale.ROOT,
                    "== streams of %d chunks, %d req/s for %d s, round robin direct / floor / gateway%n",
                    chunks,
                    rate,
                    seconds);
            c0 = compileMs();
            report(targets, run(client, targets, rate, seconds, true), chunks);
            System.out.printf(Locale.ROOT, "   JIT compilation during the phase: %d ms%n", compileMs() - c0);
            switches(client, targets, 300, false);
            switches(client, targets, 300, true);
            floor.stop();

            server.gateway().drain(30_000);
            String metrics = client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            System.out.println(
                    "== the gateway's own timers since start (time in the gateway minus time waiting for the upstream;"
                            + " p50/p99 are histogram bucket bounds, so upper estimates):");
            timers(metrics);
        } finally {
            upstream.stop(0);
        }
    }

    /**
     * The output guard alone over a long clean answer in 4-character chunks (what the gateway adds per
     * chunk for screening): mean per chunk, and p50/p99 of single chunks (a chunk that completes a step
     * pays for one window's screening). 60 rounds warm the JIT first; the screener's loops need them.
     */
    private static void guardAlone() {
        Screener s = Screener.starter();
        HoldBack hb = HoldBack.of(s, 0);
        OutputGuard.Judge never = (hits, len) -> new Judgement(Action.ALLOW, "ok", null, false);
        String text = (ANSWER_PART + "The quick brown fox jumps over the lazy dog. ").repeat(200);
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 4) chunks.add(text.substring(i, Math.min(text.length(), i + 4)));
        int rounds = 80;
        int measured = 20;
        long[] single = new long[measured * chunks.size()];
        long total = 0;
        int k = 0;
        for (int round = 0; round < rounds; round++) {
            OutputGuard g = new OutputGuard(s, hb, never, 1_000_000);
            boolean measure = round >= rounds - measured;
            for (String c : chunks) {
                long t0 = System.nanoTime();
                g.append(c);
                long d = System.nanoTime() - t0;
                if (measure) {
                    single[k++] = d;
                    total += d;
                }
            }
            g.finish();
        }
        Arrays.sort(single);
        System.out.printf(
                Locale.ROOT,
                "== output guard alone (starter lexicon: longest pattern %d, window %d chars, step %d): mean %d ns per 4-char chunk;"
                        + " single chunks p50 %d ns, p99 %d ns, max %d ns%n",
                s.maxPatternLength(),
                hb.holdCharsMax(),
                hb.stepChars(),
                total / single.length,
                single[single.length / 2],
                single[(int) (single.length * 0.99)],
                single[single.length - 1]);
    }

    record Target(String name, String base, String token) {}

    /** Client-side latencies per target, in microseconds, sorted. */
    record Latencies(long[][] byTarget, long errors) {}

    /**
     * Callers in the warm-up. At the measured rate each target is called a few hundred times, too
     * few for the JIT to compile the gateway's long path (and the storing behind it) the way it
     * compiles the floor's short one; back-to-back calls give it more than twice as many before
     * the measuring starts. Each phase prints the JIT's compile time during it, because compiler
     * threads that are still busy take a core of the two from the calls being timed.
     */
    private static final int WARM_CALLERS = 4;

    /** Back-to-back calls from {@link #WARM_CALLERS} callers for {@code seconds}, round robin; returns how many. */
    private static int warm(HttpClient client, List<Target> targets, int seconds, boolean stream) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong calls = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < WARM_CALLERS; c++) {
                pool.submit(() -> {
                    for (long i = calls.getAndIncrement(); System.nanoTime() < end; i = calls.getAndIncrement()) {
                        call(client, targets.get((int) (i % targets.size())), (int) i, stream);
                    }
                    return null;
                });
            }
        }
        return (int) calls.get();
    }

    /** Time the JIT compilers have spent so far, in ms. */
    private static long compileMs() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** Open-loop fixed rate; request i goes to target i mod n, so every target sees the same moments. */
    private static Latencies run(HttpClient client, List<Target> targets, int rate, int seconds, boolean stream)
            throws Exception {
        int total = rate * seconds;
        int n = targets.size();
        AtomicLongArray lat = new AtomicLongArray(total);
        AtomicLong errors = new AtomicLong();
        Semaphore inFlight = new Semaphore(2_048);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long intended = start + i * interval;
                long wait = intended - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                inFlight.acquire();
                int k = i;
                Target t = targets.get(i % n);
                pool.submit(() -> {
                    try {
                        if (!call(client, t, k, stream)) errors.incrementAndGet();
                        lat.set(k, (System.nanoTime() - intended) / 1_000);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        }
        long[][] by = new long[n][];
        for (int t = 0; t < n; t++) {
            int tt = t;
            by[t] = java.util.stream.IntStream.range(0, total)
                    .filter(i -> i % n == tt)
                    .mapToLong(lat::get)
                    .sorted()
                    .toArray();
        }
        return new Latencies(by, errors.get());
    }

    private static boolean call(HttpClient client, Target t, int n, boolean stream)
            throws IOException, InterruptedException {
        String body = "{\"model\":\"bench\",\"stream\":" + stream + ",\"user\":\"bench-" + (n % 1000)
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"帮我写一段周末去公园散步的小红书文案\"}]}";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.base() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (t.token() != null) b.header("Authorization", "Bearer " + t.token());
        if (!stream) {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 && FIRST_ERROR.compareAndSet(false, true)) {
                System.out.println("   (first error: " + t.name() + " " + r.statusCode() + " " + r.body() + ")");
            }
            return r.statusCode() == 200;
        }
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        boolean done = false;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) done |= line.equals("data: [DONE]");
        }
        return r.statusCode() == 200 && done;
    }

    /**
     * Thread switches per request, by thread name, for each target alone: {@code n} requests one
     * after another, 20 ms apart (threads park between them, as at a low rate). Load-independent
     * where latency is not: on a shared or virtual machine every wake-up of a parked thread costs
     * tens to hundreds of microseconds, so the switches a hop adds predict what it adds on a quiet
     * machine. Counted from /proc/self/task (voluntary and involuntary switches of every thread,
     * numbers in names folded to #); rows under 0.2 per request are left out.
     */
    private static void switches(HttpClient client, List<Target> targets, int n, boolean stream) throws Exception {
        System.out.printf(
                Locale.ROOT,
                "== thread switches per request (%s, %d sequential requests 20 ms apart per target)%n",
                stream ? "streams" : "whole answers",
                n);
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            Map<String, Long> before = switchesByThread();
            long[] lat = new long[n];
            for (int i = 0; i < n; i++) {
                TimeUnit.MILLISECONDS.sleep(20);
                long t0 = System.nanoTime();
                call(client, target, i, stream);
                lat[i] = (System.nanoTime() - t0) / 1_000;
            }
            Map<String, Long> after = switchesByThread();
            Arrays.sort(lat);
            long total = 0;
            StringBuilder by = new StringBuilder();
            for (var e : after.entrySet()) {
                long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
                total += d;
                if (d >= n / 5) by.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), d / (double) n));
            }
            System.out.printf(
                    Locale.ROOT,
                    "   %-7s: %.1f per request (p50 %.3f ms):%s%n",
                    target.name(),
                    total / (double) n,
                    lat[n / 2] / 1000.0,
                    by);
        }
    }

    private static Map<String, Long> switchesByThread() throws IOException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                    long sum = 0;
                    for (String l : Files.readAllLines(task.resolve("status"))) {
                        if (l.startsWith("voluntary_ctxt_switches") || l.startsWith("nonvoluntary_ctxt_switches")) {
                            sum += Long.parseLong(
                                    l.substring(l.indexOf(':') + 1).trim());
                        }
                    }
                    out.merge(name, sum, Long::sum);
                } catch (IOException e) {
                    // the thread ended between listing and reading
                }
            }
        }
        return out;
    }

    /** Each target's p50/p99, and what each adds over the first (the upstream called directly). */
    private static void report(List<Target> targets, Latencies l, int chunks) {
        double d50 = pct(l.byTarget()[0], 0.5), d99 = pct(l.byTarget()[0], 0.99);
        for (int t = 0; t < targets.size(); t++) {
            double p50 = pct(l.byTarget()[t], 0.5), p99 = pct(l.byTarget()[t], 0.99);
            System.out.printf(
                    Locale.ROOT,
                    "   %-7s: p50 %.3f ms  p99 %.3f ms  (%d requests)%s%n",
                    targets.get(t).name(),
                    p50,
                    p99,
                    l.byTarget()[t].length,
                    t == 0
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "; added p50 %.3f ms, p99 %.3f ms per request%s",
                                    p50 - d50,
                                    p99 - d99,
                                    chunks > 1
                                            ? String.format(
                                                    Locale.ROOT, ", %.4f ms p50 per chunk", (p50 - d50) / chunks)
                                            : ""));
        }
        System.out.printf(Locale.ROOT, "   errors in the run: %d%n", l.errors());
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }

    /**
     * The floor: the least a proxy on this stack can add. Javalin on virtual threads (Redline's
     * edge) forwards the body with the HTTP client the gateway uses (Apache HttpClient 5, blocking,
     * pooled) and copies the answer back: a whole answer with its length in one write, a stream
     * flushed as it arrives. No authentication, screening, labels or log.
     */
    private static io.javalin.Javalin floorProxy(String upstreamBase) {
        var cm = org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(512)
                .setMaxConnTotal(512)
                .build();
        org.apache.hc.client5.http.impl.classic.CloseableHttpClient http =
                org.apache.hc.client5.http.impl.classic.HttpClients.custom()
                        .setConnectionManager(cm)
                        .build();
        io.javalin.Javalin app = io.javalin.Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = true;
        });
        app.post("/v1/chat/completions", ctx -> {
            byte[] body = ctx.bodyAsBytes();
            var post = new org.apache.hc.client5.http.classic.methods.HttpPost(upstreamBase + "/chat/completions");
            post.setEntity(new org.apache.hc.core5.http.io.entity.ByteArrayEntity(
                    body, org.apache.hc.core5.http.ContentType.APPLICATION_JSON));
            http.execute(post, r -> {
                ctx.status(r.getCode()).contentType(r.getEntity().getContentType());
                OutputStream out = ctx.res().getOutputStream();
                boolean stream = String.valueOf(r.getEntity().getContentType()).startsWith("text/event-stream");
                if (!stream && r.getEntity().getContentLength() >= 0) {
                    // A whole answer goes back as the gateway sends one: with its length, in one
                    // write (flushing each read would send it chunked, its end in a write of its own).
                    byte[] whole = r.getEntity().getContent().readAllBytes();
                    ctx.res().setContentLength(whole.length);
                    out.write(whole);
                    return null;
                }
                try (InputStream in = r.getEntity().getContent()) {
                    byte[] buf = new byte[8_192];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                }
                return null;
            });
        });
        return app.start("127.0.0.1", 0);
    }

    /** The upstream: a fixed answer, whole or as {@code chunks} SSE chunks written back to back. */
    private static HttpServer upstream(int chunks) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_024);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] whole =
                ("{\"id\":\"b\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"bench\",\"choices\":[{\"index\":0,"
                                + "\"message\":{\"role\":\"assistant\",\"content\":\""
                                + ANSWER_PART.repeat(chunks / 4 + 1)
                                + "\"},\"finish_reason\":\"stop\"}]}")
                        .getBytes(StandardCharsets.UTF_8);
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            String part = ANSWER_PART.substring((i * 3) % 9, (i * 3) % 9 + 3);
            sse.append(
                            "data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"bench\",\"choices\":[{\"index\":0,"
                                    + "\"delta\":{\"content\":\"")
                    .append(part)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append(
                "data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"bench\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
        byte[] stream = sse.toString().getBytes(StandardCharsets.UTF_8);
        http.createContext("/v1/chat/completions", ex -> answer(ex, whole, stream));
        http.start();
        return http;
    }

    private static void answer(HttpExchange ex, byte[] whole, byte[] stream) throws IOException {
        boolean streaming =
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).contains("\"stream\":true");
        ex.getResponseHeaders().set("Content-Type", streaming ? "text/event-stream" : "application/json");
        byte[] body = streaming ? stream : whole;
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** p50/p99 (bucket upper bounds) and mean of each gateway timer series, from the Prometheus text. */
    private static void timers(String prometheus) {
        Map<String, java.util.TreeMap<Double, Double>> buckets = new java.util.TreeMap<>();
        Map<String, double[]> sumCount = new java.util.TreeMap<>();
        java.util.regex.Pattern line =
                java.util.regex.Pattern.compile("(redline_gateway_\\w+_seconds)_(bucket|sum|count)(\\{[^}]*})? (\\S+)");
        for (String l : prometheus.lines().toList()) {
            java.util.regex.Matcher m = line.matcher(l);
            if (!m.matches()) continue;
            String labels = m.group(3) == null ? "" : m.group(3);
            String le = null;
            java.util.regex.Matcher lm =
                    java.util.regex.Pattern.compile(",?le=\"([^\"]*)\"").matcher(labels);
            if (lm.find()) {
                le = lm.group(1);
                labels = lm.replaceFirst("");
            }
            labels = labels.replace("{,", "{").replace("{}", "");
            String series = m.group(1) + labels;
            double value = Double.parseDouble(m.group(4));
            switch (m.group(2)) {
                case "bucket" ->
                    buckets.computeIfAbsent(series, k -> new java.util.TreeMap<>())
                            .put(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), value);
                case "sum" -> sumCount.computeIfAbsent(series, k -> new double[2])[0] = value;
                default -> sumCount.computeIfAbsent(series, k -> new double[2])[1] = value;
            }
        }
        buckets.forEach((series, b) -> {
            double total = b.lastEntry().getValue();
            if (total == 0) return;
            double p50 = Double.NaN;
            double p99 = Double.NaN;
            for (var e : b.entrySet()) {
                if (Double.isNaN(p50) && e.getValue() >= 0.5 * total) p50 = e.getKey();
                if (Double.isNaN(p99) && e.getValue() >= 0.99 * total) p99 = e.getKey();
            }
            double[] sc = sumCount.getOrDefault(series, new double[] {0, total});
            System.out.printf(
                    Locale.ROOT,
                    "   %s: n %.0f, mean %.3f ms, p50 <= %.3f ms, p99 <= %.3f ms%n",
                    series,
                    total,
                    sc[1] == 0 ? 0 : 1000 * sc[0] / sc[1],
                    1000 * p50,
                    1000 * p99);
        });
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
