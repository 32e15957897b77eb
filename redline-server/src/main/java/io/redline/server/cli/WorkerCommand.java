package io.redline.server.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.redline.audit.AuditLog;
import io.redline.intake.ImageFiles;
import io.redline.kafka.KafkaSettings;
import io.redline.kafka.WorkerNode;
import io.redline.server.DecisionWiring;
import io.redline.server.RedlineServer;
import io.redline.server.config.Lexicons;
import io.redline.server.config.RedlineConfig;
import io.redline.store.Database;
import io.redline.text.ScreenerHolder;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Run a screening worker: a member of the Kafka consumer group that decides the items on the contents",
            "topic and writes decisions to the database (PostgreSQL for several workers) and the decisions topic.",
            "Start as many as the topic has partitions; kill or add them freely (docs/scale.md).",
            "Needs kafka.bootstrapServers (or REDLINE_KAFKA_BOOTSTRAP_SERVERS) and REDLINE_DB_URL."
        })
final class WorkerCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--group", paramLabel = "ID", description = "Consumer group (overrides kafka.groupId)")
    String group;

    @Option(
            names = "--live",
            description = "Run the live-chat fast path instead (topic kafka.topics.live, group kafka.liveGroupId)")
    boolean live;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            defaultValue = "0",
            description = "Serve Prometheus metrics (lag per partition, items, produce-to-decision latency) at"
                    + " http://127.0.0.1:PORT/metrics; 0: off (default)")
    int metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        RedlineConfig config = options.load();
        KafkaSettings settings = config.kafka().settings();
        if (group != null) settings = settings.withGroupId(group);
        ScreenerHolder screener = new ScreenerHolder(
                Lexicons.screener(config.text().lexiconFile(), config.text().allowListFile(), "custom"));
        Database db = Database.open(config.storeConfig());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AutoCloseable node = live
                ? WorkerNode.startLive(db, screener::current, settings, metrics)
                : Screening.start(config, settings, db, screener, metrics);
        if (metricsPort > 0) serveMetrics(metrics);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                node.close(); // finishes and commits the batch in hand
                            } catch (Exception e) {
                                System.err.println("redline worker: " + e.getMessage());
                            }
                            db.close();
                            stopped.countDown();
                        },
                        "redline-worker-shutdown"));
        System.out.println("Redline " + (live ? "live-chat " : "") + "worker in group '"
                + (live ? settings.liveGroupId() : settings.groupId()) + "' reading "
                + (live ? settings.topics().live() : settings.topics().contents()) + " at "
                + settings.bootstrapServers() + " (database "
                + config.storeConfig().redactedUrl() + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /**
     * A screening worker as {@code redline worker} runs it: the schemas, the decision ports from the
     * server's own factory ({@link DecisionWiring}: copies, pictures, open reports), then the node.
     */
    record Screening(
            WorkerNode node,
            DecisionWiring wiring,
            AuditLog.ChainLease chain,
            java.util.concurrent.ScheduledExecutorService catchUp)
            implements AutoCloseable {
        /**
         * How often a worker's copy index takes in the items other workers decided
         * (CopyRegister#catchUp): a query for the rows above the newest it read, usually few.
         */
        static final long COPY_CATCH_UP_MS = 250;

        static Screening start(
                RedlineConfig config,
                KafkaSettings settings,
                Database db,
                ScreenerHolder screener,
                MeterRegistry metrics) {
            RedlineServer.migrate(db);
            Clock clock = Clock.systemUTC();
            // A chain of the audit log for this worker alone (docs/audit.md, "Chains"): decisions and
            // copy links append to it, so workers never queue on each other's chain head.
            AuditLog.ChainLease chain =
                    AuditLog.open(db, config.auditRetention(), clock).leaseChain();
            DecisionWiring wiring = DecisionWiring.open(
                    db, chain.log(), config, new ImageFiles(config.dataDir().resolve("media")), metrics, clock, true);
            WorkerNode node = WorkerNode.start(
                    db, chain.log(), screener::current, config.limits().intake(), wiring.ports(), settings, metrics);
            var catchUp = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name("redline-copy-catch-up")
                    .daemon(true)
                    .factory());
            catchUp.scheduleWithFixedDelay(
                    () -> {
                        try {
                            wiring.copies().catchUp();
                        } catch (RuntimeException e) { // the database away: the next round tries again
                            org.slf4j.LoggerFactory.getLogger(WorkerCommand.class)
                                    .warn("copy index catch-up failed: {}", e.getMessage());
                        }
                    },
                    COPY_CATCH_UP_MS,
                    COPY_CATCH_UP_MS,
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            return new Screening(node, wiring, chain, catchUp);
        }

        /** Graceful: the node finishes the batch in hand, then the picture pool stops. */
        @Override
        public void close() {
            node.close();
            catchUp.shutdownNow();
            wiring.close();
            chain.close();
        }
    }

    /** The JDK's own HTTP server: one read-only route, on the loopback interface. */
    private void serveMetrics(PrometheusMeterRegistry metrics) {
        try {
            var server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), metricsPort), 16);
            server.createContext("/metrics", exchange -> {
                byte[] body = metrics.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot serve metrics on port " + metricsPort, e);
        }
    }
}
