package io.redline.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.bench.corpus.CorpusGenerator;
import io.redline.bench.text.AdversarialScreeningBenchmark;
import io.redline.store.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak/fault suite (issue #11): a real Redline server on a PostgreSQL of its own, mixed traffic
 * at a fixed rate for N minutes, and three faults while it runs (the server killed with SIGKILL and
 * restarted twice, PostgreSQL restarted once). Afterwards it checks, and exits non-zero unless all
 * hold:
 *
 * <ul>
 *   <li>every item the server acknowledged (2xx) is in the database, and decided;
 *   <li>the audit chain verifies;
 *   <li>the p99 of light reads outside the fault windows is within 3x of an idle run measured
 *       first (same server, same rate, nothing else running);
 *   <li>no error but the documented refusals: 503 or 429 with {@code Retry-After}. Connection
 *       errors while the server is down are counted apart, per fault.
 * </ul>
 *
 * <p>Traffic (per request of the fixed rate): items from the bench's corpus generator, some with
 * {@code ?wait=true}; adversarial texts of up to 20k characters (finding 1's generators); batches
 * of 20; reports by 100 creators; reviewer sign-ins through the console form; light reads
 * ({@code /healthz}, {@code /v1/me}, {@code GET /v1/contents/{id}}); and a rescreen every minute.
 * Latencies count from each request's intended send time (open loop), so a stall shows.
 *
 * <p>Run with {@code bench/soak.sh [MINUTES=10] [RATE=100]}; see docs/reliability.md.
 */
public final class Soak {
    enum Op {
        item,
        itemWait,
        adversarial,
        batch,
        report,
        signIn,
        lightRead,
        rescreen
    }

    static final int REPORTERS = 100;
    static final int REPORTS_PER_REPORTER_MAX = 25; // under the documented quota of 30 an hour
    static final int REVIEWERS = 4;
    static final int BATCH_ITEMS = 20;
    static final double LIGHT_SHARE = 0.25;
    static final double P99_RATIO_MAX = 3.0;
    /** After a fault ends (ready again), how long the light-read p99 may still show it (JIT, pools refilling). */
    static final long RECOVERY_GRACE_MS = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOGIN_COOKIE = Pattern.compile("redline_login=([^;]+)");

    private final ServerProcess server;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final String[] texts;
    private final AtomicInteger textAt = new AtomicInteger();
    /** Every acknowledged content id; checked against the database at the end. */
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    /** Recent acknowledged ids, for reads and reports. */
    private final AtomicReferenceArray<Long> recent = new AtomicReferenceArray<>(8192);

    private final AtomicLong recentAt = new AtomicLong();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final AtomicInteger[] reportsBy = new AtomicInteger[REPORTERS];
    private final Map<Op, Tally> tallies = new EnumMap<>(Op.class);
    private final List<String> failures = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    /** Failures outside the measured run's tallies: during the warm-up and idle phases, or of the fault injection. */
    private final LongAdder otherFailed = new LongAdder();

    private volatile boolean down;
    private volatile Fault current;
    private volatile long runStartNanos;
    private String serviceToken;
    private String adminToken;
    private String auditorToken;
    private final String[] reporterTokens = new String[REPORTERS];

    Soak(ServerProcess server, int textCount) {
        this.server = server;
        CorpusGenerator corpus = new CorpusGenerator(CorpusGenerator.DEFAULT_SEED);
        texts = new String[textCount];
        for (int i = 0; i < textCount; i++) texts[i] = corpus.nextItem();
        for (int i = 0; i < REPORTERS; i++) reportsBy[i] = new AtomicInteger();
        for (Op op : Op.values()) tallies.put(op, new Tally());
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path root =
                Path.of(System.getProperty("soak.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("redline-soak-");
        // Under root PostgreSQL runs as its own user, which must reach its data directory inside.
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        int port = Integer.getInteger("soak.port", 18090);
        System.out.printf(
                Locale.ROOT,
                "== soak: %.1f min at %d req/s (light reads %.0f%%), work dir %s, started %s%n",
                minutes,
                rate,
                LIGHT_SHARE * 100,
                work,
                Instant.now());
        boolean ok;
        // The soak's own durable PostgreSQL (fsync on: it checks that acknowledged items survive),
        // restartable mid-run; its data and log stay in the work dir when the run fails.
        PostgresServer pg = PostgresServer.durable(work.resolve("pg"));
        try {
            String url = pg.newDatabaseUrl();
            ServerProcess server = new ServerProcess(root, work, port, url);
            Soak soak = new Soak(server, (int) Math.min(400_000, rate * minutes * 60 * 2 + 50_000));
            // Interrupted (Ctrl-C, a timeout): leave no server behind (PostgreSQL stops at exit).
            Thread cleanup = new Thread(() -> {
                try {
                    server.kill();
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            });
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                ok = soak.run(pg, url, minutes, rate);
            } finally {
                server.stop();
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        } finally {
            try {
                pg.stop();
            } catch (RuntimeException e) {
                System.err.println("soak: stopping PostgreSQL: " + e.getMessage());
            }
        }
        if (ok && !Boolean.getBoolean("soak.keep")) deleteTree(work);
        else System.out.println("== logs and data kept in " + work);
        System.out.println(ok ? "== SOAK PASSED" : "== SOAK FAILED");
        System.exit(ok ? 0 : 1);
    }

    boolean run(PostgresServer pg, String url, double minutes, int rate) throws Exception {
        adminToken = server.cli(List.of("token", "create", "--role", "admin", "--name", "soak-admin"));
        server.start();
        System.out.printf(
                "== server ready in %d ms (pid %d)%n", server.awaitReady(Duration.ofMinutes(5)), server.pid());
        setUp();

        runStartNanos = System.nanoTime();
        System.out.println("== warm-up: 30 s of the mixed load (not reported)");
        mixed(rate, 30, null, false);
        Map<Op, Tally> warm = snapshotAndReset();
        System.out.println("   " + warm.get(Op.item).line("item (warm-up)"));
        TimeUnit.SECONDS.sleep(5);

        int idleSeconds = 30;
        int lightRate = Math.max(1, (int) Math.round(rate * LIGHT_SHARE));
        System.out.printf("== idle: light reads alone at %d req/s for %d s%n", lightRate, idleSeconds);
        mixed(lightRate, idleSeconds, Op.lightRead, false);
        Tally idle = snapshotAndReset().get(Op.lightRead);
        double idleP99 = idle.percentileMs(0.99, null);
        System.out.println("   " + idle.line("lightRead (idle)"));

        long seconds = Math.round(minutes * 60);
        System.out.printf(
                "== mixed load: %d req/s for %d s; faults at %d s (server kill -9), %d s (PostgreSQL restart), %d s (server kill -9)%n",
                rate, seconds, seconds / 4, seconds / 2, seconds * 3 / 4);
        LoadSampler loadAvg = new LoadSampler();
        Thread.ofPlatform().daemon().start(loadAvg);
        long mixedStart = System.nanoTime();
        Thread faultsThread = Thread.ofPlatform().start(() -> injectFaults(pg, mixedStart, seconds));
        Thread rescreens = Thread.ofVirtual().start(() -> rescreenEveryMinute(mixedStart, seconds));
        mixed(rate, seconds, null, true);
        faultsThread.join();
        rescreens.join();
        loadAvg.stop();

        System.out.println(
                "== results (latency ms from intended send time; failed = anything but 2xx, documented refusals and connection errors while down)");
        for (Op op : Op.values()) System.out.println("   " + tallies.get(op).line(op.name()));
        for (Fault f : faults) System.out.println("   fault: " + f);
        System.out.printf(
                Locale.ROOT,
                "   load average during the mixed load: mean %.1f, max %.1f (%d cores)%n",
                loadAvg.mean(),
                loadAvg.max(),
                Runtime.getRuntime().availableProcessors());

        boolean ok = true;
        Tally light = tallies.get(Op.lightRead);
        double steadyP99 = light.percentileMs(0.99, faults);
        double allP99 = light.percentileMs(0.99, null);
        boolean p99Ok = steadyP99 <= P99_RATIO_MAX * idleP99;
        System.out.printf(
                Locale.ROOT,
                "== check light reads: p99 %.2f ms outside fault windows (%.2f ms with them) vs %.2f ms idle: %.2fx (max %.1fx) %s%n",
                steadyP99,
                allP99,
                idleP99,
                steadyP99 / idleP99,
                P99_RATIO_MAX,
                p99Ok ? "OK" : "FAILED");
        ok &= p99Ok;

        long failed = otherFailed.sum()
                + tallies.values().stream().mapToLong(t -> t.failed.sum()).sum();
        System.out.printf("== check errors: %d failed requests %s%n", failed, failed == 0 ? "OK" : "FAILED");
        synchronized (failures) {
            failures.stream().limit(20).forEach(f -> System.out.println("   " + f));
        }
        ok &= failed == 0;

        ok &= checkStorage(url);
        ok &= checkAudit();
        return ok;
    }

    // ---------------------------------------------------------------------------------------------
    // Setup: tokens for every role the traffic needs, reviewer accounts with passwords.

    private void setUp() throws IOException, InterruptedException {
        serviceToken = createToken("service", null);
        auditorToken = createToken("auditor", null);
        for (int i = 0; i < REPORTERS; i++) reporterTokens[i] = createToken("creator", "reporter-" + i);
        for (int i = 0; i < REVIEWERS; i++) {
            HttpResponse<String> r = send(post(
                    "/v1/users",
                    adminToken,
                    "{\"username\":\"reviewer" + i + "\",\"role\":\"reviewer\",\"password\":\"" + password(i) + "\"}"));
            if (r.statusCode() != 201)
                throw new IllegalStateException("creating a reviewer: " + r.statusCode() + " " + r.body());
        }
        System.out.printf(
                "== set up: service, auditor, %d creator tokens, %d reviewer accounts%n", REPORTERS, REVIEWERS);
    }

    private String createToken(String role, String authorId) throws IOException, InterruptedException {
        String body = "{\"role\":\"" + role + "\",\"name\":\"soak-" + role + "\""
                + (authorId == null ? "" : ",\"authorId\":\"" + authorId + "\"") + "}";
        HttpResponse<String> r = send(post("/v1/tokens", adminToken, body));
        if (r.statusCode() != 201)
            throw new IllegalStateException("creating a token: " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body()).get("secret").asText();
    }

    private static String password(int reviewer) {
        return "soak-reviewer-password-" + reviewer;
    }

    // ---------------------------------------------------------------------------------------------
    // The load: an open loop at a fixed rate; each request runs on its own virtual thread.

    private void mixed(int perSecond, long seconds, Op only, boolean measured) throws InterruptedException {
        SplittableRandom random = new SplittableRandom(20261202L + seconds);
        Semaphore inFlightMax = new Semaphore(4_096);
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        long total = perSecond * seconds;
        long lastPrint = start;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                Op op = only != null ? only : pick(random.nextInt(1000));
                long seed = random.nextLong();
                inFlightMax.acquire();
                pool.submit(() -> {
                    try {
                        perform(op, intended, new SplittableRandom(seed));
                    } finally {
                        inFlightMax.release();
                    }
                });
                if (measured && intended - lastPrint > TimeUnit.SECONDS.toNanos(60)) {
                    lastPrint = intended;
                    System.out.printf(
                            Locale.ROOT,
                            "   %4d s: %s acknowledged items, %d failed so far, load %s%n",
                            (intended - start) / 1_000_000_000L,
                            acknowledged.size(),
                            tallies.values().stream()
                                    .mapToLong(t -> t.failed.sum())
                                    .sum(),
                            LoadSampler.now());
                }
            }
        }
    }

    /** Shares per mille: most traffic is single items; light reads are a quarter. */
    private static Op pick(int perMille) {
        if (perMille < 250) return Op.lightRead;
        if (perMille < 780) return Op.item;
        if (perMille < 880) return Op.itemWait;
        if (perMille < 910) return Op.adversarial;
        if (perMille < 950) return Op.batch;
        if (perMille < 990) return Op.report;
        return Op.signIn;
    }

    private void perform(Op op, long intendedNanos, SplittableRandom random) {
        Tally tally = tallies.get(op);
        try {
            HttpResponse<String> r = switch (op) {
                case item -> send(post("/v1/contents", serviceToken, item(random)));
                case itemWait -> send(post("/v1/contents?wait=true", serviceToken, item(random)));
                case adversarial ->
                    send(post(
                            random.nextBoolean() ? "/v1/contents?wait=true" : "/v1/contents",
                            serviceToken,
                            adversarialItem(random)));
                case batch -> send(post("/v1/contents:batch", serviceToken, batch(random)));
                case report -> report(random);
                case signIn -> signIn(random);
                case lightRead -> lightRead(random);
                case rescreen -> send(post("/v1/rescreen", adminToken, "{\"since\":\"2m\",\"limit\":5000}"));
            };
            if (r == null) {
                tally.skipped.increment();
                return;
            }
            long latencyMicros = (System.nanoTime() - intendedNanos) / 1000;
            int status = r.statusCode();
            boolean success = status / 100 == 2 || (op == Op.signIn && status / 100 == 3 && isSignedIn(r));
            if (success) {
                tally.ok(latencyMicros, (intendedNanos - runStartNanos) / 1_000_000);
                remember(op, r);
            } else if (documented(op, status)
                    && r.headers().firstValue("Retry-After").isPresent()) {
                tally.documented.increment();
                tally.documentedByStatus
                        .computeIfAbsent(status, s -> new LongAdder())
                        .increment();
            } else {
                fail(
                        tally,
                        op,
                        status + " "
                                + r.body().substring(0, Math.min(300, r.body().length())));
            }
        } catch (IOException e) {
            Fault f = current;
            if (down && f != null) {
                tally.whileDown.increment();
                f.refusedWhileDown.increment();
            } else {
                fail(tally, op, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(tally, op, "soak error: " + e);
        }
    }

    /**
     * The refusals the API documents, each with Retry-After: 503 when a bounded pool or queue is
     * full (README, "CPU-heavy work"), 429 past the hourly report quota, and 409 for a report of
     * content not decided yet (docs/review.md).
     */
    private static boolean documented(Op op, int status) {
        return status == 503 || status == 429 || (op == Op.report && status == 409);
    }

    private void fail(Tally tally, Op op, String what) {
        tally.failed.increment();
        synchronized (failures) {
            if (tally.failed.sum() <= 3) System.err.println("soak: failed: " + op + ": " + what.replace('\n', ' '));
            if (failures.size() < 200)
                failures.add(String.format(
                        Locale.ROOT,
                        "%.1f s %s: %s",
                        (System.nanoTime() - runStartNanos) / 1e9,
                        op,
                        what.replace('\n', ' ')));
        }
    }

    private void remember(Op op, HttpResponse<String> r) throws IOException {
        switch (op) {
            case item, itemWait, adversarial ->
                acknowledge(JSON.readTree(r.body()).get("id").asText());
            case batch -> {
                for (JsonNode item : JSON.readTree(r.body()).get("items"))
                    acknowledge(item.get("id").asText());
            }
            default -> {}
        }
    }

    private void acknowledge(String id) {
        long value = Long.parseLong(id);
        acknowledged.add(value);
        recent.set((int) (recentAt.getAndIncrement() % recent.length()), value);
    }

    private Long anyRecent(SplittableRandom random) {
        long filled = Math.min(recentAt.get(), recent.length());
        return filled == 0 ? null : recent.get(random.nextInt((int) filled));
    }

    private String item(SplittableRandom random) {
        int n = textAt.getAndIncrement();
        return itemJson(SURFACES[n % 3], "u" + random.nextInt(5000), texts[n % texts.length]);
    }

    private static final String[] SURFACES = {"comment", "live", "note"};

    private static String adversarialItem(SplittableRandom random) {
        AdversarialScreeningBenchmark.Kind[] kinds = AdversarialScreeningBenchmark.Kind.values();
        AdversarialScreeningBenchmark.Kind kind = kinds[1 + random.nextInt(kinds.length - 1)];
        int length = new int[] {2_500, 5_000, 10_000, 20_000}[random.nextInt(4)];
        return itemJson("note", "adversary" + random.nextInt(20), AdversarialScreeningBenchmark.textOf(kind, length));
    }

    private String batch(SplittableRandom random) {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int k = 0; k < BATCH_ITEMS; k++) {
            if (k > 0) sb.append(',');
            sb.append(item(random));
        }
        return sb.append("]}").toString();
    }

    private static String itemJson(String surface, String author, String text) {
        try {
            return JSON.writeValueAsString(Map.of("surface", surface, "authorId", author, "text", text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A creator reports someone else's item: each pair once, each reporter under the hourly quota. */
    private HttpResponse<String> report(SplittableRandom random) throws IOException, InterruptedException {
        Long id = anyRecent(random);
        int reporter = random.nextInt(REPORTERS);
        if (id == null || !reported.add(reporter + ":" + id)) return null;
        if (reportsBy[reporter].incrementAndGet() > REPORTS_PER_REPORTER_MAX) return null;
        return send(post(
                "/v1/contents/" + id + "/reports",
                reporterTokens[reporter],
                "{\"category\":\"spam\",\"text\":\"soak report\"}"));
    }

    /** The console's form: fetch the page (its double-submit cookie), then post the password. */
    private HttpResponse<String> signIn(SplittableRandom random) throws IOException, InterruptedException {
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/console/login"))
                .timeout(Duration.ofSeconds(30))
                .build());
        if (page.statusCode() != 200) return page;
        Matcher m = LOGIN_COOKIE.matcher(String.join(";", page.headers().allValues("Set-Cookie")));
        if (!m.find()) throw new IllegalStateException("the sign-in page set no redline_login cookie");
        int reviewer = random.nextInt(REVIEWERS);
        String form =
                "_csrf=" + enc(m.group(1)) + "&username=reviewer" + reviewer + "&password=" + enc(password(reviewer));
        return send(HttpRequest.newBuilder(uri("/console/login"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "redline_login=" + m.group(1))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    private static boolean isSignedIn(HttpResponse<String> r) {
        return r.headers()
                .firstValue("Location")
                .map(l -> !l.contains("failed"))
                .orElse(false);
    }

    private HttpResponse<String> lightRead(SplittableRandom random) throws IOException, InterruptedException {
        return switch (random.nextInt(3)) {
            case 0 ->
                send(HttpRequest.newBuilder(uri("/healthz"))
                        .timeout(Duration.ofSeconds(30))
                        .build());
            case 1 -> send(get("/v1/me", serviceToken));
            default -> {
                Long id = anyRecent(random);
                yield send(get(id == null ? "/v1/me" : "/v1/contents/" + id, serviceToken));
            }
        };
    }

    private void rescreenEveryMinute(long start, long seconds) {
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        for (long next = start + TimeUnit.SECONDS.toNanos(30); next < end; next += TimeUnit.SECONDS.toNanos(60)) {
            try {
                long wait = next - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            perform(Op.rescreen, next, new SplittableRandom(next));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Faults.

    private void injectFaults(PostgresServer pg, long start, long seconds) {
        try {
            at(start, seconds / 4);
            killServer("server kill -9 #1");
            at(start, seconds / 2);
            Fault f = begin("PostgreSQL restart (pg_ctl restart -m fast)");
            long t0 = System.nanoTime();
            pg.restart();
            f.readyMs = (System.nanoTime() - t0) / 1_000_000;
            f.end();
            at(start, seconds * 3 / 4);
            killServer("server kill -9 #2");
        } catch (Exception e) {
            synchronized (failures) {
                failures.add("fault injection failed: " + e);
            }
            otherFailed.increment();
        }
    }

    private void killServer(String name) throws IOException, InterruptedException {
        Fault f = begin(name);
        down = true;
        server.kill();
        long t0 = System.nanoTime();
        server.start();
        server.awaitReady(Duration.ofMinutes(3));
        f.readyMs = (System.nanoTime() - t0) / 1_000_000;
        down = false;
        f.end();
    }

    private Fault begin(String name) {
        Fault f = new Fault(name, (System.nanoTime() - runStartNanos) / 1_000_000);
        faults.add(f);
        current = f;
        System.out.printf(Locale.ROOT, "   %s at %.1f s%n", name, f.startMs / 1000.0);
        return f;
    }

    private static void at(long start, long second) throws InterruptedException {
        long wait = start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }

    final class Fault {
        final String name;
        final long startMs;
        volatile long endMs = Long.MAX_VALUE;
        volatile long readyMs;
        final LongAdder refusedWhileDown = new LongAdder();

        Fault(String name, long startMs) {
            this.name = name;
            this.startMs = startMs;
        }

        void end() {
            endMs = (System.nanoTime() - runStartNanos) / 1_000_000;
        }

        boolean covers(long atMs) {
            return atMs >= startMs && atMs <= endMs + RECOVERY_GRACE_MS;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%s: back after %.1f s (%s), %d requests refused while down (connection errors)",
                    name,
                    (endMs - startMs) / 1000.0,
                    name.startsWith("server")
                            ? "start to /readyz " + readyMs + " ms"
                            : "pg_ctl restart " + readyMs + " ms",
                    refusedWhileDown.sum());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Checks after the run.

    private boolean checkStorage(String jdbcUrl) throws SQLException, InterruptedException {
        long undecided = -1;
        Set<Long> stored = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                Statement s = c.createStatement()) {
            // The worker decides within about a quarter second; after three faults and a backlog, give it two minutes.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM contents c WHERE NOT EXISTS"
                        + " (SELECT 1 FROM decision_heads h WHERE h.content_id = c.id)")) {
                    rs.next();
                    undecided = rs.getLong(1);
                }
                if (undecided == 0) break;
                TimeUnit.SECONDS.sleep(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT id FROM contents")) {
                while (rs.next()) stored.add(rs.getLong(1));
            }
        }
        long missing = acknowledged.stream().filter(id -> !stored.contains(id)).count();
        System.out.printf(
                "== check storage: %d acknowledged items, %d missing, %d stored in all (%d undecided after the drain) %s%n",
                acknowledged.size(),
                missing,
                stored.size(),
                undecided,
                missing == 0 && undecided == 0 ? "OK" : "FAILED");
        return missing == 0 && undecided == 0 && !acknowledged.isEmpty();
    }

    private boolean checkAudit() throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 30; attempt++) {
            HttpResponse<String> r;
            try {
                r = send(HttpRequest.newBuilder(uri("/v1/audit/verify"))
                        .timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + auditorToken)
                        .build());
            } catch (IOException e) {
                System.out.println("== check audit chain: the server does not answer (" + e + ") FAILED");
                return false;
            }
            if (r.statusCode() == 503) {
                TimeUnit.SECONDS.sleep(2);
                continue;
            }
            JsonNode v = JSON.readTree(r.body());
            boolean ok = r.statusCode() == 200 && v.path("ok").asBoolean();
            System.out.printf(
                    "== check audit chain: %s %s%n",
                    r.body().length() > 400 ? r.body().substring(0, 400) : r.body(), ok ? "OK" : "FAILED");
            return ok;
        }
        System.out.println("== check audit chain: verification stayed busy (503) FAILED");
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP plumbing and bookkeeping.

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private HttpRequest post(String path, String token, String json) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private Map<Op, Tally> snapshotAndReset() {
        Map<Op, Tally> before = new EnumMap<>(tallies);
        for (Op op : Op.values()) tallies.put(op, new Tally());
        // Failures before the measured run count too: they are in the list and fail the run.
        otherFailed.add(before.values().stream().mapToLong(t -> t.failed.sum()).sum());
        return before;
    }

    /** Counts and latencies of one kind of request. */
    static final class Tally {
        final LongAdder documented = new LongAdder();
        final Map<Integer, LongAdder> documentedByStatus = new ConcurrentHashMap<>();
        final LongAdder whileDown = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder skipped = new LongAdder();
        private long[] latenciesMicros = new long[1 << 14];
        private long[] atMs = new long[1 << 14];
        private int count;

        synchronized void ok(long latencyMicros, long at) {
            if (count == latenciesMicros.length) {
                latenciesMicros = Arrays.copyOf(latenciesMicros, count * 2);
                atMs = Arrays.copyOf(atMs, count * 2);
            }
            latenciesMicros[count] = latencyMicros;
            atMs[count++] = at;
        }

        /** The p-th latency, leaving out requests sent inside any of {@code faults}' windows when given. */
        synchronized double percentileMs(double p, List<Fault> faults) {
            long[] kept = new long[count];
            int n = 0;
            for (int i = 0; i < count; i++) {
                long at = atMs[i];
                if (faults == null || faults.stream().noneMatch(f -> f.covers(at))) kept[n++] = latenciesMicros[i];
            }
            if (n == 0) return 0;
            Arrays.sort(kept, 0, n);
            return kept[Math.min(n - 1, (int) Math.ceil(p * n) - 1)] / 1000.0;
        }

        synchronized String line(String name) {
            return String.format(
                    Locale.ROOT,
                    "%-18s ok %7d  documented %5d %-14s while-down %5d  failed %4d  | p50 %8.2f  p99 %8.2f  max %9.2f",
                    name,
                    count,
                    documented.sum(),
                    documentedByStatus.isEmpty() ? "" : documentedByStatus.toString(),
                    whileDown.sum(),
                    failed.sum(),
                    percentileMs(0.50, null),
                    percentileMs(0.99, null),
                    percentileMs(1.0, null));
        }
    }

    /** Samples the one-minute load average every 5 s. */
    static final class LoadSampler implements Runnable {
        private final List<Double> samples = new ArrayList<>();
        private volatile boolean running = true;

        static String now() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException e) {
                return "?";
            }
        }

        @Override
        public void run() {
            while (running) {
                try {
                    double v = Double.parseDouble(now());
                    synchronized (samples) {
                        samples.add(v);
                    }
                    TimeUnit.SECONDS.sleep(5);
                } catch (InterruptedException | NumberFormatException e) {
                    return;
                }
            }
        }

        void stop() {
            running = false;
        }

        double mean() {
            synchronized (samples) {
                return samples.stream()
                        .mapToDouble(Double::doubleValue)
                        .average()
                        .orElse(0);
            }
        }

        double max() {
            synchronized (samples) {
                return samples.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
