package io.redline.kafka;

import io.redline.store.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop both Kafka workers run on their consumer's thread: poll, hand the batch over, and
 * commit the next offsets only after the batch returned (its effects are durable). A batch that
 * throws is not committed: the partitions are rewound to its first offsets and it is retried after
 * a doubling pause ({@link Backoff}), which {@link #stop} cuts short. {@link #stop} never
 * interrupts: the batch in hand finishes and is committed, then the consumer leaves the group.
 */
final class ConsumeLoop {
    private static final Logger log = LoggerFactory.getLogger(ConsumeLoop.class);
    static final Duration POLL = Duration.ofMillis(500);
    static final long RETRY_FIRST_MS = 100;

    /** One batch; returns normally only when every record's effect is durable. */
    @FunctionalInterface
    interface Batch {
        void handle(ConsumerRecords<String, byte[]> records);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Batch batch;
    private final Consumer<KafkaConsumer<String, byte[]>> afterPoll;
    private final Runnable onExit;
    private final Thread thread;
    /** What a retry pause waits on, so a stop need not wait the pause out. */
    private final Object wake = new Object();

    private volatile boolean running = true;

    /**
     * @param afterPoll runs after every poll on the consumer's thread (metrics that read the consumer)
     * @param onExit    runs on the loop's thread after the consumer closed (producers, pools)
     */
    ConsumeLoop(
            String threadName,
            KafkaConsumer<String, byte[]> consumer,
            Batch batch,
            Consumer<KafkaConsumer<String, byte[]>> afterPoll,
            Runnable onExit) {
        this.consumer = consumer;
        this.batch = batch;
        this.afterPoll = afterPoll;
        this.onExit = onExit;
        this.thread = Thread.ofPlatform().name(threadName).unstarted(this::run);
    }

    ConsumeLoop start() {
        thread.start();
        return this;
    }

    /** Finishes and commits the batch in hand, leaves the group; waits up to {@code timeoutMs}. */
    boolean stop(long timeoutMs) {
        running = false;
        synchronized (wake) {
            wake.notifyAll(); // a retry pause ends now
        }
        consumer.wakeup();
        try {
            thread.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void run() {
        Backoff backoff = new Backoff(RETRY_FIRST_MS);
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(POLL);
                } catch (WakeupException e) {
                    break; // stop() while waiting: nothing in hand
                }
                afterPoll.accept(consumer);
                if (records.isEmpty()) continue;
                try {
                    batch.handle(records);
                    consumer.commitSync(nextOffsets(records));
                    backoff.succeeded();
                } catch (WakeupException e) {
                    // stop() during the commit: commit once more without the wake-up, then leave.
                    consumer.commitSync(nextOffsets(records));
                    break;
                } catch (RuntimeException e) {
                    // Nothing of this batch is committed: rewind and retry it; what did commit replays.
                    long pauseMs = backoff.failed();
                    log.atWarn()
                            .setCause(e)
                            .addKeyValue("thread", thread.getName())
                            .addKeyValue("records", records.count())
                            .addKeyValue("retryInMs", pauseMs)
                            .log("a Kafka batch failed; retrying it");
                    rewind(records);
                    pause(pauseMs);
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.atWarn().setCause(e).log("closing the Kafka consumer failed");
            }
            onExit.run();
        }
    }

    static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> rs = records.records(tp);
            next.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
        }
        return next;
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            if (consumer.assignment().contains(tp))
                consumer.seek(tp, records.records(tp).get(0).offset());
        }
    }

    private void pause(long ms) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (wake) {
            long left;
            while (running && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
