package io.redline.review;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.intake.Content;
import io.redline.intake.Intake;
import io.redline.policy.Action;
import io.redline.policy.AuthorFacts;
import io.redline.policy.AiMark;
import io.redline.policy.Policy;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.text.Screener;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Decides stored content and keeps every decision.
 *
 * <p>Exactly one first decision per content: seq 1 is inserted with {@code ON CONFLICT (content_id,
 * seq) DO NOTHING}, so of two writers racing (a waiting client and the worker, or two worker
 * processes) one stores and the other finds the stored decision. Each decision and its
 * {@code content.decide} audit entry commit in one transaction; a batch from
 * {@link #decidePending} commits whole or not at all.
 *
 * <p>Finding pending content is an anti-join of {@code contents} against {@code decision_heads}
 * (both probed by primary key) above an in-memory low watermark: every content at or below it is
 * known decided, so a steady-state poll reads only the newest rows. The watermark trails wall
 * time by {@link #WATERMARK_LAG_MS}, because an id is minted before its transaction commits, and
 * drops to zero every {@link #FULL_SCAN_INTERVAL_MS} as a safety net. Losing it on restart costs
 * one full anti-join, nothing more.
 */
public final class Decisions {
    private static final Logger log = LoggerFactory.getLogger(Decisions.class);
    /** Most items one {@link #decidePending} batch decides: one transaction, at most this many audit entries. */
    public static final int BATCH_MAX = 500;
    /** Most items one {@link #rescreen} call examines. */
    public static final int RESCREEN_LIMIT_MAX = 10_000_000;
    static final long WATERMARK_LAG_MS = 60_000;
    static final long FULL_SCAN_INTERVAL_MS = 10 * 60_000;
    static final int RESCREEN_CHUNK = 500;
    private static final Principal WORKER = Principal.system("decision-worker");

    private final Database db;
    private final GroupCommit writes;
    private final AuditLog audit;
    private final PolicyStore policies;
    private final Supplier<Screener> screener;
    private final AuthorFactsSource authors;
    private final Clock clock;
    private final Ids ids;
    private final ReentrantLock pendingLock = new ReentrantLock();
    private long decidedBelowId; // guarded by pendingLock: every content with id <= this has a decision
    private long fullScanAtMs;
    /** Test seam: runs inside the batch transaction before each item is stored; throwing aborts the batch. */
    volatile IntConsumer beforeStore = i -> { };

    /**
     * @param screener the screener in force, read once per batch (pass {@code holder::current} to follow lexicon reloads)
     */
    public Decisions(Database db, GroupCommit writes, AuditLog audit, PolicyStore policies, Supplier<Screener> screener,
                     Clock clock, Ids ids) {
        this.db = Objects.requireNonNull(db);
        this.writes = Objects.requireNonNull(writes);
        this.audit = Objects.requireNonNull(audit);
        this.policies = Objects.requireNonNull(policies);
        this.screener = Objects.requireNonNull(screener);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        this.authors = new AuthorFactsSource(db);
        db.migrate(PolicyStore.CAPABILITY);
        this.fullScanAtMs = clock.millis();
    }

    /**
     * Decides stored content now and stores the decision (origin SYNC): what the server calls for
     * {@code ?wait=true} right after intake accepted the item. When the content already has a
     * decision (the worker or another request got there first), returns the current one.
     *
     * @throws ReviewException.NotFound when no content has this id
     */
    public Decision decideNow(long contentId, Principal by) {
        Optional<Decision> existing = current(contentId);
        if (existing.isPresent()) return existing.get();
        ContentSnapshot content = db.jdbi().withHandle(h -> h.createQuery("SELECT " + ContentRows.COLUMNS
                        + " FROM contents c WHERE c.id = :id").bind("id", contentId).map(ContentRows.MAPPER).findOne())
                .orElseThrow(() -> new ReviewException.NotFound("no content has id " + contentId));
        List<Decision> stored = store(List.of(content), by, Origin.SYNC);
        Decision d = stored.isEmpty() ? null : stored.get(0);
        return d != null ? d : current(content.id()).orElseThrow(() -> new IllegalStateException(
                "seq 1 of content " + content.id() + " exists but cannot be read"));
    }

    /**
     * {@link #decideNow(long, Principal)} for a batch (intake's batch endpoint with {@code wait}):
     * the undecided items are decided together and stored in one transaction. Returns the current
     * decision of each id, in the order given.
     *
     * @throws ReviewException.NotFound naming the first unknown id; nothing is stored then
     */
    public List<Decision> decideNow(List<Long> contentIds, Principal by) {
        if (contentIds.isEmpty()) return List.of();
        if (contentIds.size() > BATCH_MAX) throw new IllegalArgumentException("at most " + BATCH_MAX + " ids at a time, got " + contentIds.size());
        Map<Long, Decision> current = new HashMap<>(currentOf(contentIds));
        List<Long> undecided = contentIds.stream().filter(id -> !current.containsKey(id)).distinct().toList();
        if (!undecided.isEmpty()) {
            Map<Long, ContentSnapshot> found = new HashMap<>();
            db.jdbi().useHandle(h -> h.createQuery("SELECT " + ContentRows.COLUMNS + " FROM contents c WHERE c.id IN (<ids>)")
                    .bindList("ids", undecided).map(ContentRows.MAPPER).forEach(c -> found.put(c.id(), c)));
            for (long id : undecided) {
                if (!found.containsKey(id)) throw new ReviewException.NotFound("no content has id " + id);
            }
            for (Decision d : store(undecided.stream().map(found::get).toList(), by, Origin.SYNC)) current.put(d.contentId(), d);
            if (current.size() < contentIds.stream().distinct().count()) current.putAll(currentOf(undecided));
        }
        return contentIds.stream().map(current::get).toList();
    }

    /**
     * {@link #decideNow(long, Principal)} for content intake just returned: decides from the record
     * in hand instead of reading it back, since a fresh item has no decision yet (and if the worker
     * raced us to it, the conflict on seq 1 hands back the worker's decision).
     */
    public Decision decideNow(Content content, Principal by) {
        List<Decision> stored = store(List.of(snapshot(content)), by, Origin.SYNC);
        return stored.isEmpty() ? current(content.id()).orElseThrow(() -> new IllegalStateException(
                "seq 1 of content " + content.id() + " exists but cannot be read")) : stored.get(0);
    }

    /** The current (highest-seq) decision. */
    public Optional<Decision> current(long contentId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE content_id = :c ORDER BY seq DESC LIMIT 1")
                .bind("c", contentId).map(DecisionRows::map).findOne());
    }

    /** Every decision on the content, oldest first. */
    public List<Decision> history(long contentId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE content_id = :c ORDER BY seq")
                .bind("c", contentId).map(DecisionRows::map).list());
    }

    /** Current decisions for many contents at once (e.g. a content listing), keyed by content id. */
    public Map<Long, Decision> currentOf(List<Long> contentIds) {
        if (contentIds.isEmpty()) return Map.of();
        if (contentIds.size() > 1_000) throw new IllegalArgumentException("at most 1000 ids at a time, got " + contentIds.size());
        Map<Long, Decision> out = new LinkedHashMap<>();
        db.jdbi().useHandle(h -> h.createQuery("""
                        SELECT d.* FROM decisions d JOIN decision_heads hd ON hd.content_id = d.content_id AND hd.seq = d.seq
                        WHERE d.content_id IN (<ids>)""")
                .bindList("ids", contentIds).map(DecisionRows::map).forEach(d -> out.put(d.contentId(), d)));
        return out;
    }

    /** How many decisions of one origin and action were made in a window (the dashboard's volumes). */
    public record Volume(Origin origin, Action action, long count) {}

    /**
     * Decisions made since {@code since}, counted by origin and action. Decision ids are
     * time-ordered, so the window is a primary-key range rather than a scan of every decision.
     */
    public List<Volume> volumes(Instant since) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT origin, action, count(*) FROM decisions WHERE id >= :from
                         GROUP BY origin, action ORDER BY origin, action""")
                .bind("from", Ids.lowestAt(since.toEpochMilli()))
                .map((rs, ctx) -> new Volume(Origin.fromCode(rs.getString(1)), Action.fromCode(rs.getString(2)), rs.getLong(3)))
                .list());
    }

    /** Contents without any decision (a full anti-join: for metrics and tests, not the hot path). */
    public long pendingCount() {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT count(*) FROM contents c WHERE NOT EXISTS (SELECT 1 FROM decision_heads hd WHERE hd.content_id = c.id)""")
                .mapTo(Long.class).one());
    }

    /**
     * Decides up to {@code batchMax} undecided contents, oldest first, and stores them in one
     * transaction with their audit entries. Returns how many decisions this call stored (items
     * another writer decided meanwhile are skipped). Calls within one process take turns.
     */
    public int decidePending(int batchMax) {
        if (batchMax < 1 || batchMax > BATCH_MAX) throw new IllegalArgumentException("batchMax must be 1.." + BATCH_MAX + ", was " + batchMax);
        pendingLock.lock();
        try {
            long nowMs = clock.millis();
            if (nowMs - fullScanAtMs >= FULL_SCAN_INTERVAL_MS) {
                decidedBelowId = 0;
                fullScanAtMs = nowMs;
            }
            long floor = decidedBelowId;
            List<ContentSnapshot> pending = db.jdbi().withHandle(h -> h.createQuery("SELECT " + ContentRows.COLUMNS + """
                             FROM contents c
                            WHERE c.id > :floor
                              AND NOT EXISTS (SELECT 1 FROM decision_heads hd WHERE hd.content_id = c.id)
                            ORDER BY c.id LIMIT :n""")
                    .bind("floor", floor).bind("n", batchMax).map(ContentRows.MAPPER).list());
            long settled = ContentRows.firstIdAt(nowMs - WATERMARK_LAG_MS) - 1;
            long next = pending.isEmpty() ? settled : Math.min(settled, pending.getFirst().id() - 1);
            decidedBelowId = Math.max(floor, next);
            if (pending.isEmpty()) return 0;
            return store(pending, WORKER, Origin.WORKER).size();
        } finally {
            pendingLock.unlock();
        }
    }

    /** Decides a batch and stores it in one transaction; returns the decisions this call stored (losers of a race omitted). */
    private List<Decision> store(List<ContentSnapshot> batch, Principal by, Origin origin) {
        List<Decision> decided = decide(batch, by, origin);
        return writes.write(h -> writeIn(h, batch, decided, by));
    }

    /** Screens and evaluates a batch (reads author facts; writes nothing). */
    private List<Decision> decide(List<ContentSnapshot> batch, Principal by, Origin origin) {
        Map<Long, AuthorFacts> facts = authors.forContents(batch);
        Policy policy = policies.active().policy();
        Screener s = screener.get();
        String actorId = Actors.of(by).id();
        Instant at = now();
        List<Decision> decided = new ArrayList<>(batch.size());
        for (ContentSnapshot c : batch) {
            Assessment a = Decider.decide(c, facts.get(c.id()), policy, s);
            decided.add(Decision.of(ids.next(), c.id(), 1, origin, a, at, actorId));
        }
        return decided;
    }

    /** Stores first decisions and their audit entries inside the caller's transaction; returns those stored. */
    private List<Decision> writeIn(Handle h, List<ContentSnapshot> batch, List<Decision> decided, Principal by) {
        audit.lockForAppend(h); // before the decision rows: see AuditLog#lockForAppend
        AuditEvent.Actor actor = Actors.of(by);
        List<AuditEvent> events = new ArrayList<>(decided.size());
        List<Decision> stored = new ArrayList<>(decided.size());
        for (int i = 0; i < decided.size(); i++) {
            beforeStore.accept(i);
            Decision d = decided.get(i);
            if (!DecisionRows.insert(h, d)) continue;
            DecisionRows.insertHead(h, d, batch.get(i).authorId());
            events.add(decideEvent(actor, d));
            stored.add(d);
        }
        if (!events.isEmpty()) audit.appendAll(h, events);
        return stored;
    }

    /**
     * First decisions for items intake is about to store, decided before the write and stored in
     * intake's own transaction: the content and its decision commit together, with one fsync, which
     * is what {@code ?wait=true} needs. The decisions stored are put into {@code out} by content id.
     */
    public Intake.Companion firstDecisions(Principal by, Map<Long, Decision> out) {
        return items -> {
            List<ContentSnapshot> batch = items.stream().map(Decisions::snapshot).toList();
            List<Decision> decided = decide(batch, by, Origin.SYNC);
            return h -> writeIn(h, batch, decided, by).forEach(d -> out.put(d.contentId(), d));
        };
    }

    private static ContentSnapshot snapshot(Content content) {
        AiMark mark = AiMark.fromCode(content.aiMark());
        AiSignals ai = content.aiDeclared() || (mark != null && mark != AiMark.NONE)
                ? new AiSignals(content.aiDeclared(), mark == null ? AiMark.NONE : mark) : AiSignals.NONE;
        return new ContentSnapshot(content.id(), content.surface(), content.authorId(), content.title(),
                content.text(), content.tags(), content.createdAt(), ai);
    }

    /**
     * Re-decides contents created at or after {@code since} (oldest first, at most {@code limit})
     * with the screener and policy in force now, and appends a decision (seq + 1, origin RESCREEN)
     * for each item whose action or reason code changed. Unchanged items get nothing; items never
     * decided are left to the worker, and items a person decided (origin REVIEW or APPEAL) are kept. Each chunk commits on its own, so a stopped rescreen keeps
     * what it did and a rerun only finds what is still different.
     */
    public RescreenReport rescreen(Instant since, Principal by, int limit) {
        if (limit < 1 || limit > RESCREEN_LIMIT_MAX) throw new IllegalArgumentException("limit must be 1.." + RESCREEN_LIMIT_MAX);
        long t0 = System.nanoTime();
        ActivePolicy policy = policies.active();
        Screener s = screener.get();
        AuditEvent.Actor actor = Actors.of(by);
        long sinceMs = since.toEpochMilli();
        long cursor = ContentRows.firstIdAt(sinceMs - ContentRows.ID_TIME_SLACK_MS) - 1;
        long examined = 0, changed = 0, undecided = 0, keptHuman = 0, lost = 0;
        Map<Action, Long> before = new EnumMap<>(Action.class);
        Map<Action, Long> after = new EnumMap<>(Action.class);
        Map<String, Long> transitions = new TreeMap<>();
        while (examined < limit) {
            int n = (int) Math.min(RESCREEN_CHUNK, limit - examined);
            long from = cursor;
            List<ContentSnapshot> chunk = db.jdbi().withHandle(h -> h.createQuery("SELECT " + ContentRows.COLUMNS
                            + " FROM contents c WHERE c.id > :from AND c.created_at_ms >= :since ORDER BY c.id LIMIT :n")
                    .bind("from", from).bind("since", sinceMs).bind("n", n).map(ContentRows.MAPPER).list());
            if (chunk.isEmpty()) break;
            cursor = chunk.getLast().id();
            Map<Long, Decision> current = currentOf(chunk.stream().map(ContentSnapshot::id).toList());
            Map<Long, AuthorFacts> facts = authors.forContents(chunk);
            Instant at = now();
            List<Decision> appended = new ArrayList<>();
            List<Integer> previousSeqs = new ArrayList<>();
            for (ContentSnapshot c : chunk) {
                Decision was = current.get(c.id());
                if (was == null) {
                    undecided++;
                    continue;
                }
                if (was.origin() == Origin.REVIEW || was.origin() == Origin.APPEAL) {
                    keptHuman++; // a person decided; automation does not overrule them
                    continue;
                }
                examined++;
                Assessment a = Decider.decide(c, facts.get(c.id()), policy.policy(), s);
                Decision now = Decision.of(ids.next(), c.id(), was.seq() + 1, Origin.RESCREEN, a, at, actor.id());
                before.merge(was.action(), 1L, Long::sum);
                after.merge(now.action(), 1L, Long::sum);
                if (now.outcomeDiffers(was)) {
                    appended.add(now);
                    previousSeqs.add(was.seq());
                    transitions.merge(was.action().code() + "->" + now.action().code(), 1L, Long::sum);
                }
            }
            if (!appended.isEmpty()) {
                int stored = writes.write(h -> appendAll(h, actor, appended, previousSeqs));
                changed += stored;
                lost += appended.size() - stored;
            }
        }
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("since", since.toString());
        details.put("examined", examined);
        details.put("changed", changed);
        details.put("policyVersion", policy.version());
        details.put("engineVersion", s.version());
        audit.append(new AuditEvent(actor, "content.rescreen", new AuditEvent.Target("rescreen", since.toString()), now(), details));
        log.atInfo().addKeyValue("examined", examined).addKeyValue("changed", changed).addKeyValue("ms", elapsedMs).log("rescreen done");
        return new RescreenReport(since, policy.version(), s.version(), examined, changed, undecided, keptHuman, lost, before, after,
                transitions, elapsedMs);
    }

    private int appendAll(Handle h, AuditEvent.Actor actor, List<Decision> appended, List<Integer> previousSeqs) {
        audit.lockForAppend(h); // before the decision rows: see AuditLog#lockForAppend
        List<AuditEvent> events = new ArrayList<>(appended.size());
        for (int i = 0; i < appended.size(); i++) {
            Decision d = appended.get(i);
            // A concurrent rescreen or appeal that already took this seq wins; ours is dropped, not forced.
            if (!DecisionRows.insert(h, d)) continue;
            if (!DecisionRows.advanceHead(h, d, previousSeqs.get(i))) {
                throw new IllegalStateException("decision head of content " + d.contentId() + " moved past seq " + previousSeqs.get(i)
                        + " while seq " + d.seq() + " was free");
            }
            events.add(decideEvent(actor, d));
        }
        if (!events.isEmpty()) audit.appendAll(h, events);
        return events.size();
    }

    private static AuditEvent decideEvent(AuditEvent.Actor actor, Decision d) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", d.action().code());
        details.put("reasonCode", d.reasonCode());
        details.put("ruleId", d.ruleId());
        details.put("policyVersion", d.policyVersion());
        details.put("engineVersion", d.engineVersion());
        details.put("seq", d.seq());
        details.put("origin", d.origin().code());
        details.put("decisionId", Long.toString(d.id()));
        return new AuditEvent(actor, "content.decide", new AuditEvent.Target("content", Long.toString(d.contentId())),
                d.decidedAt(), details);
    }

    /** The pending low watermark (for tests): every content id at or below it has a decision. */
    long decidedBelowId() {
        pendingLock.lock();
        try {
            return decidedBelowId;
        } finally {
            pendingLock.unlock();
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
