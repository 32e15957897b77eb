package io.redline.kafka;

import io.redline.store.DrainLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays {@link Outbox} rows to Kafka: a background {@link DrainLoop} claims a batch under a
 * lease, produces every row (idempotent producer, {@code acks=all}), waits for the
 * acknowledgements and deletes the rows the broker took. A row the broker did not take stays and
 * is claimed again when its lease runs out; a relay that dies after producing and before deleting
 * makes the next one send the row again, with the same {@code redline-event-id}.
 *
 * <p>One per process that writes the outbox (the server in intake mode, each worker); several
 * relays share the table safely through the leases.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Rows one claim takes: a few hundred milliseconds of peak decisions on one worker. */
    public static final int BATCH_MAX = 500;
    /** Longer than a batch's produce timeout, so a live relay keeps its rows. */
    public static final Duration LEASE = Duration.ofSeconds(60);

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Outbox outbox;
    private final KafkaProducer<String, String> producer;
    private final String holder = "relay-" + UUID.randomUUID();
    private final DrainLoop loop;
    private final AtomicLong relayed = new AtomicLong();

    public OutboxRelay(Outbox outbox, String bootstrapServers, long pollIntervalMs) {
        this.outbox = Objects.requireNonNull(outbox);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis() - 1_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "redline-outbox-" + holder);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.loop = new DrainLoop("redline-kafka-outbox", pollIntervalMs, BATCH_MAX, this::relayBatch);
    }

    /** One round: claim, produce, wait, delete. Returns how many rows it handled. */
    public int relayBatch() {
        List<Outbox.Due> due = outbox.claim(holder, BATCH_MAX, LEASE.toMillis());
        if (due.isEmpty()) return 0;
        List<Future<RecordMetadata>> acks = new ArrayList<>(due.size());
        for (Outbox.Due d : due) {
            ProducerRecord<String, String> r = new ProducerRecord<>(d.topic(), d.key(), d.payload());
            r.headers().add(new RecordHeader(Outbox.EVENT_ID_HEADER, bytes(Long.toString(d.id()))));
            for (Map.Entry<String, String> e : d.headers().entrySet())
                r.headers().add(new RecordHeader(e.getKey(), bytes(e.getValue())));
            acks.add(producer.send(r));
        }
        List<Long> done = new ArrayList<>(due.size());
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        RuntimeException failure = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                done.add(due.get(i).id());
            } catch (ExecutionException | TimeoutException e) {
                if (failure == null) failure = new IllegalStateException("producing outbox rows failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int removed = outbox.sent(holder, done);
        relayed.addAndGet(removed);
        if (failure != null) {
            log.atWarn()
                    .addKeyValue("produced", done.size())
                    .addKeyValue("claimed", due.size())
                    .log("some outbox rows were not acknowledged; they are sent again when their lease runs out");
            throw failure; // the loop backs off
        }
        return due.size();
    }

    public OutboxRelay start() {
        loop.start();
        return this;
    }

    public void nudge() {
        loop.nudge();
    }

    /** Messages the broker acknowledged through this relay since start. */
    public long relayedCount() {
        return relayed.get();
    }

    /** Finishes the batch in hand, then stops and closes the producer. */
    public boolean stop(long timeoutMs) {
        boolean stopped = loop.stop(timeoutMs);
        producer.close(Duration.ofSeconds(5));
        return stopped;
    }

    @Override
    public void close() {
        stop(TimeUnit.SECONDS.toMillis(30));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
