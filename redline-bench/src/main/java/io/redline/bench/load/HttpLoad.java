package io.redline.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A small HTTP load generator for Redline's write path.
 *
 * <p>Two modes: {@code max} runs N closed-loop workers as fast as the server answers and reports
 * sustained items/s; {@code rate} sends at a fixed rate (open loop) and measures each latency from
 * the request's <em>intended</em> send time, so a stalled server shows up in the percentiles
 * instead of silently slowing the generator down (coordinated omission).
 *
 * <p>Usage: {@code HttpLoad URL TOKEN max WORKERS SECONDS [BATCH]} or
 * {@code HttpLoad URL TOKEN rate PER_SECOND SECONDS [BATCH [QUERY]]}; BATCH &gt; 1 posts to {@code :batch};
 * QUERY such as {@code ?wait=true} asks the server to decide each item before answering.
 */
public final class HttpLoad {
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: HttpLoad URL TOKEN (max WORKERS | rate PER_SECOND) SECONDS [BATCH [QUERY]]");
            System.exit(2);
        }
        String url = args[0];
        String token = args[1];
        String mode = args[2];
        int amount = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int batch = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        String query = args.length > 6 ? args[6] : "";
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        URI target = URI.create(url + (batch > 1 ? "/v1/contents:batch" : "/v1/contents") + query);
        Result warm = switch (mode) {
            case "max" -> closedLoop(client, target, token, Math.min(amount, 8), 3, batch);
            case "rate" -> openLoop(client, target, token, Math.min(amount, 200), 3, batch);
            default -> throw new IllegalArgumentException("mode must be max or rate");
        };
        System.err.println("warm-up: " + warm.summary(batch));
        Result r = mode.equals("max")
                ? closedLoop(client, target, token, amount, seconds, batch)
                : openLoop(client, target, token, amount, seconds, batch);
        System.out.println(mode + " " + amount + (mode.equals("max") ? " workers" : " req/s") + ", batch " + batch
                + (query.isEmpty() ? "" : " " + query) + ", " + seconds + " s: " + r.summary(batch));
    }

    record Result(long requests, long errors, double seconds, long[] latenciesMicros) {
        String summary(int batch) {
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return String.format(
                    Locale.ROOT,
                    "%d requests (%d errors), %.0f req/s = %.0f items/s; latency ms p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
                    requests,
                    errors,
                    requests / seconds,
                    requests * batch / seconds,
                    pct(sorted, 0.50),
                    pct(sorted, 0.90),
                    pct(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        }

        private static double pct(long[] sorted, double p) {
            if (sorted.length == 0) return 0;
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1000.0;
        }
    }

    private static Result closedLoop(HttpClient client, URI target, String token, int workers, int seconds, int batch)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        AtomicInteger seq = new AtomicInteger();
        long[][] perWorker = new long[workers][];
        int[] counts = new int[workers];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                int id = w;
                perWorker[w] = new long[1 << 16];
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok = send(client, target, token, seq.getAndIncrement(), batch);
                        if (!ok) errors.incrementAndGet();
                        if (counts[id] == perWorker[id].length)
                            perWorker[id] = Arrays.copyOf(perWorker[id], counts[id] * 2);
                        perWorker[id][counts[id]++] = (System.nanoTime() - t0) / 1000;
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int w = 0; w < workers; w++) {
            System.arraycopy(perWorker[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        return new Result(total, errors.get(), elapsed, all);
    }

    private static Result openLoop(HttpClient client, URI target, String token, int perSecond, int seconds, int batch)
            throws Exception {
        int total = perSecond * seconds;
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicLong errors = new AtomicLong();
        Semaphore inFlightMax = new Semaphore(4_096); // bound memory if the server stalls completely
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                inFlightMax.acquire();
                int n = i;
                pool.submit(() -> {
                    try {
                        if (!send(client, target, token, n, batch)) errors.incrementAndGet();
                        latencies.set(n, (System.nanoTime() - intended) / 1000);
                    } finally {
                        inFlightMax.release();
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = new long[total];
        for (int i = 0; i < total; i++) all[i] = latencies.get(i);
        return new Result(total, errors.get(), elapsed, all);
    }

    private static final AtomicInteger REPORTED_ERRORS = new AtomicInteger();

    private static boolean send(HttpClient client, URI target, String token, int n, int batch) {
        String body = batch > 1 ? batchBody(n, batch) : item(n, 0);
        try {
            HttpResponse<Void> r = client.send(
                    HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 201) return true;
            if (REPORTED_ERRORS.getAndIncrement() < 3)
                System.err.println("error: HTTP " + r.statusCode() + " from " + target);
            return false;
        } catch (Exception e) {
            if (REPORTED_ERRORS.getAndIncrement() < 3) System.err.println("error: " + e + " from " + target);
            return false;
        }
    }

    private static String batchBody(int n, int batch) {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int k = 0; k < batch; k++) {
            if (k > 0) sb.append(',');
            sb.append(item(n, k));
        }
        return sb.append("]}").toString();
    }

    private static String item(int n, int k) {
        String surface = switch ((n + k) % 3) {
            case 0 -> "comment";
            case 1 -> "live";
            default -> "note";
        };
        return "{\"surface\":\"" + surface + "\",\"authorId\":\"u" + ((n * 31 + k) % 5000) + "\",\"text\":\""
                + NOTES[Math.floorMod(n * 50 + k, NOTES.length)] + "\"}";
    }

    /**
     * The texts sent: community traffic from the bench's corpus generator (live chat, comments,
     * notes, a share of drainage attempts), JSON-escaped once. Distinct texts matter: with a
     * handful of fixed sentences from many authors every item is a near-copy of another author's,
     * and the service measured the cost of a repost storm (copy links, audit, review) instead of
     * ordinary traffic. Enough of them that a run does not repeat one.
     */
    private static final String[] NOTES = notes(400_000);

    private static String[] notes(int count) {
        io.redline.bench.corpus.CorpusGenerator corpus =
                new io.redline.bench.corpus.CorpusGenerator(io.redline.bench.corpus.CorpusGenerator.DEFAULT_SEED);
        String[] out = new String[count];
        for (int i = 0; i < count; i++) out[i] = jsonEscaped(corpus.nextItem());
        return out;
    }

    private static String jsonEscaped(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
