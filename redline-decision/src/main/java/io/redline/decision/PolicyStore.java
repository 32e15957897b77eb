package io.redline.decision;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.policy.DefaultPolicy;
import io.redline.policy.Policy;
import io.redline.policy.PolicyParseResult;
import io.redline.policy.PolicyParser;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.store.Ids;
import io.redline.vocabulary.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Stored policy versions and which one is in force.
 *
 * <p>A version is the policy's content hash, so versions are immutable by construction: saving a
 * document whose meaning is already stored returns the stored row and writes nothing. Only a
 * document that parsed into a {@link Policy} can be stored, and only a stored version can be
 * activated, so an invalid policy can never become active.
 *
 * <p>{@link #active()} is a volatile read of a cached compiled policy, swapped atomically on
 * activation. Another process sharing the database may activate too, so the cache re-reads the
 * head of the activation history at most once per {@link #REFRESH_INTERVAL_MS} (one indexed row).
 */
public final class PolicyStore {
    static final long REFRESH_INTERVAL_MS = 1_000;
    private static final int LIST_MAX = 1_000;

    private final Database db;
    private final GroupCommit writes;
    private final AuditLog audit;
    private final Clock clock;
    private final Ids ids = new Ids();
    private final Map<String, Policy> compiled = new ConcurrentHashMap<>();
    private final AtomicReference<ActivePolicy> active = new AtomicReference<>();
    private volatile long checkedAtMs;

    /** Migrates the decision tables and, on a first start, saves and activates the default policy as the system. */
    public PolicyStore(Database db, GroupCommit writes, AuditLog audit, Clock clock) {
        this.db = db;
        this.writes = writes;
        this.audit = audit;
        this.clock = clock;
        DecisionSchema.migrate(db);
        Optional<PolicyActivation> head = latestActivation();
        if (head.isEmpty()) {
            Principal system = Principal.system("policy-bootstrap");
            StoredPolicy stored = save(DefaultPolicy.yaml(), system);
            activate(stored.version(), system);
        } else {
            active.set(load(head.get()));
            checkedAtMs = clock.millis();
        }
    }

    /**
     * Validates and stores a policy. Returns the stored version; saving a version that exists is
     * idempotent (no second row, no audit entry).
     *
     * @throws DecisionException.InvalidPolicy with every error (line, column, path, message)
     * @throws DecisionException.Forbidden     unless {@code by} is an admin or policy editor
     */
    public StoredPolicy save(String yaml, Principal by) {
        requireEditor(by, "save a policy");
        Policy policy = switch (PolicyParser.parse(yaml)) {
            case PolicyParseResult.Valid v -> v.policy();
            case PolicyParseResult.Invalid i -> throw new DecisionException.InvalidPolicy(i.errors());
        };
        Actor actor = by.actor();
        long now = clock.millis();
        writes.write(h -> {
            int inserted = h.createUpdate("""
                    INSERT INTO policies (version, name, source, created_at_ms, created_by)
                    VALUES (:version, :name, :source, :at, :by) ON CONFLICT (version) DO NOTHING""")
                    .bind("version", policy.version())
                    .bind("name", policy.name())
                    .bind("source", yaml)
                    .bind("at", now)
                    .bind("by", actor.id())
                    .execute();
            if (inserted == 1) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("version", policy.version());
                details.put("name", policy.name());
                details.put("rules", policy.ruleCount());
                audit.append(
                        h,
                        new AuditEvent(
                                actor,
                                "policy.create",
                                new AuditEvent.Target("policy", policy.version()),
                                Instant.ofEpochMilli(now),
                                details));
            }
            return inserted;
        });
        compiled.putIfAbsent(policy.version(), policy);
        return find(policy.version())
                .orElseThrow(() -> new IllegalStateException("policy " + policy.version() + " vanished after save"));
    }

    /**
     * Puts a stored version in force. Activating the version already active changes nothing.
     *
     * @throws DecisionException.NotFound  when no such version is stored
     * @throws DecisionException.Forbidden unless {@code by} is an admin or policy editor
     */
    public ActivePolicy activate(String version, Principal by) {
        requireEditor(by, "activate a policy");
        StoredPolicy stored = find(version)
                .orElseThrow(() -> new DecisionException.NotFound(
                        "no stored policy has version '" + version + "'; save it first (see list())"));
        Policy policy = compile(stored);
        Actor actor = by.actor();
        long now = clock.millis();
        PolicyActivation done = writes.write(h -> {
            String before = latestActivation(h).map(PolicyActivation::version).orElse(null);
            if (version.equals(before)) return null;
            long id = ids.next();
            h.createUpdate("""
                    INSERT INTO policy_activations (id, version, previous_version, activated_at_ms, activated_by)
                    VALUES (:id, :version, :previous, :at, :by)""")
                    .bind("id", id)
                    .bind("version", version)
                    .bind("previous", before)
                    .bind("at", now)
                    .bind("by", actor.id())
                    .execute();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("before", before);
            details.put("after", version);
            details.put("name", stored.name());
            audit.append(
                    h,
                    new AuditEvent(
                            actor,
                            "policy.activate",
                            new AuditEvent.Target("policy", version),
                            Instant.ofEpochMilli(now),
                            details));
            return new PolicyActivation(id, version, before, Instant.ofEpochMilli(now), actor.id());
        });
        if (done == null) return refresh();
        ActivePolicy next = new ActivePolicy(version, policy, done.activatedAt(), done.activatedBy());
        active.set(next);
        checkedAtMs = clock.millis();
        return next;
    }

    /** The policy in force (never null once constructed). */
    public ActivePolicy active() {
        if (clock.millis() - checkedAtMs >= REFRESH_INTERVAL_MS) return refresh();
        return active.get();
    }

    /** Re-reads the activation history now, e.g. after another process activated a version. */
    public ActivePolicy refresh() {
        checkedAtMs = clock.millis();
        Optional<PolicyActivation> head = latestActivation();
        ActivePolicy current = active.get();
        if (head.isPresent()
                && (current == null || !current.version().equals(head.get().version()))) {
            ActivePolicy next = load(head.get());
            active.compareAndSet(current, next);
        }
        return active.get();
    }

    /** Stored versions, newest first (without limit beyond {@value #LIST_MAX}). */
    public List<StoredPolicy> list() {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT * FROM policies ORDER BY created_at_ms DESC, version LIMIT " + LIST_MAX)
                        .map((rs, ctx) -> new StoredPolicy(
                                rs.getString("version"),
                                rs.getString("name"),
                                rs.getString("source"),
                                Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                                rs.getString("created_by")))
                        .list());
    }

    public Optional<StoredPolicy> find(String version) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM policies WHERE version = :v")
                        .bind("v", version)
                        .map((rs, ctx) -> new StoredPolicy(
                                rs.getString("version"),
                                rs.getString("name"),
                                rs.getString("source"),
                                Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                                rs.getString("created_by")))
                        .findOne());
    }

    /** The compiled form of a stored version. */
    public Optional<Policy> compiled(String version) {
        return find(version).map(this::compile);
    }

    /** Activation history, newest first. */
    public List<PolicyActivation> activations(int limit) {
        if (limit < 1 || limit > LIST_MAX) throw new IllegalArgumentException("limit must be 1.." + LIST_MAX);
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM policy_activations ORDER BY id DESC LIMIT :n")
                        .bind("n", limit)
                        .map(PolicyStore::activation)
                        .list());
    }

    private Optional<PolicyActivation> latestActivation() {
        return db.jdbi().withHandle(PolicyStore::latestActivation);
    }

    private static Optional<PolicyActivation> latestActivation(Handle h) {
        return h.createQuery("SELECT * FROM policy_activations ORDER BY id DESC LIMIT 1")
                .map(PolicyStore::activation)
                .findOne();
    }

    private static PolicyActivation activation(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PolicyActivation(
                rs.getLong("id"),
                rs.getString("version"),
                rs.getString("previous_version"),
                Instant.ofEpochMilli(rs.getLong("activated_at_ms")),
                rs.getString("activated_by"));
    }

    private ActivePolicy load(PolicyActivation a) {
        StoredPolicy stored = find(a.version())
                .orElseThrow(() -> new IllegalStateException(
                        "activation " + a.id() + " names policy " + a.version() + ", which is not stored"));
        return new ActivePolicy(a.version(), compile(stored), a.activatedAt(), a.activatedBy());
    }

    private Policy compile(StoredPolicy stored) {
        return compiled.computeIfAbsent(
                stored.version(), v -> PolicyParser.parse(stored.source()).orThrow());
    }

    private static void requireEditor(Principal by, String what) {
        if (by.role() != Role.ADMIN && by.role() != Role.POLICY_EDITOR) {
            throw new DecisionException.Forbidden(
                    "role " + by.role().wireName() + " may not " + what + "; it takes admin or policy_editor");
        }
    }
}
