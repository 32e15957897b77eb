package io.redline.decision;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.intake.Content;
import io.redline.intake.ContentImage;
import io.redline.intake.ContentReader;
import io.redline.intake.ImageFiles;
import io.redline.intake.Intake;
import io.redline.policy.Action;
import io.redline.policy.AuthorFacts;
import io.redline.policy.CredentialFact;
import io.redline.policy.Policy;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.store.WatermarkSweep;
import io.redline.text.Screener;
import io.redline.text.stream.PriorLine;
import io.redline.vocabulary.Actor;
import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.CredentialStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides stored content and keeps every decision: the decision capability's service. Every
 * decision it makes is stored through {@link DecisionLog#append} (see {@link #log()}), the one
 * writer, which reviewers' verdicts and appeals use too.
 *
 * <p>Exactly one first decision per content: seq 1 is unique, so of two writers racing (a
 * waiting client and the worker, or two worker processes) one stores and the other finds the
 * stored decision. Each decision and its {@code content.decide} audit entry commit in one
 * transaction; a batch from {@link #decidePending} commits whole or not at all.
 *
 * <p>Finding pending content is an anti-join of intake's content against {@code decision_heads}
 * ({@link ContentReader#withoutRowIn}) above a {@link WatermarkSweep}, so a steady-state poll reads
 * only the newest rows.
 */
public final class Decisions {
    private static final Logger log = LoggerFactory.getLogger(Decisions.class);
    /** Most items one {@link #decidePending} batch decides: one transaction, at most this many audit entries. */
    public static final int BATCH_MAX = 500;
    /** Most items one {@link #rescreen} call examines. */
    public static final int RESCREEN_LIMIT_MAX = 10_000_000;

    static final int RESCREEN_CHUNK = 500;
    /** The table whose rows mark content as decided (one per content). */
    static final String HEADS = "decision_heads";

    private static final Principal WORKER = Principal.system("decision-worker");

    private final Database db;
    private final GroupCommit writes;
    private final AuditLog audit;
    private final DecisionLog decisionLog;
    private final PolicyStore policies;
    private final Supplier<Screener> screener;
    private final ContentReader contents;
    private final AuthorFactsSource authors;
    private final Reposts reposts;
    private final Clock clock;
    private final Ids ids;
    private final WatermarkSweep pending;
    /** Where pictures are screened, and where their stored copies are read; null: pictures are not looked at. */
    private volatile PictureScreener pictureScreener;

    private volatile ImageFiles imageFiles;
    /** How far back a streamed item's decision looks at its author's earlier items in the stream. */
    private volatile StreamWindow streamWindow = StreamWindow.DEFAULT;
    /** Test seam: runs inside the batch transaction before each item is stored; throwing aborts the batch. */
    volatile IntConsumer beforeStore = i -> {};

    /** Alone, as in tests: contents read from {@code db}, no review capability (nobody has open reports). */
    public Decisions(
            Database db,
            GroupCommit writes,
            AuditLog audit,
            PolicyStore policies,
            Supplier<Screener> screener,
            Clock clock,
            Ids ids) {
        this(db, writes, audit, policies, screener, new ContentReader(db), OpenReports.NONE, clock, ids);
    }

    /**
     * @param screener the screener in force, read once per batch (pass {@code holder::current} to follow lexicon reloads)
     * @param contents intake's read API
     * @param reports  the review capability's open reports per author (a policy fact)
     */
    public Decisions(
            Database db,
            GroupCommit writes,
            AuditLog audit,
            PolicyStore policies,
            Supplier<Screener> screener,
            ContentReader contents,
            OpenReports reports,
            Clock clock,
            Ids ids) {
        this(db, writes, audit, policies, screener, contents, reports, Reposts.NONE, clock, ids);
    }

    /** @param reposts the rights capability's copy lookup (the {@code suspectedRepost} fact; links stored with the decision) */
    public Decisions(
            Database db,
            GroupCommit writes,
            AuditLog audit,
            PolicyStore policies,
            Supplier<Screener> screener,
            ContentReader contents,
            OpenReports reports,
            Reposts reposts,
            Clock clock,
            Ids ids) {
        this.reposts = Objects.requireNonNull(reposts);
        this.db = Objects.requireNonNull(db);
        this.writes = Objects.requireNonNull(writes);
        this.audit = Objects.requireNonNull(audit);
        this.policies = Objects.requireNonNull(policies);
        this.screener = Objects.requireNonNull(screener);
        this.contents = Objects.requireNonNull(contents);
        this.clock = Objects.requireNonNull(clock);
        this.ids = Objects.requireNonNull(ids);
        this.authors = new AuthorFactsSource(db, contents, reports);
        this.decisionLog = new DecisionLog(audit);
        this.pending = new WatermarkSweep(clock, WatermarkSweep.Found.STILL_WAITING);
        DecisionSchema.migrate(db);
    }

    /**
     * Makes decisions look at what uploaded pictures show: their codes and text, screened, become
     * hits of kind {@code image}. Pictures are screened only for surfaces where the active policy
     * looks at hits ({@link Policy#readsHits}); elsewhere they cannot change the decision.
     *
     * @param files where intake stored the pictures
     */
    public Decisions screenPictures(PictureScreener screener, ImageFiles files) {
        this.imageFiles = Objects.requireNonNull(files);
        this.pictureScreener = Objects.requireNonNull(screener);
        return this;
    }

    /**
     * How many of an author's earlier items in a stream, and how far back, a live-chat or comment
     * item that names its stream is screened with ({@link StreamWindow#DEFAULT} unless set).
     */
    public Decisions streamWindow(StreamWindow window) {
        this.streamWindow = Objects.requireNonNull(window);
        return this;
    }

    public StreamWindow streamWindow() {
        return streamWindow;
    }

    /** The picture screener in use, or null. */
    public PictureScreener pictureScreener() {
        return pictureScreener;
    }

    /** The one writer of decisions, for capabilities that decide on their own (review verdicts, appeals). */
    public DecisionLog log() {
        return decisionLog;
    }

    /**
     * Decides stored content now and stores the decision (origin SYNC): what {@code ?wait=true}
     * needs when intake did not decide the item itself (a replayed request). When the content
     * already has a decision (the worker or another request got there first), returns that one.
     *
     * @throws DecisionException.NotFound when no content has this id
     */
    public Decision decideNow(long contentId, Principal by) {
        Optional<Decision> existing = current(contentId);
        if (existing.isPresent()) return existing.get();
        Content content = contents.find(contentId)
                .orElseThrow(() -> new DecisionException.NotFound("no content has id " + contentId));
        return decideNow(content, by);
    }

    /**
     * {@link #decideNow(long, Principal)} for a batch: the undecided items are decided together
     * and stored in one transaction. Returns the current decision of each id, in the order given.
     *
     * @throws DecisionException.NotFound naming the first unknown id; nothing is stored then
     */
    public List<Decision> decideNow(List<Long> contentIds, Principal by) {
        if (contentIds.isEmpty()) return List.of();
        if (contentIds.size() > BATCH_MAX)
            throw new IllegalArgumentException("at most " + BATCH_MAX + " ids at a time, got " + contentIds.size());
        Map<Long, Decision> current = new HashMap<>(currentOf(contentIds));
        List<Long> undecided = contentIds.stream()
                .filter(id -> !current.containsKey(id))
                .distinct()
                .toList();
        if (!undecided.isEmpty()) {
            Map<Long, Content> found = contents.findAll(undecided);
            for (long id : undecided) {
                if (!found.containsKey(id)) throw new DecisionException.NotFound("no content has id " + id);
            }
            for (Decision d : store(undecided.stream().map(found::get).toList(), by, Origin.SYNC)) {
                current.put(d.contentId(), d);
            }
            if (current.size() < contentIds.stream().distinct().count()) current.putAll(currentOf(undecided));
        }
        return contentIds.stream().map(current::get).toList();
    }

    /**
     * {@link #decideNow(long, Principal)} for content in hand: decides from the record instead of
     * reading it back (if another writer raced us to it, the conflict on seq 1 hands back theirs).
     */
    public Decision decideNow(Content content, Principal by) {
        List<Decision> stored = store(List.of(content), by, Origin.SYNC);
        return stored.isEmpty()
                ? current(content.id())
                        .orElseThrow(() -> new IllegalStateException(
                                "seq 1 of content " + content.id() + " exists but cannot be read"))
                : stored.get(0);
    }

    /** The current (highest-seq) decision. */
    public Optional<Decision> current(long contentId) {
        return db.jdbi()
                .withHandle(
                        h -> h.createQuery("SELECT * FROM decisions WHERE content_id = :c ORDER BY seq DESC LIMIT 1")
                                .bind("c", contentId)
                                .map(DecisionRows::map)
                                .findOne());
    }

    /** The current decision read in the caller's transaction (a verdict builds the next seq on it). */
    public Optional<Decision> current(Handle h, long contentId) {
        return h.createQuery("SELECT * FROM decisions WHERE content_id = :c ORDER BY seq DESC LIMIT 1")
                .bind("c", contentId)
                .map(DecisionRows::map)
                .findOne();
    }

    /** Every decision on the content, oldest first. */
    public List<Decision> history(long contentId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM decisions WHERE content_id = :c ORDER BY seq")
                        .bind("c", contentId)
                        .map(DecisionRows::map)
                        .list());
    }

    /** Current decisions for many contents at once (e.g. a content listing), keyed by content id. */
    public Map<Long, Decision> currentOf(List<Long> contentIds) {
        if (contentIds.isEmpty()) return Map.of();
        if (contentIds.size() > 1_000)
            throw new IllegalArgumentException("at most 1000 ids at a time, got " + contentIds.size());
        Map<Long, Decision> out = new LinkedHashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("""
                        SELECT d.* FROM decisions d JOIN decision_heads hd ON hd.content_id = d.content_id AND hd.seq = d.seq
                        WHERE d.content_id IN (<ids>)""")
                        .bindList("ids", contentIds)
                        .map(DecisionRows::map)
                        .forEach(d -> out.put(d.contentId(), d)));
        return out;
    }

    /**
     * The decision in force at {@code at} for each content: its highest seq decided at or before
     * that time (a dataset export evaluates "allowed" as of its export time). Contents without a
     * decision by then are absent. At most 1,000 ids.
     */
    public Map<Long, Decision> asOf(List<Long> contentIds, Instant at) {
        if (contentIds.isEmpty()) return Map.of();
        if (contentIds.size() > 1_000)
            throw new IllegalArgumentException("at most 1000 ids at a time, got " + contentIds.size());
        Map<Long, Decision> out = new HashMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("""
                        SELECT * FROM decisions WHERE content_id IN (<ids>) AND decided_at_ms <= :at ORDER BY content_id, seq""")
                        .bindList("ids", contentIds)
                        .bind("at", at.toEpochMilli())
                        .map(DecisionRows::map)
                        .forEach(d -> out.put(d.contentId(), d)));
        return out;
    }

    /** How many decisions of one origin and action were made in a window (the dashboard's volumes). */
    public record Volume(Origin origin, Action action, long count) {}

    /**
     * Decisions made since {@code since}, counted by origin and action. Decision ids are
     * time-ordered, so the window is a primary-key range rather than a scan of every decision.
     */
    public List<Volume> volumes(Instant since) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT origin, action, count(*) FROM decisions WHERE id >= :from
                         GROUP BY origin, action ORDER BY origin, action""")
                        .bind("from", Ids.lowestAt(since.toEpochMilli()))
                        .map((rs, ctx) -> new Volume(
                                Origin.fromCode(rs.getString(1)), Action.fromCode(rs.getString(2)), rs.getLong(3)))
                        .list());
    }

    /** Contents without any decision (a full anti-join: for metrics and tests, not the hot path). */
    public long pendingCount() {
        return contents.countWithoutRowIn(HEADS);
    }

    /**
     * Decides up to {@code batchMax} undecided contents, oldest first, and stores them in one
     * transaction with their audit entries. Returns how many decisions this call stored (items
     * another writer decided meanwhile are skipped). Calls within one process take turns.
     */
    public int decidePending(int batchMax) {
        if (batchMax < 1 || batchMax > BATCH_MAX)
            throw new IllegalArgumentException("batchMax must be 1.." + BATCH_MAX + ", was " + batchMax);
        return pending.step(
                batchMax,
                floor -> contents.withoutRowIn(HEADS, floor, batchMax),
                Content::id,
                batch -> store(batch, WORKER, Origin.WORKER).size());
    }

    /** Decides a batch and stores it in one transaction; returns the decisions this call stored (losers of a race omitted). */
    private List<Decision> store(List<Content> batch, Principal by, Origin origin) {
        Decided decided = decide(batch, by, origin);
        return writes.write(h -> decided.store(h, by));
    }

    /** First decisions made but not stored yet, with the copy links found for the same items. */
    private record Decided(List<DecisionLog.Entry> entries, Reposts.Found reposts, DecisionLog log, IntConsumer hook) {
        List<Decision> store(Handle h, Principal by) {
            List<Decision> stored = log.append(h, by.actor(), entries, hook);
            Set<Long> ids = new HashSet<>();
            for (Decision d : stored) ids.add(d.contentId());
            if (!ids.isEmpty()) reposts.recorder().record(h, ids);
            return stored;
        }
    }

    /**
     * Screens and evaluates a batch as first decisions: reads author facts and looks the items up
     * in the rights capability's copy index (the {@code suspectedRepost} fact); writes nothing.
     */
    private Decided decide(List<Content> contents, Principal by, Origin origin) {
        List<ContentSnapshot> batch = snapshots(contents); // with the pictures screened where the policy needs them
        Map<Long, AuthorFacts> facts = authors.forContents(batch);
        Reposts.Found found = reposts.find(contents);
        Policy policy = policies.active().policy();
        Screener s = screener.get();
        String actorId = by.actor().id();
        Instant at = now();
        List<DecisionLog.Entry> decided = new ArrayList<>(batch.size());
        for (ContentSnapshot c : batch) {
            Assessment a = Decider.decide(c, facts.get(c.id()), found.reposts().containsKey(c.id()), policy, s);
            decided.add(
                    new DecisionLog.Entry(Decision.of(ids.next(), c.id(), 1, origin, a, at, actorId), c.authorId()));
        }
        return new Decided(decided, found, decisionLog, beforeStore);
    }

    /**
     * First decisions for items intake is about to store, decided before the write and stored in
     * intake's own transaction: the content and its decision commit together, with one fsync, which
     * is what {@code ?wait=true} needs. Each stored decision is handed to {@code stored}.
     */
    Intake.Companion firstDecisions(Principal by, java.util.function.Consumer<Decision> stored) {
        return items -> {
            Decided decided = decide(items, by, Origin.SYNC);
            return h -> decided.store(h, by).forEach(stored);
        };
    }

    /**
     * What decisions look at, with the pictures screened where the active policy looks at hits.
     * Pictures are scanned one after another on the picture pool (the caller waits: the worker, or
     * a {@code ?wait=true} request whose policy needs them).
     */
    private List<ContentSnapshot> snapshots(List<Content> batch) {
        PictureScreener pictures = pictureScreener;
        Map<Long, List<PriorLine>> earlier = earlierInStreams(batch);
        List<ContentSnapshot> out = new ArrayList<>(batch.size());
        Policy policy = pictures == null ? null : policies.active().policy();
        Screener s = pictures == null ? null : screener.get();
        for (Content c : batch) {
            ContentSnapshot snap = snapshot(c);
            List<PriorLine> prior = earlier.get(c.id());
            if (prior != null) snap = snap.withEarlier(prior);
            if (pictures != null && !c.uploaded().isEmpty() && policy.readsHits(c.surface())) {
                List<PictureFindings> found = new ArrayList<>(c.uploaded().size());
                for (ContentImage img : c.uploaded()) {
                    byte[] file;
                    try {
                        file = imageFiles.read(img.storedPath());
                    } catch (RuntimeException e) {
                        found.add(PictureFindings.notScanned(img.index(), "the stored picture cannot be read"));
                        continue;
                    }
                    found.add(pictures.screen(img.index(), file, s));
                }
                snap = snap.withPictures(found);
            }
            out.add(snap);
        }
        return out;
    }

    /**
     * For each item that names its stream: the same author's earlier items in that stream within
     * the {@link StreamWindow}, oldest first. Read from the store, so items another thread or
     * process stored count; items earlier in this batch count too, since a {@code ?wait} batch is
     * decided before it is stored. No query when no item names a stream.
     */
    private Map<Long, List<PriorLine>> earlierInStreams(List<Content> batch) {
        StreamWindow w = streamWindow;
        if (!w.on()) return Map.of();
        List<Content> streamed = new ArrayList<>();
        for (Content c : batch) if (c.streamId() != null && c.surface().acceptsStream()) streamed.add(c);
        if (streamed.isEmpty()) return Map.of();
        long windowMs = w.window().toMillis();
        Map<Long, List<ContentReader.StreamItem>> stored = contents.earlierInStream(streamed, w.itemsMax(), windowMs);
        Map<Long, List<PriorLine>> out = new HashMap<>();
        for (Content c : streamed) {
            TreeMap<Long, String> items = new TreeMap<>();
            for (ContentReader.StreamItem e : stored.getOrDefault(c.id(), List.of())) items.put(e.id(), e.text());
            long fromMs = c.createdAt().toEpochMilli() - windowMs;
            for (Content o : streamed) {
                if (o.id() < c.id()
                        && o.streamId().equals(c.streamId())
                        && o.authorId().equals(c.authorId())
                        && o.createdAt().toEpochMilli() >= fromMs
                        && !o.createdAt().isAfter(c.createdAt())) items.put(o.id(), o.text());
            }
            while (items.size() > w.itemsMax()) items.pollFirstEntry();
            if (items.isEmpty()) continue;
            List<PriorLine> lines = new ArrayList<>(items.size());
            items.forEach((id, text) -> lines.add(new PriorLine(Long.toString(id), text)));
            out.put(c.id(), lines);
        }
        return out;
    }

    /** What a decision looks at, from intake's record (without its pictures). */
    static ContentSnapshot snapshot(Content content) {
        AiMark mark = AiMark.fromCode(content.aiMark());
        List<CredentialFact> credentials = new ArrayList<>();
        for (ContentImage img : content.uploaded()) {
            CredentialStatus status = CredentialStatus.fromCode(img.credential());
            if (status != null)
                credentials.add(new CredentialFact(status, CredentialFact.shortSourceType(img.credentialSourceType())));
        }
        AiSignals ai = content.aiDeclared() || (mark != null && mark != AiMark.NONE) || !credentials.isEmpty()
                ? new AiSignals(content.aiDeclared(), mark == null ? AiMark.NONE : mark, credentials)
                : AiSignals.NONE;
        return new ContentSnapshot(
                content.id(),
                content.surface(),
                content.authorId(),
                content.title(),
                content.text(),
                content.tags(),
                content.createdAt(),
                ai);
    }

    /**
     * Re-decides contents created at or after {@code since} (oldest first, at most {@code limit})
     * with the screener and policy in force now, and appends a decision (seq + 1, origin RESCREEN)
     * for each item whose action or reason code changed. Unchanged items get nothing; items never
     * decided are left to the worker, and items a person decided (origin REVIEW or APPEAL) are
     * kept. Each chunk commits on its own, so a stopped rescreen keeps what it did and a rerun only
     * finds what is still different.
     */
    public RescreenReport rescreen(Instant since, Principal by, int limit) {
        if (limit < 1 || limit > RESCREEN_LIMIT_MAX)
            throw new IllegalArgumentException("limit must be 1.." + RESCREEN_LIMIT_MAX);
        long t0 = System.nanoTime();
        ActivePolicy policy = policies.active();
        Screener s = screener.get();
        Actor actor = by.actor();
        long sinceMs = since.toEpochMilli();
        long cursor = 0;
        long examined = 0, changed = 0, undecided = 0, keptHuman = 0, lost = 0;
        Map<Action, Long> before = new EnumMap<>(Action.class);
        Map<Action, Long> after = new EnumMap<>(Action.class);
        Map<String, Long> transitions = new TreeMap<>();
        while (examined < limit) {
            int n = (int) Math.min(RESCREEN_CHUNK, limit - examined);
            List<ContentSnapshot> chunk = snapshots(contents.window(cursor, sinceMs, Long.MAX_VALUE, n));
            if (chunk.isEmpty()) break;
            cursor = chunk.getLast().id();
            Map<Long, Decision> current =
                    currentOf(chunk.stream().map(ContentSnapshot::id).toList());
            Map<Long, AuthorFacts> facts = authors.forContents(chunk);
            Map<Long, Reposts.Repost> linked =
                    reposts.linked(chunk.stream().map(ContentSnapshot::id).toList());
            Instant at = now();
            List<DecisionLog.Entry> appended = new ArrayList<>();
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
                Assessment a = Decider.decide(c, facts.get(c.id()), linked.containsKey(c.id()), policy.policy(), s);
                Decision now = Decision.of(ids.next(), c.id(), was.seq() + 1, Origin.RESCREEN, a, at, actor.id());
                before.merge(was.action(), 1L, Long::sum);
                after.merge(now.action(), 1L, Long::sum);
                if (now.outcomeDiffers(was)) {
                    appended.add(new DecisionLog.Entry(now, c.authorId()));
                    transitions.merge(was.action().code() + "->" + now.action().code(), 1L, Long::sum);
                }
            }
            if (!appended.isEmpty()) {
                // A concurrent rescreen or appeal that already took a seq wins; ours is dropped, not forced.
                int stored = writes.write(h -> decisionLog.append(h, actor, appended))
                        .size();
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
        audit.append(new AuditEvent(
                actor, "content.rescreen", new AuditEvent.Target("rescreen", since.toString()), now(), details));
        log.atInfo()
                .addKeyValue("examined", examined)
                .addKeyValue("changed", changed)
                .addKeyValue("ms", elapsedMs)
                .log("rescreen done");
        return new RescreenReport(
                since,
                policy.version(),
                s.version(),
                examined,
                changed,
                undecided,
                keptHuman,
                lost,
                before,
                after,
                transitions,
                elapsedMs);
    }

    /** The pending low watermark (for tests): every content id at or below it has a decision. */
    long decidedBelowId() {
        return pending.floor();
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }
}
