package io.redline.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.redline.decision.DecidedIntake;
import io.redline.decision.Decision;
import io.redline.decision.DecisionException;
import io.redline.decision.Decisions;
import io.redline.identity.Principal;
import io.redline.intake.IntakeException;
import io.redline.intake.SubmissionBody;
import io.redline.vocabulary.AsciiDecimal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A screening worker: one member of the consumer group that reads the contents topic, stores each
 * item through intake and decides it through the decision capability, in one transaction
 * ({@link DecidedIntake} with {@code wait}); the decision's event goes to the decisions topic
 * through the outbox in that same transaction ({@link DecisionEvents}).
 *
 * <p><b>Exactly one decision per item, at least once delivery.</b> Each item is stored under an
 * idempotency key: the producer's {@code Idempotency-Key} header, or {@code topic/partition/offset}.
 * A record delivered again (a worker killed mid-batch, a rebalance, a broker restart) replays to
 * the stored content and its stored decision: nothing new is written. Offsets are committed only
 * after every item of the batch is durable (or dead-lettered with the broker's acknowledgement).
 * A record that names stored content ({@code redline-content-id}, from the server's intake mode) is
 * decided if it has no decision yet; seq 1 is unique, so two deciders never both store one.
 *
 * <p><b>Poison</b> (oversized, unparseable, invalid, conflicting, unknown content) goes to the
 * dead-letter topic with the reason in headers and the batch goes on. Anything else (the database
 * down, the write queue full) fails the batch: nothing is committed, the partitions are rewound
 * to the batch's first offsets, and the batch is retried after a doubling pause.
 *
 * <p>The items of one batch are decided in parallel on {@code kafka.workerThreads} platform
 * threads (screening is CPU work; the threads mostly wait for the shared group commit, which
 * merges their writes into a few transactions). {@link #stop} finishes the batch in hand, commits
 * it and leaves the group.
 */
public final class ScreeningWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ScreeningWorker.class);
    static final Principal WORKER = Principal.system("kafka-worker");
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final int SESSION_TIMEOUT_MS = 10_000;

    private final KafkaSettings settings;
    private final DecidedIntake intake;
    private final Decisions decisions;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final ExecutorService pool;
    private final Metrics metrics;
    private final ConsumeLoop loop;

    /**
     * @param intake    stores and decides new items (no intake-mode outbox: the worker never republishes)
     * @param decisions decides content the server stored already (intake mode)
     */
    public ScreeningWorker(KafkaSettings settings, DecidedIntake intake, Decisions decisions, MeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings);
        this.intake = Objects.requireNonNull(intake);
        this.decisions = Objects.requireNonNull(decisions);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchMax());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A killed worker's partitions move to the others after this long (Kafka's default is 45 s).
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 3);
        c.put(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "redline-worker-" + ProcessHandle.current().pid());
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, KafkaSettings.MESSAGE_BYTES_MAX_LIMIT + 64 * 1024);
        p.put(
                ProducerConfig.CLIENT_ID_CONFIG,
                "redline-dlt-" + ProcessHandle.current().pid());
        this.deadLetters = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.pool = Executors.newFixedThreadPool(
                settings.workerThreads(),
                Thread.ofPlatform().name("redline-kafka-item-", 0).daemon(true).factory());
        this.metrics = new Metrics(registry);
        this.loop = new ConsumeLoop("redline-kafka-worker", consumer, this::handle, metrics::lag, () -> {
            deadLetters.close(Duration.ofSeconds(5));
            pool.shutdown();
        });
    }

    private volatile java.util.Set<TopicPartition> assigned = java.util.Set.of();

    public ScreeningWorker start() {
        consumer.subscribe(
                List.of(settings.topics().contents()),
                new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                        assigned = java.util.Set.copyOf(consumer.assignment());
                    }

                    @Override
                    public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                        assigned = java.util.Set.copyOf(consumer.assignment());
                    }
                });
        loop.start();
        return this;
    }

    /** Finishes and commits the batch in hand, leaves the group; waits up to {@code timeoutMs}. */
    public boolean stop(long timeoutMs) {
        return loop.stop(timeoutMs);
    }

    @Override
    public void close() {
        stop(TimeUnit.SECONDS.toMillis(30));
    }

    public boolean isRunning() {
        return loop.isAlive();
    }

    /** The partitions the group gave this worker (as of its last rebalance). */
    public java.util.Set<TopicPartition> assignment() {
        return assigned;
    }

    /** Items this worker decided (stored a new decision for) since start. */
    public long decidedCount() {
        return metrics.decided.get();
    }

    /** Records this worker sent to the dead-letter topic since start. */
    public long deadLetteredCount() {
        return metrics.dead.get();
    }

    /** Decides (or dead-letters) every record; returns normally only when all of them are durable. */
    private void handle(ConsumerRecords<String, byte[]> records) {
        pendingDead.clear(); // a failed attempt's sends are not this attempt's
        List<Future<Runnable>> work = new ArrayList<>(records.count());
        // One author's items in one stream are decided one after another, in offset order, so each
        // is screened with the ones before it (docs/decisions.md, "Streams"); the rest in parallel.
        Map<String, CompletableFuture<Runnable>> streams = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Parsed p = parse(r);
            String stream = p.streamKey();
            if (stream == null) {
                work.add(pool.submit(() -> decide(r, p)));
                continue;
            }
            CompletableFuture<Runnable> before = streams.get(stream);
            CompletableFuture<Runnable> f = before == null
                    ? CompletableFuture.supplyAsync(() -> decide(r, p), pool)
                    : before.handle((x, e) -> null).thenApplyAsync(x -> decide(r, p), pool);
            streams.put(stream, f);
            work.add(f);
        }
        List<Future<RecordMetadata>> dead = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<Runnable> f : work) {
            try {
                Runnable deadLetter = f.get();
                if (deadLetter != null) deadLetter.run();
            } catch (ExecutionException e) {
                if (failure == null)
                    failure =
                            e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deciding a batch", e);
            }
        }
        if (failure != null) throw failure;
        deadLetters.flush();
        pendingDead.forEach(dead::add);
        pendingDead.clear();
        for (Future<RecordMetadata> f : dead) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the dead-letter topic did not acknowledge a record", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dead-lettering", e);
            }
        }
    }

    private final List<Future<RecordMetadata>> pendingDead = new ArrayList<>();

    /**
     * One record on a pool thread: stores and decides it, or returns the dead-lettering to do on the
     * poll thread (null when decided). Throws on a failure that is not the record's fault.
     */
    /**
     * A record read on the poll thread: its item, or why it has none (oversized, a stored content's
     * id, unparseable). Parsed there so items of one stream can be ordered before they are decided.
     */
    private record Parsed(SubmissionBody item, String unparseable) {
        /** Items of one author in one stream share a key; null for the rest. */
        String streamKey() {
            return item == null || item.streamId() == null || item.authorId() == null
                    ? null
                    : item.streamId() + '\u0000' + item.authorId();
        }
    }

    private Parsed parse(ConsumerRecord<String, byte[]> r) {
        byte[] value = r.value();
        if (value != null && value.length > settings.messageBytesMax()) return new Parsed(null, null);
        if (header(r, DecisionEvents.CONTENT_ID_HEADER) != null) return new Parsed(null, null);
        try {
            return new Parsed(SubmissionBody.parse(value), null);
        } catch (IOException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    private Runnable decide(ConsumerRecord<String, byte[]> r, Parsed parsed) {
        byte[] value = r.value();
        if (value != null && value.length > settings.messageBytesMax()) {
            return () -> deadLetter(
                    r,
                    DeadLetter.OVERSIZED,
                    value.length + " bytes; kafka.messageBytesMax is " + settings.messageBytesMax());
        }
        String stored = header(r, DecisionEvents.CONTENT_ID_HEADER);
        if (stored != null) return decideStored(r, stored);
        if (parsed.item() == null) return () -> deadLetter(r, DeadLetter.UNPARSEABLE, parsed.unparseable());
        SubmissionBody item = parsed.item();
        String key = header(r, IDEMPOTENCY_HEADER);
        if (key == null) key = r.topic() + "/" + r.partition() + "/" + r.offset();
        try {
            DecidedIntake.Submitted s = intake.submit(WORKER, item.toSubmission(), List.of(), "kafka:" + key, true);
            var receipt = s.receipts().get(0);
            decided(r, s.decisionOf(receipt), receipt.replayed());
            return null;
        } catch (IntakeException.Invalid e) {
            return () -> deadLetter(r, DeadLetter.INVALID, e.getMessage());
        } catch (IntakeException.Conflict e) {
            return () -> deadLetter(r, DeadLetter.CONFLICT, e.getMessage());
        }
    }

    private Runnable decideStored(ConsumerRecord<String, byte[]> r, String idText) {
        // ASCII digits only, as in the HTTP API: Long.parseLong would read "١٢٣" as item 123.
        OptionalLong parsed = AsciiDecimal.parse(idText);
        if (parsed.isEmpty()) {
            return () -> deadLetter(
                    r, DeadLetter.UNPARSEABLE, "redline-content-id is not a content id in ASCII digits: " + idText);
        }
        long id = parsed.getAsLong();
        try {
            boolean had = decisions.current(id).isPresent();
            decided(r, decisions.decideNow(id, WORKER), had);
            return null;
        } catch (DecisionException.NotFound e) {
            return () -> deadLetter(r, DeadLetter.UNKNOWN_CONTENT, e.getMessage());
        }
    }

    private void decided(ConsumerRecord<String, byte[]> r, Decision d, boolean replayed) {
        if (replayed || d == null) {
            metrics.replayed.increment();
            return;
        }
        metrics.decided.incrementAndGet();
        metrics.decidedCounter.increment();
        if (r.timestamp() > 0)
            metrics.latency.record(Math.max(0, d.decidedAt().toEpochMilli() - r.timestamp()), TimeUnit.MILLISECONDS);
    }

    /** Runs on the poll thread (the producer is shared); the acknowledgement is awaited before the commit. */
    private void deadLetter(ConsumerRecord<String, byte[]> r, DeadLetter reason, String detail) {
        ProducerRecord<String, byte[]> out =
                new ProducerRecord<>(settings.topics().deadLetters(), null, r.key(), r.value());
        for (Header h : r.headers()) out.headers().add(h);
        String d = detail == null ? "" : detail;
        if (d.length() > DeadLetter.DETAIL_CHARS_MAX) d = d.substring(0, DeadLetter.DETAIL_CHARS_MAX);
        out.headers().add(new RecordHeader(DeadLetter.REASON_HEADER, utf8(reason.code())));
        out.headers().add(new RecordHeader(DeadLetter.DETAIL_HEADER, utf8(d)));
        out.headers()
                .add(new RecordHeader(
                        DeadLetter.SOURCE_HEADER, utf8(r.topic() + "/" + r.partition() + "/" + r.offset())));
        pendingDead.add(deadLetters.send(out));
        metrics.dead.incrementAndGet();
        metrics.deadCounter.increment();
        log.atInfo()
                .addKeyValue("reason", reason.code())
                .addKeyValue("source", r.topic() + "/" + r.partition() + "/" + r.offset())
                .log("record dead-lettered");
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Items per second (a rate of the counters), produce-to-decision latency, lag per partition. */
    static final class Metrics {
        final AtomicLong decided = new AtomicLong();
        final AtomicLong dead = new AtomicLong();
        final Counter decidedCounter;
        final Counter replayed;
        final Counter deadCounter;
        final Timer latency;
        private final MeterRegistry registry;
        private final Map<TopicPartition, AtomicLong> lags = new ConcurrentHashMap<>();

        Metrics(MeterRegistry registry) {
            this.registry = registry;
            this.decidedCounter = Counter.builder("redline.kafka.items")
                    .tag("outcome", "decided")
                    .description("Records from the contents topic, by outcome")
                    .register(registry);
            this.replayed = Counter.builder("redline.kafka.items")
                    .tag("outcome", "replayed")
                    .description("Records from the contents topic, by outcome")
                    .register(registry);
            this.deadCounter = Counter.builder("redline.kafka.items")
                    .tag("outcome", "dead_lettered")
                    .description("Records from the contents topic, by outcome")
                    .register(registry);
            this.latency = Timer.builder("redline.kafka.decision.latency")
                    .description("From the record's produce timestamp to its stored decision")
                    .publishPercentiles(0.5, 0.99)
                    .register(registry);
        }

        /** Reads each assigned partition's lag as the consumer knows it after a poll. */
        void lag(KafkaConsumer<?, ?> consumer) {
            for (TopicPartition tp : consumer.assignment()) {
                var lag = consumer.currentLag(tp);
                if (lag.isEmpty()) continue;
                lags.computeIfAbsent(tp, t -> {
                            AtomicLong v = new AtomicLong();
                            Gauge.builder("redline.kafka.consumer.lag", v, AtomicLong::get)
                                    .tag("topic", t.topic())
                                    .tag("partition", Integer.toString(t.partition()))
                                    .description("Records in the partition not yet consumed by this worker")
                                    .register(registry);
                            return v;
                        })
                        .set(lag.getAsLong());
            }
        }
    }
}
