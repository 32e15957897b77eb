package io.redline.bench.load;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>It speaks HTTP/1.1 itself over blocking keep-alive sockets, one connection per platform
 * thread, with each request's head written from a template. The generator shares the server's two
 * cores, so its CPU is taken from the server under test: the JDK's {@code HttpClient} on virtual
 * threads, used until session 11, cost 0.25–0.52 ms of CPU a request (more than Redline's own
 * 0.32–0.41 ms an item at saturation) in its selector thread, completion stages and the virtual
 * threads' hand-offs. This client does what a load generator needs and nothing more: POST, read
 * the status line, the headers it must ({@code Content-Length}, chunked encoding, {@code Connection:
 * close}) and skip the body.
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
        Target target =
                new Target(URI.create(url + (batch > 1 ? "/v1/contents:batch" : "/v1/contents") + query), token);
        Result warm = switch (mode) {
            case "max" -> closedLoop(target, Math.min(amount, 8), 3, batch);
            case "rate" -> openLoop(target, Math.min(amount, 200), 3, batch);
            default -> throw new IllegalArgumentException("mode must be max or rate");
        };
        System.err.println("warm-up: " + warm.summary(batch));
        Result r = mode.equals("max")
                ? closedLoop(target, amount, seconds, batch)
                : openLoop(target, amount, seconds, batch);
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

    private static Result closedLoop(Target target, int workers, int seconds, int batch) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong errors = new AtomicLong();
        AtomicInteger seq = new AtomicInteger();
        long[][] perWorker = new long[workers][];
        int[] counts = new int[workers];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            for (int w = 0; w < workers; w++) {
                int id = w;
                perWorker[w] = new long[1 << 16];
                pool.submit(() -> {
                    Connection connection = new Connection(target);
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok = connection.send(seq.getAndIncrement(), batch);
                        if (!ok) errors.incrementAndGet();
                        if (counts[id] == perWorker[id].length)
                            perWorker[id] = Arrays.copyOf(perWorker[id], counts[id] * 2);
                        perWorker[id][counts[id]++] = (System.nanoTime() - t0) / 1000;
                    }
                    connection.close();
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

    /** Threads of the open loop, each with its connection: enough for 1,000 req/s at 250 ms a request. */
    private static final int OPEN_LOOP_THREADS = 256;

    private static Result openLoop(Target target, int perSecond, int seconds, int batch) throws Exception {
        int total = perSecond * seconds;
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicLong errors = new AtomicLong();
        Semaphore inFlightMax = new Semaphore(4_096); // bound memory if the server stalls completely
        long intervalNanos = 1_000_000_000L / perSecond;
        ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> new Connection(target));
        long start = System.nanoTime();
        // A request waiting for a free thread waits from its intended send time: that is counted.
        try (ExecutorService pool = Executors.newFixedThreadPool(OPEN_LOOP_THREADS)) {
            for (int i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                inFlightMax.acquire();
                int n = i;
                pool.submit(() -> {
                    try {
                        if (!connections.get().send(n, batch)) errors.incrementAndGet();
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

    private static void reportError(String message) {
        if (REPORTED_ERRORS.getAndIncrement() < 3) System.err.println("error: " + message);
    }

    /** Where requests go: the head of every request but its length, written once. */
    record Target(URI uri, String host, int port, byte[] head) {
        Target(URI uri, String token) {
            this(
                    uri,
                    uri.getHost(),
                    uri.getPort(),
                    ("POST " + uri.getRawPath()
                                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                                    + "Authorization: Bearer " + token + "\r\n"
                                    + "Content-Type: application/json\r\n"
                                    + "Content-Length: ")
                            .getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** One keep-alive HTTP/1.1 connection, used by one thread at a time; reopened after an error. */
    static final class Connection {
        private final Target target;
        private final byte[] line = new byte[8192];
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(Target target) {
            this.target = target;
        }

        /** Posts item(s) n and reads the answer; true for 201 Created. */
        boolean send(int n, int batch) {
            byte[] body = (batch > 1 ? batchBody(n, batch) : item(n, 0)).getBytes(StandardCharsets.UTF_8);
            try {
                if (socket == null) open();
                byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                byte[] request = new byte[target.head().length + length.length + body.length];
                System.arraycopy(target.head(), 0, request, 0, target.head().length);
                System.arraycopy(length, 0, request, target.head().length, length.length);
                System.arraycopy(body, 0, request, target.head().length + length.length, body.length);
                out.write(request);
                out.flush();
                int status = readResponse();
                if (status == 201) return true;
                reportError("HTTP " + status + " from " + target.uri());
                return false;
            } catch (IOException | RuntimeException e) {
                reportError(e + " from " + target.uri());
                close();
                return false;
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(new InetSocketAddress(target.host(), target.port()), 5_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = socket.getOutputStream();
        }

        /** Reads one response, skipping its body; returns the status code. */
        private int readResponse() throws IOException {
            int len = readLine();
            if (len < 12 || line[0] != 'H' || line[8] != ' ') throw new IOException("not an HTTP status line");
            int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            long contentLength = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            while ((len = readLine()) > 0) {
                String header = new String(line, 0, len, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
                if (header.startsWith("content-length:")) {
                    contentLength = Long.parseLong(header.substring(15).trim());
                } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
                    chunked = true;
                } else if (header.startsWith("connection:") && header.contains("close")) {
                    closeAfter = true;
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(readString().split(";", 2)[0].trim(), 16)) > 0) {
                    skip(size + 2); // the chunk and its CRLF
                }
                while (readLine() > 0) {} // trailers, then the empty line
            } else if (contentLength >= 0) {
                skip(contentLength);
            } else {
                closeAfter = true; // a body delimited by the end of the connection
            }
            if (closeAfter) close();
            return status;
        }

        /** Reads a line into {@link #line} without its CRLF; returns its length. */
        private int readLine() throws IOException {
            int len = 0;
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) throw new EOFException("connection closed mid-response");
                if (len == line.length) throw new IOException("header line too long");
                line[len++] = (byte) b;
            }
            return len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        }

        private String readString() throws IOException {
            return new String(line, 0, readLine(), StandardCharsets.US_ASCII);
        }

        private void skip(long count) throws IOException {
            while (count > 0) {
                long skipped = in.skip(count);
                if (skipped <= 0) {
                    if (in.read() < 0) throw new EOFException("connection closed mid-body");
                    skipped = 1;
                }
                count -= skipped;
            }
        }

        void close() {
            try {
                if (socket != null) socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
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
                + jsonEscaped(TEXTS.get().nextItem()) + "\"}";
    }

    /**
     * The texts sent: community traffic from the bench's corpus generator (live chat, comments,
     * notes, a share of drainage attempts), a stream of its own for each sending thread, seeded from
     * the run's seed ({@code REDLINE_LOAD_SEED}, else the clock: the phases of one benchmark run
     * against one server must not send the same texts again). Distinct texts matter: with a handful
     * of fixed sentences from many authors every item is a near-copy of another author's, and the
     * service measured the cost of a repost storm (copy links, audit, review) instead of ordinary
     * traffic. Until session 11 the texts came from a table of 400,000 read at every 50th entry
     * for single items: 8,000 texts, so after the first 8,000 requests of a phase nearly every item
     * copied an earlier one by another author (43% of the items of a fast run were copies, 3% of a
     * slow one's), and a faster build was given more copy work than a slower one.
     */
    private static final long RUN_SEED = runSeed();

    private static final AtomicLong STREAMS = new AtomicLong();
    private static final ThreadLocal<io.redline.bench.corpus.CorpusGenerator> TEXTS = ThreadLocal.withInitial(() ->
            new io.redline.bench.corpus.CorpusGenerator(RUN_SEED + STREAMS.incrementAndGet() * 0x9E3779B97F4A7C15L));

    private static long runSeed() {
        String given = System.getenv("REDLINE_LOAD_SEED");
        long seed = given == null || given.isBlank() ? System.nanoTime() : Long.parseLong(given.trim());
        System.err.println("texts: corpus streams seeded from " + seed + " (REDLINE_LOAD_SEED)");
        return seed;
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
