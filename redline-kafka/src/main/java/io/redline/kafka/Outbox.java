package io.redline.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of {@code kafka_outbox}: {@link #enqueue} adds messages inside the caller's
 * transaction (the one that stores the decision, the task or the accepted item), so a message
 * exists exactly when its cause committed; the {@link OutboxRelay} claims due rows under a lease
 * ({@link #claim}), produces them and removes them once the broker acknowledged them
 * ({@link #sent}).
 *
 * <p>A claim is a compare-and-set on {@code lease_until_ms}, as the webhook outbox's, so two
 * relays (threads or processes on one PostgreSQL) never produce one row at the same time; a relay
 * that dies mid-batch leaves rows whose lease runs out and another relay sends them again: at
 * least once, with the same {@code redline-event-id} header for consumers to deduplicate on.
 *
 * <p>Back of the envelope: at the 300M-user sizing of docs/scale.md, about 20k decisions a second
 * at peak, each row under 1 KB and deleted within a relay round trip (tens of milliseconds), so
 * the table holds a few thousand rows in steady state; a broker outage grows it by about 20 MB a
 * second, which is what the relay drains once the broker is back.
 */
public final class Outbox {
    /** Most rows one claim takes. */
    public static final int CLAIM_MAX = 1_000;

    static final String EVENT_ID_HEADER = "redline-event-id";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final Database db;
    private final GroupCommit writes;
    private final Clock clock;
    private final Ids ids;

    public Outbox(Database db, GroupCommit writes, Clock clock, Ids ids) {
        this.db = Objects.requireNonNull(db);
        this.writes = Objects.requireNonNull(writes);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        KafkaSchema.migrate(db);
    }

    /** A message to produce: topic, key, UTF-8 JSON value, headers (the event id is added). */
    public record Message(String topic, String key, String payload, Map<String, String> headers) {
        public Message {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(payload, "payload");
            headers = Map.copyOf(headers);
        }
    }

    /** A claimed row as the relay produces it. */
    record Due(long id, String topic, String key, String payload, Map<String, String> headers) {}

    /** Stores the messages in the caller's transaction; each gets an event id (its row id). */
    public void enqueue(Handle h, List<Message> messages) {
        if (messages.isEmpty()) return;
        long nowMs = clock.millis();
        var batch = h.prepareBatch("""
                INSERT INTO kafka_outbox (id, topic, msg_key, payload, headers_json, created_at_ms)
                VALUES (:id, :topic, :key, :payload, :headers, :now)""");
        for (Message m : messages) {
            batch.bind("id", ids.next())
                    .bind("topic", m.topic())
                    .bind("key", m.key())
                    .bind("payload", m.payload())
                    .bind("headers", json(m.headers()))
                    .bind("now", nowMs)
                    .add();
        }
        batch.execute();
    }

    /**
     * Leases up to {@code batchMax} rows that nobody holds (or whose lease ran out) to {@code holder}
     * for {@code leaseMs}, oldest first.
     */
    List<Due> claim(String holder, int batchMax, long leaseMs) {
        if (batchMax < 1 || batchMax > CLAIM_MAX)
            throw new IllegalArgumentException("batchMax must be 1.." + CLAIM_MAX + ", was " + batchMax);
        return writes.write(h -> {
            long nowMs = clock.millis();
            List<Long> candidates = h.createQuery("""
                            SELECT id FROM kafka_outbox WHERE lease_until_ms IS NULL OR lease_until_ms < :now
                             ORDER BY id LIMIT :n""")
                    .bind("now", nowMs)
                    .bind("n", batchMax)
                    .mapTo(Long.class)
                    .list();
            if (candidates.isEmpty()) return List.of();
            long until = nowMs + leaseMs;
            // The compare-and-set: of two relays, each row goes to the one whose update matched it.
            h.createUpdate("""
                            UPDATE kafka_outbox SET lease_until_ms = :until, leased_by = :me
                             WHERE id IN (<ids>) AND (lease_until_ms IS NULL OR lease_until_ms < :now)""")
                    .bindList("ids", candidates)
                    .bind("until", until)
                    .bind("me", holder)
                    .bind("now", nowMs)
                    .execute();
            return h.createQuery("""
                            SELECT id, topic, msg_key, payload, headers_json FROM kafka_outbox
                             WHERE id IN (<ids>) AND leased_by = :me AND lease_until_ms = :until ORDER BY id""")
                    .bindList("ids", candidates)
                    .bind("me", holder)
                    .bind("until", until)
                    .map((rs, ctx) -> new Due(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), headers(rs.getString(5))))
                    .list();
        });
    }

    /** Removes rows {@code holder} produced and the broker acknowledged; returns how many it removed. */
    int sent(String holder, List<Long> ids) {
        if (ids.isEmpty()) return 0;
        return writes.write(h -> h.createUpdate("DELETE FROM kafka_outbox WHERE id IN (<ids>) AND leased_by = :me")
                .bindList("ids", ids)
                .bind("me", holder)
                .execute());
    }

    /** Rows waiting to be produced (a gauge; a growing number means the broker or the relay is behind). */
    public long pending() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT count(*) FROM kafka_outbox")
                        .mapTo(Long.class)
                        .one());
    }

    private static String json(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static Map<String, String> headers(String json) {
        try {
            return JSON.readValue(json, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kafka_outbox.headers_json is written by enqueue only", e);
        }
    }
}
