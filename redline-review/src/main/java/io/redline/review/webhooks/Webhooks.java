package io.redline.review.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.review.ReviewException;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The webhook outbox: {@link #enqueue} writes one delivery row per subscription that wants the
 * event, inside the caller's transaction (the one that stores the decision), so an event exists
 * if and only if its decision committed. The {@link WebhookDispatcher} claims due rows, sends them
 * and records the outcome here; admins list deliveries and retry dead letters.
 *
 * <p>A claim is a compare-and-set on {@code lease_until_ms} whose row count decides the winner, so
 * two dispatchers (threads or server processes on one PostgreSQL) never send one row at the same
 * time; outcomes are written only by the lease holder ({@code leased_by}).
 *
 * <p>Back of the envelope: tens of thousands of reviewer verdicts a day and a handful of
 * subscriptions make well under 1 row a second, each well under 1 KB: a few hundred MB a year if
 * delivered rows are never purged (they are not yet; see docs/review.md).
 */
public final class Webhooks {
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    public static final int MAX_ATTEMPTS_LIMIT = 50;
    public static final int SUBSCRIPTIONS_MAX = 20;
    public static final int LIST_MAX = 500;
    /** Most rows one claim takes. */
    public static final int CLAIM_MAX = 100;

    static final int ERROR_CHARS_MAX = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final GroupCommit writes;
    private final AuditLog audit;
    private final List<WebhookSubscription> subscriptions;
    private final Map<String, WebhookSubscription> byName;
    private final int maxAttempts;
    private final Clock clock;
    private final Ids ids;

    /** Needs the review capability migrated (constructing {@code Decisions} or {@code PolicyStore} does it). */
    public Webhooks(
            Database db,
            GroupCommit writes,
            AuditLog audit,
            List<WebhookSubscription> subscriptions,
            int maxAttempts,
            Clock clock,
            Ids ids) {
        this.db = Objects.requireNonNull(db);
        this.writes = Objects.requireNonNull(writes);
        this.audit = Objects.requireNonNull(audit);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts must be 1.." + MAX_ATTEMPTS_LIMIT + ", was " + maxAttempts);
        }
        if (subscriptions.size() > SUBSCRIPTIONS_MAX) {
            throw new IllegalArgumentException(
                    "at most " + SUBSCRIPTIONS_MAX + " webhook subscriptions, got " + subscriptions.size());
        }
        Map<String, WebhookSubscription> named = new LinkedHashMap<>();
        for (WebhookSubscription s : subscriptions) {
            if (named.put(s.name(), s) != null)
                throw new IllegalArgumentException("two webhook subscriptions are named '" + s.name() + "'");
        }
        this.subscriptions = List.copyOf(subscriptions);
        this.byName = Map.copyOf(named);
        this.maxAttempts = maxAttempts;
    }

    /** An outbox with no subscriptions: {@link #enqueue} stores nothing. */
    public static Webhooks none(Database db, GroupCommit writes, AuditLog audit, Clock clock, Ids ids) {
        return new Webhooks(db, writes, audit, List.of(), DEFAULT_MAX_ATTEMPTS, clock, ids);
    }

    public List<WebhookSubscription> subscriptions() {
        return subscriptions;
    }

    public Optional<WebhookSubscription> subscription(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    // ---------------------------------------------------------------- the outbox

    /**
     * Stores one pending delivery of {@code event} per subscription that wants it, due at once, in
     * the caller's transaction. Returns the rows stored (0 when nobody subscribed).
     */
    public int enqueue(Handle h, WebhookEvent event) {
        List<WebhookSubscription> wanted =
                subscriptions.stream().filter(s -> s.wants(event.type())).toList();
        if (wanted.isEmpty()) return 0;
        long eventId = ids.next();
        String payload = payload(eventId, event);
        long nowMs = clock.millis();
        var batch = h.prepareBatch("""
                INSERT INTO webhook_deliveries (id, event_id, event_type, subscription, content_id, payload, state, attempts,
                    next_attempt_at_ms, created_at_ms)
                VALUES (:id, :event, :type, :subscription, :content, :payload, 'pending', 0, :now, :now)""");
        for (WebhookSubscription s : wanted) {
            batch.bind("id", ids.next())
                    .bind("event", eventId)
                    .bind("type", event.type().code())
                    .bind("subscription", s.name())
                    .bind("content", event.contentId())
                    .bind("payload", payload)
                    .bind("now", nowMs)
                    .add();
        }
        batch.execute();
        return wanted.size();
    }

    /** The JSON body: ids as decimal strings (as everywhere in the API), times as ISO-8601 UTC. */
    static String payload(long eventId, WebhookEvent event) {
        WebhookEvent.FinalDecision d = event.decision();
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("seq", d.seq());
        decision.put("action", d.action().code());
        decision.put("reasonCode", d.reasonCode());
        decision.put("origin", d.origin().code());
        decision.put("decidedAt", d.decidedAt().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", Long.toString(eventId));
        body.put("type", event.type().code());
        body.put("occurredAt", d.decidedAt().toString());
        body.put("contentId", Long.toString(event.contentId()));
        body.put("authorId", event.authorId());
        body.put("decision", decision);
        switch (event) {
            case WebhookEvent.DecisionFinal ignored -> {}
            case WebhookEvent.AppealResolved a -> {
                Map<String, Object> appeal = new LinkedHashMap<>();
                appeal.put("id", Long.toString(a.appealId()));
                appeal.put("appealedSeq", a.appealedSeq());
                appeal.put("appealedAction", a.appealedAction().code());
                appeal.put("outcome", a.overturned() ? "overturned" : "upheld");
                body.put("appeal", appeal);
            }
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and numbers always serialises", e);
        }
    }

    // ---------------------------------------------------------------- the dispatcher's side

    /** A claimed row, as the dispatcher sends it. */
    record Due(long id, long eventId, EventType eventType, String subscription, String payload, int attempts) {}

    /**
     * The outcome of one attempt on a row the dispatcher holds.
     *
     * @param status    HTTP status, null when no response came
     * @param error     what went wrong, null when delivered
     * @param retryAtMs when to try again, if attempts remain
     */
    record Attempt(Due due, boolean delivered, Integer status, String error, long atMs, long retryAtMs) {}

    /**
     * Leases up to {@code batchMax} due pending rows of configured subscriptions to {@code holder}
     * until {@code now + leaseMs}. Rows of subscriptions not configured here stay pending: another
     * process (during a rolling change of configuration) may know them.
     */
    List<Due> claimDue(String holder, int batchMax, long leaseMs) {
        if (batchMax < 1 || batchMax > CLAIM_MAX)
            throw new IllegalArgumentException("batchMax must be 1.." + CLAIM_MAX);
        if (byName.isEmpty()) return List.of();
        return writes.write(h -> {
            long nowMs = clock.millis();
            List<Due> candidates = h.createQuery("""
                            SELECT id, event_id, event_type, subscription, payload, attempts FROM webhook_deliveries
                             WHERE state = 'pending' AND next_attempt_at_ms <= :now
                               AND (lease_until_ms IS NULL OR lease_until_ms < :now)
                               AND subscription IN (<names>)
                             ORDER BY next_attempt_at_ms, id LIMIT :n""")
                    .bind("now", nowMs)
                    .bindList("names", List.copyOf(byName.keySet()))
                    .bind("n", batchMax)
                    .map((rs, ctx) -> new Due(
                            rs.getLong(1),
                            rs.getLong(2),
                            EventType.fromCode(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6)))
                    .list();
            return candidates.stream()
                    // The compare-and-set: of two dispatchers (here or in another process), one updates the row, the
                    // other none.
                    .filter(c -> h.createUpdate("""
                                    UPDATE webhook_deliveries SET lease_until_ms = :until, leased_by = :me
                                     WHERE id = :id AND state = 'pending' AND (lease_until_ms IS NULL OR lease_until_ms < :now)""")
                                    .bind("until", nowMs + leaseMs)
                                    .bind("me", holder)
                                    .bind("id", c.id())
                                    .bind("now", nowMs)
                                    .execute()
                            == 1)
                    .toList();
        });
    }

    /**
     * Records attempts on rows {@code holder} leased: delivered; or pending again at
     * {@code retryAtMs}; or failed when this was the last allowed attempt. A row whose lease
     * another dispatcher took over meanwhile is left alone (that dispatcher records its own
     * attempt). Returns how many rows were updated.
     */
    int record(String holder, List<Attempt> attempts) {
        if (attempts.isEmpty()) return 0;
        return writes.write(h -> {
            int updated = 0;
            for (Attempt a : attempts) {
                int made = a.due().attempts() + 1;
                String error = a.error() == null
                        ? null
                        : a.error().length() <= ERROR_CHARS_MAX
                                ? a.error()
                                : a.error().substring(0, ERROR_CHARS_MAX);
                DeliveryState next = a.delivered()
                        ? DeliveryState.DELIVERED
                        : made >= maxAttempts ? DeliveryState.FAILED : DeliveryState.PENDING;
                updated += h.createUpdate("""
                                UPDATE webhook_deliveries
                                   SET state = :state, attempts = :made, last_attempt_at_ms = :at, last_status = :status,
                                       last_error = :error, next_attempt_at_ms = :retryAt, delivered_at_ms = :deliveredAt,
                                       lease_until_ms = NULL, leased_by = NULL
                                 WHERE id = :id AND state = 'pending' AND leased_by = :me""")
                        .bind("state", next.code())
                        .bind("made", made)
                        .bind("at", a.atMs())
                        .bind("status", a.status())
                        .bind("error", error)
                        .bind("retryAt", next == DeliveryState.PENDING ? a.retryAtMs() : a.atMs())
                        .bind("deliveredAt", a.delivered() ? a.atMs() : null)
                        .bind("id", a.due().id())
                        .bind("me", holder)
                        .execute();
            }
            return updated;
        });
    }

    // ---------------------------------------------------------------- admin

    /** Deliveries newest first, of one state or (null) all. */
    public List<Delivery> deliveries(DeliveryState state, int limit) {
        if (limit < 1 || limit > LIST_MAX)
            throw new IllegalArgumentException("limit must be 1.." + LIST_MAX + ", was " + limit);
        return db.jdbi()
                .withHandle(h -> (state == null
                                ? h.createQuery("SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT :n")
                                : h.createQuery(
                                                "SELECT * FROM webhook_deliveries WHERE state = :s ORDER BY id DESC LIMIT :n")
                                        .bind("s", state.code()))
                        .bind("n", limit)
                        .map((rs, ctx) -> map(rs))
                        .list());
    }

    public Optional<Delivery> delivery(long id) {
        return db.jdbi().withHandle(h -> find(h, id));
    }

    /**
     * Puts a failed delivery back to pending, due now, with a fresh attempt budget; audited as
     * {@code webhook.retry} in the same transaction.
     *
     * @throws ReviewException.NotFound when no delivery has this id
     * @throws WebhookConflict          when the delivery is not failed (pending ones are retried anyway, delivered ones are done)
     */
    public Delivery retry(long id, Principal by) {
        boolean system = "system".equals(by.tokenId());
        if (!system && by.role() != Role.ADMIN)
            throw new ReviewException.Forbidden("retrying webhook deliveries needs the admin role");
        return writes.write(h -> {
            long nowMs = clock.millis();
            Delivery d =
                    find(h, id).orElseThrow(() -> new ReviewException.NotFound("no webhook delivery has id " + id));
            if (d.state() != DeliveryState.FAILED) {
                throw new WebhookConflict("webhook delivery " + id + " is "
                        + d.state().code() + "; only failed deliveries can be retried");
            }
            int reset = h.createUpdate("""
                            UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at_ms = :now,
                                   lease_until_ms = NULL, leased_by = NULL
                             WHERE id = :id AND state = 'failed'""").bind("now", nowMs).bind("id", id).execute();
            if (reset != 1) throw new WebhookConflict("webhook delivery " + id + " changed meanwhile; reload it");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("subscription", d.subscription());
            details.put("eventType", d.eventType().code());
            details.put("eventId", Long.toString(d.eventId()));
            details.put("previousAttempts", d.attempts());
            details.put("lastStatus", d.lastStatus());
            details.put("lastError", d.lastError());
            audit.append(
                    h,
                    new AuditEvent(
                            by.actor(),
                            "webhook.retry",
                            new AuditEvent.Target("webhook_delivery", Long.toString(id)),
                            Instant.ofEpochMilli(nowMs),
                            details));
            return find(h, id).orElseThrow();
        });
    }

    /** Subscription names that have rows but are not configured here (their rows wait; see {@link #claimDue}). */
    public Set<String> unconfiguredWithPending() {
        Set<String> names = new HashSet<>(db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT DISTINCT subscription FROM webhook_deliveries WHERE state = 'pending'")
                        .mapTo(String.class)
                        .list()));
        names.removeAll(byName.keySet());
        return names;
    }

    private static Optional<Delivery> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM webhook_deliveries WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private static Delivery map(ResultSet rs) throws SQLException {
        DeliveryState state = DeliveryState.fromCode(rs.getString("state"));
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new Delivery(
                rs.getLong("id"),
                rs.getLong("event_id"),
                EventType.fromCode(rs.getString("event_type")),
                rs.getString("subscription"),
                rs.getLong("content_id"),
                state,
                rs.getInt("attempts"),
                instant(rs, "created_at_ms"),
                state == DeliveryState.PENDING ? instant(rs, "next_attempt_at_ms") : null,
                instant(rs, "last_attempt_at_ms"),
                lastStatus,
                rs.getString("last_error"),
                instant(rs, "delivered_at_ms"),
                rs.getString("payload"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
    }
}
