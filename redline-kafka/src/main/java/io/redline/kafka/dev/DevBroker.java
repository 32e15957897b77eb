package io.redline.kafka.dev;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one), run inside this
 * JVM from Maven's Kafka artifacts: the integration tests' broker and {@code redline dev-kafka}'s.
 * No Docker, no ZooKeeper, nothing to install.
 *
 * <p>Sized for a shared 2-core laptop, not for production: two network and two I/O threads, the
 * internal offsets and transaction topics with 4 partitions instead of 50 (each partition is a
 * log to open at start), no initial rebalance delay, a 2 MB log-cleaner buffer instead of 128 MB.
 * With those, a cold start takes about a second or two and the broker's heap stays small.
 *
 * <p>{@link #stop()} and {@link #start()} again keep the data directory, the cluster id and the
 * ports, so a test can restart "the same" broker under running clients.
 */
public final class DevBroker implements AutoCloseable {
    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    private DevBroker(Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Formats {@code dataDir} if it is new (an existing one keeps its topics and cluster id) and
     * starts the broker on {@code brokerPort} (0: a free one) with its controller on a free port.
     */
    public static DevBroker start(Path dataDir, int brokerPort) {
        return start(dataDir, brokerPort, Map.of());
    }

    /** {@link #start(Path, int)} with broker settings to add or override (tests shorten timeouts). */
    public static DevBroker start(Path dataDir, int brokerPort, Map<String, String> overrides) {
        try {
            Files.createDirectories(dataDir);
            Path ports = dataDir.resolve("redline-ports.properties");
            int broker = brokerPort;
            int controller;
            if (Files.exists(ports)) {
                // A data directory remembers its controller port: the KRaft voter set names it.
                Properties p = new Properties();
                try (var in = Files.newInputStream(ports)) {
                    p.load(in);
                }
                controller = Integer.parseInt(p.getProperty("controller"));
                if (broker == 0) broker = Integer.parseInt(p.getProperty("broker"));
            } else {
                if (broker == 0) broker = freePort();
                controller = freePort();
                Properties p = new Properties();
                p.setProperty("broker", Integer.toString(broker));
                p.setProperty("controller", Integer.toString(controller));
                try (var out = Files.newOutputStream(ports)) {
                    p.store(out, "ports of this dev broker");
                }
            }
            DevBroker b = new DevBroker(dataDir, broker, controller, overrides);
            b.format();
            b.start();
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts the broker again after {@link #stop()}, on the same ports and data. */
    public synchronized void start() {
        if (server != null) throw new IllegalStateException("broker already running");
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(properties()), Time.SYSTEM);
        s.startup();
        server = s;
    }

    /** A clean shutdown (the broker's own, flushing its logs); the data directory stays. */
    public synchronized void stop() {
        if (server == null) return;
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    private void format() throws IOException {
        if (Files.exists(logDir().resolve("meta.properties"))) return;
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newOutputStream(config)) {
            properties().store(out, "redline dev broker");
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int exit;
        try (PrintStream ps = new PrintStream(said, true, StandardCharsets.UTF_8)) {
            exit = StorageTool$.MODULE$.execute(
                    new String[] {
                        "format",
                        "--config",
                        config.toString(),
                        "--cluster-id",
                        Uuid.randomUuid().toString(),
                        "--ignore-formatted"
                    },
                    ps);
        }
        if (exit != 0)
            throw new IllegalStateException("formatting the Kafka data directory " + logDir() + " failed: "
                    + said.toString(StandardCharsets.UTF_8));
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        // One node: every internal topic has one replica, and few partitions (each is a log to open and load).
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.partitions", "4");
        p.setProperty("auto.create.topics.enable", "false");
        // Small for a shared 2-core machine.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("num.replica.fetchers", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        overrides.forEach(p::setProperty);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "DevBroker[" + bootstrapServers() + ", " + dataDir + "]";
    }
}
