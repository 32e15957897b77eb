package io.redline.rights.datasets;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Training runs and the usage credits they earn. A run registers the dataset version it trained
 * on; that registration credits, in the same transaction:
 *
 * <ul>
 *   <li><b>1 credit per item of the version per run</b> — every item weighs the same, whatever its
 *       length or kind, so a creator can check the count against the manifest;
 *   <li>to the author of the <b>work</b>: an item's own author, or for an item linked as a copy,
 *       the author of the original its copy group starts from (copies inherit credit as they
 *       inherit consent);
 *   <li>except items already found revoked in that version before the run registered (the run
 *       was to apply the version's delta and drop them);
 *   <li>on the <b>UTC day of registration</b>, by the server's clock — never a day the caller
 *       names, so a day's credits stop changing once the day is over, as a royalty settlement
 *       requires ({@code UsageCredits}).
 * </ul>
 *
 * <p>Registering the same run id again with the same version and model changes nothing (a retried
 * job); with another, it is a conflict. Registered by staff (admin, policy editor) or a service
 * client, audited as {@code rights.training_run.register}. The one writer of
 * {@code rights_training_runs} and {@code rights_usage_credits}.
 */
public final class TrainingRuns {
    /** The {@code credits:} name a royalty campaign uses to be paid by these credits. */
    public static final String CREDITS_SOURCE = "training";

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final int MODEL_CHARS_MAX = 200;
    private static final int FETCH_SIZE = 10_000;

    private final Database db;
    private final Datasets datasets;
    private final AuditLog audit;
    private final Clock clock;

    public TrainingRuns(Database db, Datasets datasets, AuditLog audit, Clock clock) {
        this.db = db;
        this.datasets = datasets;
        this.audit = audit;
        this.clock = clock;
    }

    /** A registered run: what it trained on and how many items it credited on which day. */
    public record TrainingRun(
            String runId,
            String dataset,
            String version,
            String model,
            LocalDate day,
            int items,
            Instant registeredAt,
            String registeredBy) {}

    /** What {@link #register} did: the run, and whether this call created it. */
    public record Registered(TrainingRun run, boolean created) {}

    /** One run's credits for one creator. */
    public record Credit(LocalDate day, String runId, String dataset, String version, String model, long credits) {}

    /** Registers a run of {@code name@version} and credits its items (see the class comment). */
    public Registered register(Principal who, String runId, String name, String version, String model) {
        if (who.role() != Role.ADMIN && who.role() != Role.POLICY_EDITOR && who.role() != Role.SERVICE)
            throw new DatasetException.Forbidden(
                    "registering a training run takes a service client, admin or policy editor, not "
                            + who.role().wireName());
        if (runId == null || !RUN_ID.matcher(runId).matches())
            throw new DatasetException.Invalid(
                    "runId must be 1..100 characters of letters, digits and ._:- starting with a letter or digit");
        if (model == null || model.isBlank() || model.length() > MODEL_CHARS_MAX)
            throw new DatasetException.Invalid(
                    "model must be 1.." + MODEL_CHARS_MAX + " characters: the model trained");
        if (name == null || version == null)
            throw new DatasetException.Invalid("dataset and version are required: the dataset version the run used");
        datasets.version(name, version)
                .orElseThrow(() -> new DatasetException.NotFound("no dataset " + name + " version " + version));
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return db.jdbi().inTransaction(h -> {
            Optional<TrainingRun> existing = run(h, runId);
            if (existing.isPresent()) {
                TrainingRun r = existing.get();
                if (r.dataset().equals(name)
                        && r.version().equals(version)
                        && r.model().equals(model)) return new Registered(r, false);
                throw new DatasetException.Conflict("run " + runId + " is registered with " + r.dataset() + "@"
                        + r.version() + " and model " + r.model() + "; register another run id");
            }
            SortedMap<String, Long> credits = creditsOfVersion(h, name, version, now);
            long items = credits.values().stream().mapToLong(Long::longValue).sum();
            h.createUpdate("""
                    INSERT INTO rights_training_runs (run_id, name, version, model, day, items, registered_at_ms, registered_by)
                    VALUES (:run, :name, :version, :model, :day, :items, :at, :by)""")
                    .bind("run", runId)
                    .bind("name", name)
                    .bind("version", version)
                    .bind("model", model)
                    .bind("day", day.toString())
                    .bind("items", items)
                    .bind("at", now.toEpochMilli())
                    .bind("by", who.actor().id())
                    .execute();
            var rows = h.prepareBatch("""
                    INSERT INTO rights_usage_credits (run_id, day, author_id, credits)
                    VALUES (:run, :day, :author, :credits)""");
            int n = 0;
            for (var e : credits.entrySet()) {
                rows.bind("run", runId)
                        .bind("day", day.toString())
                        .bind("author", e.getKey())
                        .bind("credits", e.getValue())
                        .add();
                if (++n % 1_000 == 0) rows.execute();
            }
            if (n % 1_000 != 0) rows.execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("dataset", name);
            details.put("version", version);
            details.put("model", model);
            details.put("day", day.toString());
            details.put("items", items);
            details.put("creators", credits.size());
            audit.append(
                    h,
                    new AuditEvent(
                            who.actor(),
                            "rights.training_run.register",
                            new AuditEvent.Target("training_run", runId),
                            now,
                            details));
            return new Registered(run(h, runId).orElseThrow(), true);
        });
    }

    /** Credited author → credits for one run of the version, as of {@code now} (revocations found by then excluded). */
    private static SortedMap<String, Long> creditsOfVersion(Handle h, String name, String version, Instant now) {
        SortedMap<String, Long> out = new TreeMap<>();
        h.createQuery("""
                SELECT i.item_id, i.author_id, i.copy_group,
                       (SELECT MIN(c.original_author_id) FROM rights_copies c WHERE c.original_id = i.copy_group) AS root_author
                  FROM rights_dataset_items i
                 WHERE i.name = :name AND i.version = :version
                   AND NOT EXISTS (SELECT 1 FROM rights_revocations r
                                    WHERE r.name = i.name AND r.version = i.version AND r.item_id = i.item_id
                                      AND r.found_at_ms <= :now)""")
                .bind("name", name)
                .bind("version", version)
                .bind("now", now.toEpochMilli())
                .setFetchSize(FETCH_SIZE)
                .map((rs, ctx) -> {
                    String item = rs.getString(1), author = rs.getString(2), group = rs.getString(3);
                    String root = rs.getString(4);
                    return item.equals(group) || root == null ? author : root;
                })
                .forEach(author -> out.merge(author, 1L, Long::sum));
        return out;
    }

    /** A run by id. */
    public Optional<TrainingRun> run(String runId) {
        return db.jdbi().withHandle(h -> run(h, runId));
    }

    private static Optional<TrainingRun> run(Handle h, String runId) {
        return h.createQuery("SELECT * FROM rights_training_runs WHERE run_id = :run")
                .bind("run", runId)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    /** Runs, newest registration first (at most {@code limit}, 1..500). */
    public List<TrainingRun> runs(int limit) {
        if (limit < 1 || limit > 500) throw new DatasetException.Invalid("limit must be 1..500");
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT * FROM rights_training_runs ORDER BY registered_at_ms DESC, run_id LIMIT :limit")
                        .bind("limit", limit)
                        .map((rs, ctx) -> row(rs))
                        .list());
    }

    /** One creator's credits per run on days {@code from..until} (inclusive), newest day first, at most {@code limit} (1..500). */
    public List<Credit> creditsOf(String authorId, LocalDate from, LocalDate until, int limit) {
        if (limit < 1 || limit > 500) throw new DatasetException.Invalid("limit must be 1..500");
        if (from.isAfter(until)) throw new DatasetException.Invalid("from must not be after until");
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                        SELECT c.day, c.run_id, r.name, r.version, r.model, c.credits
                          FROM rights_usage_credits c JOIN rights_training_runs r ON r.run_id = c.run_id
                         WHERE c.author_id = :author AND c.day >= :from AND c.day <= :until
                         ORDER BY c.day DESC, c.run_id LIMIT :limit""")
                        .bind("author", authorId)
                        .bind("from", from.toString())
                        .bind("until", until.toString())
                        .bind("limit", limit)
                        .map((rs, ctx) -> new Credit(
                                LocalDate.parse(rs.getString(1)),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getLong(6)))
                        .list());
    }

    /**
     * Credits per creator for a UTC day, creators in id order: what a royalty campaign with
     * {@code credits: training} pays by (the ledger's {@code UsageCredits} port, wired by the server).
     */
    public SortedMap<String, Long> creditsOn(LocalDate day) {
        SortedMap<String, Long> out = new TreeMap<>();
        db.jdbi()
                .useHandle(h -> h.createQuery("""
                                SELECT author_id, SUM(credits) FROM rights_usage_credits WHERE day = :day
                                 GROUP BY author_id""")
                        .bind("day", day.toString())
                        .setFetchSize(FETCH_SIZE)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .forEach(e -> {
                            if (e.getValue() > 0) out.put(e.getKey(), e.getValue());
                        }));
        return out;
    }

    private static TrainingRun row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TrainingRun(
                rs.getString("run_id"),
                rs.getString("name"),
                rs.getString("version"),
                rs.getString("model"),
                LocalDate.parse(rs.getString("day")),
                rs.getInt("items"),
                Instant.ofEpochMilli(rs.getLong("registered_at_ms")),
                rs.getString("registered_by"));
    }
}
