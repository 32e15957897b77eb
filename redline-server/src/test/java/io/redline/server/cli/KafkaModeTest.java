package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.kafka.KafkaSettings;
import io.redline.kafka.dev.DevBroker;
import io.redline.server.TestServer;
import io.redline.server.config.Lexicons;
import io.redline.server.config.RedlineConfig;
import io.redline.store.Database;
import io.redline.store.Eventually;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import io.redline.text.ScreenerHolder;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka mode end to end, on a real KRaft broker and a real PostgreSQL: the server in intake mode
 * publishes what {@code POST /v1/contents} accepts, a screening worker wired as
 * {@code redline worker} wires it decides, and {@code GET /v1/contents/{id}} shows the decision
 * and the copy link; the review task the server opens reaches the review-tasks topic; the
 * worker's metrics say what it did.
 */
class KafkaModeTest {
    static final int PARTITIONS = 4;
    /** A broker, a relay and a consumer group joining on a shared 2-core machine: generous, never slept. */
    static final Duration SLOW = Duration.ofSeconds(60);

    static final String ORIGINAL = "周末去了城西那家新开的咖啡馆，手冲的耶加雪菲很惊艳。店里人不多，窗边的位置能晒到太阳。" + "老板说豆子每周现烘，推荐大家工作日下午去，环境安静适合看书。";
    /** The same note, lightly edited (as in CopiesAtIntakeTest). */
    static final String REPOST =
            "老闆說豆子每周現烘，推薦大家工作日下午去，環境安靜適合看書!! 周末去了城西那家新开的咖啡馆…手冲的耶加雪菲很惊艳😍 " + "店里人不多，窗边的位置能晒到太阳 #探店#";

    static DevBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path dir = Files.createTempDirectory("redline-kafka-mode-");
        broker = DevBroker.start(dir, 0);
        KafkaSettings.Topics t = KafkaSettings.Topics.DEFAULT;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<NewTopic> all = new ArrayList<>();
            for (String name : List.of(t.contents(), t.decisions(), t.tasks(), t.deadLetters()))
                all.add(new NewTopic(name, PARTITIONS, (short) 1));
            admin.createTopics(all).all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @Test
    void itemsAcceptedOverHttpAreDecidedByAWorkerWithTheServersCopyLookupAndTheirTasksArePublished()
            throws IOException {
        StoreConfig store = TestDatabases.postgresConfig();
        RedlineConfig base = RedlineConfig.defaults()
                .withEnvironment(Map.of("REDLINE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
        RedlineConfig workerConfig = base.withEnvironment(Map.of(
                "REDLINE_DB_URL",
                store.jdbcUrl(),
                "REDLINE_DATA_DIR",
                Files.createTempDirectory("redline-worker-").toString()));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (TestServer s = new TestServer(store, base);
                Database db = Database.open(workerConfig.storeConfig());
                WorkerCommand.Screening worker = WorkerCommand.Screening.start(
                        workerConfig,
                        workerConfig.kafka().settings(),
                        db,
                        new ScreenerHolder(Lexicons.screener(
                                workerConfig.text().lexiconFile(),
                                workerConfig.text().allowListFile(),
                                "custom")),
                        metrics)) {
            assertThat(worker.node().worker().isRunning()).isTrue();
            String alice = s.tokens.get(Role.CREATOR);
            String bob = s.server()
                    .tokens()
                    .create(new TokenRequest(Role.CREATOR, "bob", "bob"), "test")
                    .secret();
            String reviewer = s.tokens.get(Role.REVIEWER);

            String originalId = post(s, alice, "alice", ORIGINAL);
            JsonNode original = decided(s, reviewer, originalId);
            assertThat(original.path("copyOf").isNull()).isTrue();

            String copyId = post(s, bob, "bob", REPOST);
            JsonNode copy = decided(s, reviewer, copyId);
            assertThat(copy.path("decision").path("action").asText()).isEqualTo("review");
            assertThat(copy.path("decision").path("reasonCode").asText()).isEqualTo("suspected_repost");
            assertThat(copy.path("copyOf").path("id").asText())
                    .as("the worker linked the copy as the HTTP path does")
                    .isEqualTo(originalId);
            assertThat(copy.path("copyOf").path("authorId").asText()).isEqualTo("alice");

            // The server's task sweeper opens the review task; the outbox publishes it in that transaction.
            long taskId = Eventually.get(
                    "a review task for the copy",
                    SLOW,
                    () -> s.server().tasks().tasksOf(Long.parseLong(copyId)).stream()
                            .findFirst()
                            .map(t -> t.id())
                            .orElse(null));
            JsonNode opened = taskEvent(copyId);
            assertThat(opened.path("type").asText()).isEqualTo("task.opened");
            assertThat(opened.path("taskId").asText()).isEqualTo(Long.toString(taskId));
            assertThat(opened.path("queue").asText())
                    .isEqualTo(
                            copy.path("decision").path("review").path("queue").asText());
            assertThat(opened.path("authorId").asText()).isEqualTo("bob");
            assertThat(opened.path("reasons").get(0).asText()).isEqualTo("suspected_repost");

            // The worker's own metrics, as its /metrics serves them (lag is read after each poll).
            Eventually.until("the worker's metrics after two decisions", SLOW, () -> {
                String scrape = metrics.scrape();
                return sample(scrape, "redline_kafka_items_total\\{outcome=\"decided\"\\}")
                                .equals(Optional.of(2.0))
                        && sample(scrape, "redline_kafka_decision_latency_seconds_count")
                                .equals(Optional.of(2.0))
                        && lags(scrape).size() == PARTITIONS
                        && lags(scrape).values().stream().allMatch(lag -> lag == 0.0);
            });
            assertThat(sample(metrics.scrape(), "redline_kafka_decision_latency_seconds_max"))
                    .as("produce-to-decision latency")
                    .hasValueSatisfying(
                            max -> assertThat(max).isGreaterThan(0.0).isLessThan(SLOW.toSeconds()));
        }
    }

    /**
     * Two workers in one group, each with its own copy index (rebuilt when it started, empty here):
     * alice's note is decided by one, a repost by an author whose partition the other worker owns
     * is decided by the other a moment later, and is linked because the second worker's index took
     * in the first worker's note while running.
     */
    @Test
    void aRepostDecidedByOneWorkerLinksToANoteAnotherWorkerDecidedMomentsEarlier() throws IOException {
        StoreConfig store = TestDatabases.postgresConfig();
        RedlineConfig base = RedlineConfig.defaults()
                .withEnvironment(Map.of("REDLINE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()));
        RedlineConfig workerConfig = base.withEnvironment(Map.of(
                "REDLINE_DB_URL",
                store.jdbcUrl(),
                "REDLINE_DATA_DIR",
                Files.createTempDirectory("redline-worker-").toString()));
        KafkaSettings settings = workerConfig.kafka().settings().withGroupId("two-workers");
        ScreenerHolder screener = new ScreenerHolder(Lexicons.screener(
                workerConfig.text().lexiconFile(), workerConfig.text().allowListFile(), "custom"));
        try (TestServer s = new TestServer(store, base);
                Database dbA = Database.open(workerConfig.storeConfig());
                Database dbB = Database.open(workerConfig.storeConfig());
                WorkerCommand.Screening a = WorkerCommand.Screening.start(
                        workerConfig, settings, dbA, screener, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
                WorkerCommand.Screening b = WorkerCommand.Screening.start(
                        workerConfig, settings, dbB, screener, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            assertThat(a.chain().log().chain())
                    .as("each worker appends to an audit chain of its own")
                    .isNotEqualTo(b.chain().log().chain());
            Eventually.until(
                    "both workers own partitions",
                    SLOW,
                    () -> !a.node().worker().assignment().isEmpty()
                            && !b.node().worker().assignment().isEmpty()
                            && a.node().worker().assignment().size()
                                            + b.node().worker().assignment().size()
                                    == PARTITIONS);
            // Items are keyed by author: pick a reposting author whose partition the other worker owns.
            boolean aliceOnA =
                    a.node().worker().assignment().stream().anyMatch(tp -> tp.partition() == partitionOf("alice"));
            var other = (aliceOnA ? b : a).node().worker().assignment();
            String copier = java.util.stream.IntStream.range(0, 1_000)
                    .mapToObj(i -> "reposter" + i)
                    .filter(n -> other.stream().anyMatch(tp -> tp.partition() == partitionOf(n)))
                    .findFirst()
                    .orElseThrow();
            String alice = s.tokens.get(Role.CREATOR);
            String copierToken = s.server()
                    .tokens()
                    .create(new TokenRequest(Role.CREATOR, copier, copier), "test")
                    .secret();
            String reviewer = s.tokens.get(Role.REVIEWER);

            String originalId = post(s, alice, "alice", ORIGINAL);
            decided(s, reviewer, originalId);
            WorkerCommand.Screening reposting = aliceOnA ? b : a;
            // Without catching up, its index would hold only what was stored when it started (nothing).
            Eventually.until(
                    "the other worker's copy index takes in alice's note",
                    SLOW,
                    () -> reposting.wiring().copies().textSize() == 1);
            String copyId = post(s, copierToken, copier, REPOST);
            JsonNode copy = decided(s, reviewer, copyId);
            assertThat(a.node().worker().decidedCount())
                    .as("worker A decided one")
                    .isEqualTo(1);
            assertThat(b.node().worker().decidedCount())
                    .as("worker B decided the other")
                    .isEqualTo(1);
            assertThat(copy.path("copyOf").path("id").asText())
                    .as("the repost is linked to the note the other worker decided")
                    .isEqualTo(originalId);
            assertThat(copy.path("decision").path("reasonCode").asText()).isEqualTo("suspected_repost");
        }
    }

    /** The partition Kafka's default partitioner gives a record keyed {@code key} on the contents topic. */
    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                        org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                % PARTITIONS;
    }

    private static String post(TestServer s, String token, String author, String text) {
        String body = TestServer.JSON
                .createObjectNode()
                .put("surface", "note")
                .put("authorId", author)
                .put("text", text)
                .toString();
        HttpResponse<String> r = s.send("POST", "/v1/contents", token, body.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).path("id").asText();
    }

    /** GET until the content has a decision: the worker decides it after the outbox relays it. */
    private static JsonNode decided(TestServer s, String token, String id) {
        return Eventually.get("a decision for content " + id, SLOW, () -> {
            HttpResponse<String> r = s.send("GET", "/v1/contents/" + id, token, null, Map.of());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode c = TestServer.json(r);
            return c.path("decision").isObject() ? c : null;
        });
    }

    private static JsonNode taskEvent(String contentId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        broker.bootstrapServers(),
                        "group.id",
                        "test-task-reader",
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(KafkaSettings.Topics.DEFAULT.tasks()));
            return Eventually.get("a task.opened event for content " + contentId, SLOW, () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = read(r.value());
                    if (event.path("contentId").asText().equals(contentId)) return event;
                }
                return null;
            });
        }
    }

    private static JsonNode read(String json) {
        try {
            return TestServer.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON on the tasks topic: " + json, e);
        }
    }

    /** The contents topic's lag per partition, from a Prometheus scrape. */
    private static Map<Integer, Double> lags(String scrape) {
        Map<Integer, Double> out = new java.util.HashMap<>();
        Matcher m = Pattern.compile(
                        "(?m)^redline_kafka_consumer_lag\\{partition=\"(\\d+)\",topic=\"redline\\.contents\"\\} (\\S+)$")
                .matcher(scrape);
        while (m.find()) out.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        return out;
    }

    /** One sample's value from a Prometheus scrape. */
    private static Optional<Double> sample(String scrape, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + nameAndLabels + " (\\S+)$").matcher(scrape);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }
}
