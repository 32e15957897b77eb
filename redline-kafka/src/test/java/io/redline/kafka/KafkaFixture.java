package io.redline.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.redline.intake.IntakeLimits;
import io.redline.kafka.dev.DevBroker;
import io.redline.store.Database;
import io.redline.store.PostgresServer;
import io.redline.store.StoreConfig;
import io.redline.text.Screener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One broker per test class (started once: a KRaft broker costs a second or two and some heap on a
 * shared 2-core machine) and, per test, fresh topics and a fresh PostgreSQL database.
 */
final class KafkaFixture implements AutoCloseable {
    static final Screener SCREENER = Screener.starter();
    /** Review's open reports; no copies (rights lives above this module) and no pictures. */
    static final io.redline.decision.DecisionPorts PORTS = new io.redline.decision.DecisionPorts(
            new io.redline.review.tasks.ReportCounts(java.time.Clock.systemUTC()),
            io.redline.decision.Reposts.NONE,
            null,
            null);

    static final int PARTITIONS = 4;

    final DevBroker broker;

    KafkaFixture() {
        try {
            Path dir = Files.createTempDirectory("redline-kafka-");
            dir.toFile().deleteOnExit();
            this.broker = DevBroker.start(dir, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaSettings.Topics topics(String prefix) {
        return new KafkaSettings.Topics(
                prefix + ".contents",
                prefix + ".decisions",
                prefix + ".tasks",
                prefix + ".dlt",
                prefix + ".live",
                prefix + ".live-verdicts");
    }

    /** A test's own world: topics under a fresh prefix, a fresh database, its own consumer group. */
    Scenario scenario() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        KafkaSettings.Topics topics = topics(prefix);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<NewTopic> all = new ArrayList<>();
            for (String t : List.of(
                    topics.contents(),
                    topics.decisions(),
                    topics.tasks(),
                    topics.deadLetters(),
                    topics.live(),
                    topics.liveVerdicts())) all.add(new NewTopic(t, PARTITIONS, (short) 1));
            admin.createTopics(all).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        String url = PostgresServer.get().newDatabaseUrl();
        KafkaSettings settings = KafkaSettings.defaults(broker.bootstrapServers())
                .withGroupId(prefix + "-workers")
                .withTopics(topics)
                .withBatchMax(100)
                .withMessageBytesMax(
                        64 * 1024); // small enough that an oversized record is not over the broker's own limit
        return new Scenario(prefix, url, settings);
    }

    record Scenario(String prefix, String url, KafkaSettings settings) {
        Database openDatabase() {
            return Database.open(new StoreConfig(url, null, null, 8));
        }

        WorkerNode worker(Database db) {
            return WorkerNode.start(
                    db, () -> SCREENER, IntakeLimits.defaults(), PORTS, settings, new SimpleMeterRegistry());
        }

        KafkaProducer<String, byte[]> producer() {
            return new KafkaProducer<>(
                    Map.<String, Object>of(
                            "bootstrap.servers", settings.bootstrapServers(), "acks", "all", "linger.ms", 5),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }

        /** Sends {@code n} comments, keyed by author, one in six with a drainage contact; returns after the acks. */
        void produceComments(int from, int n) {
            String[] texts = {"好看!", "今天天气真好", "请加 微 信 xyz 详聊", "网赌 稳赚", "求链接", "私信我 看看"};
            try (var p = producer()) {
                List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
                for (int i = from; i < from + n; i++) {
                    String author = "author" + (i % 23);
                    String json = "{\"surface\":\"comment\",\"authorId\":\"" + author + "\",\"text\":\""
                            + texts[i % texts.length] + " #" + i + "\"}";
                    acks.add(p.send(new ProducerRecord<>(
                            settings.topics().contents(), author, json.getBytes(StandardCharsets.UTF_8))));
                }
                for (var a : acks) a.get();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * A worker in a child JVM, returned once it is consuming. Its output goes to a file (a pipe
         * nobody reads would fill up and stall the child on its next log line).
         */
        /** A child worker for tests: small and quick to start (C1 only), not for measuring. */
        Process childWorker() {
            return childWorker(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        }

        /** @param jvmOptions the child's heap and JIT options (the benchmark runs the full JIT, as {@code redline worker}) */
        Process childWorker(List<String> jvmOptions) {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try {
                Path out = Files.createTempFile("redline-worker-", ".log");
                out.toFile().deleteOnExit();
                List<String> command = new ArrayList<>();
                command.add(java);
                command.addAll(jvmOptions);
                command.addAll(List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerProcess.class.getName(),
                        url,
                        settings.bootstrapServers(),
                        settings.groupId(),
                        prefix,
                        Integer.toString(settings.batchMax())));
                Process p = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                io.redline.store.Eventually.until("the child worker to start", Duration.ofSeconds(240), () -> {
                    if (!p.isAlive()) throw new IllegalStateException("the child worker exited: " + read(out));
                    return read(out).contains("worker ready");
                });
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Every record on {@code topic} from the beginning, read until {@code until} of them arrived or the time is up. */
        List<ConsumerRecord<String, String>> read(String topic, int until, Duration timeout) {
            Properties p = new Properties();
            p.put("bootstrap.servers", settings.bootstrapServers());
            p.put("group.id", "reader-" + UUID.randomUUID());
            p.put("auto.offset.reset", "earliest");
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
                c.subscribe(List.of(topic));
                long deadline = System.nanoTime() + timeout.toNanos();
                while (out.size() < until && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) out.add(r);
                }
            }
            return out;
        }
    }

    static long count(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        broker.close();
    }
}
