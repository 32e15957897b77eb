package io.redline.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.redline.decision.AiSignals;
import io.redline.decision.Assessment;
import io.redline.decision.AuthorFactsSource;
import io.redline.decision.ContentSnapshot;
import io.redline.decision.Decider;
import io.redline.decision.EvidenceHit;
import io.redline.policy.Action;
import io.redline.policy.AuthorFacts;
import io.redline.policy.Policy;
import io.redline.text.Screener;
import io.redline.vocabulary.Surface;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The live-chat fast path, for firehose rates: reads the live topic (records
 * {@code {"streamId","authorId","text","messageId"}}, keyed by stream), screens each line with the
 * text engine together with the author's recent lines in the same stream ({@link StreamContext},
 * per partition, in memory) and evaluates the active policy as the {@code live} surface, reading
 * no database at all. An allowed line leaves no trace (nothing stored, nothing produced); any
 * other outcome produces a verdict on the live-verdicts topic (keyed by stream) for the platform
 * to hide, hold or cut the line. Offsets are committed after the verdicts are acknowledged: at
 * least once. A batch whose verdicts are not acknowledged is rewound and retried after a pause
 * (the screening worker's loop, {@link ConsumeLoop}).
 *
 * <p>Author facts are not read (a database round trip per line would cost more than the
 * screening): every author counts as a new account, the strictest reading of a policy.
 */
public final class LiveWorker implements AutoCloseable {
    /** Author-stream pairs remembered per partition: about 1 MB of lines each. */
    static final int CONTEXT_PAIRS_MAX = 20_000;

    static final int TEXT_CHARS_MAX = 500;
    private static final AuthorFacts NEW_ACCOUNT = AuthorFactsSource.facts(0, 0, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Line(String streamId, String authorId, String text, String messageId) {}

    private final KafkaSettings settings;
    private final Supplier<Screener> screener;
    private final Supplier<Policy> policy;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, String> verdicts;
    private final Map<Integer, StreamContext> contexts = new HashMap<>();
    private final ConsumeLoop loop;
    private final AtomicLong screened = new AtomicLong();
    private final AtomicLong flagged = new AtomicLong();
    private final Counter screenedCounter;
    private final Counter flaggedCounter;

    public LiveWorker(
            KafkaSettings settings, Supplier<Screener> screener, Supplier<Policy> policy, MeterRegistry registry) {
        this.settings = Objects.requireNonNull(settings);
        this.screener = Objects.requireNonNull(screener);
        this.policy = Objects.requireNonNull(policy);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.liveGroupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchMax());
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.verdicts = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.screenedCounter = Counter.builder("redline.kafka.live.lines")
                .tag("outcome", "screened")
                .description("Live-chat lines screened by the fast path")
                .register(registry);
        this.flaggedCounter = Counter.builder("redline.kafka.live.lines")
                .tag("outcome", "flagged")
                .description("Live-chat lines screened by the fast path")
                .register(registry);
        this.loop = new ConsumeLoop(
                "redline-kafka-live",
                consumer,
                this::handle,
                polled -> {},
                () -> verdicts.close(Duration.ofSeconds(5)));
    }

    public LiveWorker start() {
        consumer.subscribe(List.of(settings.topics().live()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                for (TopicPartition tp : partitions) contexts.remove(tp.partition());
            }

            @Override
            public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {}
        });
        loop.start();
        return this;
    }

    public long screenedCount() {
        return screened.get();
    }

    public long flaggedCount() {
        return flagged.get();
    }

    /** Screens a batch and publishes its verdicts; returns only when the broker acknowledged them all. */
    private void handle(ConsumerRecords<String, byte[]> records) {
        Screener s = screener.get();
        Policy p = policy.get();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            ProducerRecord<String, String> verdict = judge(r, s, p);
            if (verdict != null) acks.add(verdicts.send(verdict));
        }
        verdicts.flush();
        for (Future<RecordMetadata> f : acks) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the live-verdicts topic did not acknowledge", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing live verdicts", e);
            }
        }
    }

    /** The verdict record for a line that is not allowed, or null (allowed, or not a line at all). */
    private ProducerRecord<String, String> judge(ConsumerRecord<String, byte[]> r, Screener s, Policy p) {
        Line line;
        try {
            line = r.value() == null || r.value().length > settings.messageBytesMax()
                    ? null
                    : JSON.readValue(r.value(), Line.class);
        } catch (IOException e) {
            line = null;
        }
        if (line == null || line.streamId() == null || line.authorId() == null || line.text() == null) {
            return verdict(r.key(), Map.of("type", "live.unreadable", "source", source(r)));
        }
        String text = line.text().length() > TEXT_CHARS_MAX ? line.text().substring(0, TEXT_CHARS_MAX) : line.text();
        String window = contexts.computeIfAbsent(r.partition(), k -> new StreamContext(CONTEXT_PAIRS_MAX))
                .window(line.streamId(), line.authorId(), text);
        Assessment a = Decider.decide(
                new ContentSnapshot(
                        0, Surface.LIVE, line.authorId(), null, window, List.of(), Instant.EPOCH, AiSignals.NONE),
                NEW_ACCOUNT,
                p,
                s);
        screened.incrementAndGet();
        screenedCounter.increment();
        if (a.verdict().action() == Action.ALLOW) return null;
        flagged.incrementAndGet();
        flaggedCounter.increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "live.verdict");
        body.put("streamId", line.streamId());
        body.put("authorId", line.authorId());
        body.put("messageId", line.messageId());
        body.put("action", a.verdict().action().code());
        body.put("reasonCode", a.verdict().reasonCode());
        body.put("ruleId", a.verdict().ruleId());
        body.put("policyVersion", a.verdict().policyVersion());
        body.put("context", window.indexOf('\n') >= 0); // judged together with the author's previous lines
        List<String> terms = new ArrayList<>();
        for (EvidenceHit h : a.screening().hits()) terms.add(h.category() + ":" + h.term());
        body.put("hits", terms);
        body.put("source", source(r));
        return verdict(line.streamId(), body);
    }

    private ProducerRecord<String, String> verdict(String key, Map<String, ?> body) {
        return new ProducerRecord<>(settings.topics().liveVerdicts(), key, DecisionEvents.json(body));
    }

    private static String source(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "/" + r.offset();
    }

    /** Finishes the batch in hand, commits it, leaves the group. */
    public boolean stop(long timeoutMs) {
        return loop.stop(timeoutMs);
    }

    @Override
    public void close() {
        stop(30_000);
    }
}
