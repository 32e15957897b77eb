package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.decision.Decision;
import io.redline.decision.Origin;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.policy.Action;
import io.redline.review.tasks.ReviewTask;
import io.redline.review.tasks.TaskVerdict;
import io.redline.store.Database;
import io.redline.store.Ids;
import io.redline.store.StoreConfig;
import io.redline.store.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A database made by the code on main before the decision capability was split out of review
 * opens with the current code and upgrades untouched: same Flyway histories (names, versions,
 * checksums; nothing new applied), the stored default policy (which scopes two rules to the
 * retired {@code image} surface) still compiles to the version main computed, stored decisions
 * read back, and deciding goes on (worker, reviewer verdict) on top of them.
 *
 * <p>Why frozen scripts rather than a checked-in database file: the same scripts build the
 * database on SQLite and on PostgreSQL, byte for byte what main applied (so the checksums are
 * the ones deployed databases hold); rows are inserted as main's writers wrote them.
 */
class UpgradeFromMainTest {
    /** {@code DefaultPolicy.load().version()} as main computed it (commit a049fe9). */
    static final String MAIN_DEFAULT_POLICY_VERSION =
            "749f06545e34041d9529d9cfe10cc3fdf133dfbf9646ac57a9e8e77231d41460";

    static final List<String> HISTORIES = List.of("identity", "intake", "audit", "review");
    /** Capabilities main did not have at all (the AI gateway, creators' rights, the ledger): their own histories are no rename. */
    static final java.util.Set<String> NEW_CAPABILITIES = java.util.Set.of("gateway", "rights", "ledger");

    static final Principal REVIEWER = new Principal("tok_upgrade_reviewer", Role.REVIEWER, null, "upgrade reviewer");

    static Stream<Named<Supplier<StoreConfig>>> databases() {
        return Stream.of(
                Named.of("sqlite", TestDatabases::sqliteConfig), Named.of("postgresql", TestDatabases::postgresConfig));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDatabaseMadeByMainOpensUntouchedAndDecidingGoesOn(Supplier<StoreConfig> config) {
        StoreConfig store = config.get();
        Ids ids = new Ids();
        long decided = ids.next();
        long pending = ids.next();
        Map<String, List<Map<String, Object>>> historiesBefore;
        try (Database db = Database.open(store)) {
            for (String history : HISTORIES) {
                Flyway.configure(getClass().getClassLoader())
                        .dataSource(db.dataSource())
                        .locations("classpath:upgrade/main/db/" + history)
                        .table("flyway_history_" + history)
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .failOnMissingLocations(true)
                        .load()
                        .migrate();
            }
            insertAsMainDid(db, ids, decided, pending);
            historiesBefore = histories(db);
        }
        assertThat(historiesBefore.get("review"))
                .extracting(row -> row.get("version"))
                .as("main's review history: the decision tables (1, 4) and the review tables (2, 3)")
                .contains("1", "2", "3", "4");

        try (TestServer s = new TestServer(store)) {
            RedlineServer server = s.server();
            try (Database db = Database.open(store)) {
                Map<String, List<Map<String, Object>>> after = histories(db);
                assertThat(after.keySet()).isEqualTo(historiesBefore.keySet());
                historiesBefore.forEach((history, rows) -> {
                    // main's rows stay as they were (no history renamed, no checksum changed); versions
                    // written after main (e.g. review V5, the evidence cap's column) apply on top.
                    assertThat(after.get(history).subList(0, rows.size()))
                            .as(history + ": main's rows untouched")
                            .isEqualTo(rows);
                    List<Object> mainVersions =
                            rows.stream().map(r -> r.get("version")).toList();
                    assertThat(after.get(history)
                                    .subList(rows.size(), after.get(history).size()))
                            .as(history + ": only new versions added")
                            .allSatisfy(r -> assertThat(mainVersions).doesNotContain(r.get("version")));
                });
                assertThat(after.get("review"))
                        .extracting(row -> row.get("version"))
                        .as("the evidence cap's column")
                        .contains("5");
            }
            assertThat(server.policies().active().version()).isEqualTo(MAIN_DEFAULT_POLICY_VERSION);
            assertThat(server.policies().compiled(MAIN_DEFAULT_POLICY_VERSION)).isPresent();

            Decision old = server.decisions().current(decided).orElseThrow();
            assertThat(old.action()).isEqualTo(Action.REVIEW);
            assertThat(old.review().queue()).isEqualTo("drainage");

            Decision fresh = TestServer.eventually(
                    "the worker decides content main left undecided",
                    () -> server.decisions().current(pending).orElse(null));
            assertThat(fresh.seq()).isEqualTo(1);
            assertThat(fresh.policyVersion()).isEqualTo(MAIN_DEFAULT_POLICY_VERSION);

            ReviewTask task = server.tasks()
                    .claim("drainage", REVIEWER, Duration.ofMinutes(5))
                    .orElseThrow();
            assertThat(task.contentId()).isEqualTo(decided);
            server.tasks().decide(task.id(), REVIEWER, TaskVerdict.REJECT, "off_platform_contact", null);
            Decision verdict = server.decisions().current(decided).orElseThrow();
            assertThat(verdict.seq()).isEqualTo(2);
            assertThat(verdict.origin()).isEqualTo(Origin.REVIEW);
            assertThat(verdict.action()).isEqualTo(Action.BLOCK);
            assertThat(verdict.policyVersion()).isEqualTo(MAIN_DEFAULT_POLICY_VERSION);
            assertThat(server.audit().verify().ok()).isTrue();
        }
    }

    /** The rows main's writers produced: its default policy in force, one decided and one undecided item, an open task. */
    private static void insertAsMainDid(Database db, Ids ids, long decided, long pending) {
        String yaml = resource("/upgrade/main/default-policy.yaml");
        long now = System.currentTimeMillis();
        db.jdbi().useTransaction(h -> {
            h.createUpdate(
                            "INSERT INTO policies (version, name, source, created_at_ms, created_by) VALUES (:v, 'default', :src, :at, 'system:policy-bootstrap')")
                    .bind("v", MAIN_DEFAULT_POLICY_VERSION)
                    .bind("src", yaml)
                    .bind("at", now)
                    .execute();
            h.createUpdate("""
                    INSERT INTO policy_activations (id, version, previous_version, activated_at_ms, activated_by)
                    VALUES (:id, :v, NULL, :at, 'system:policy-bootstrap')""")
                    .bind("id", ids.next())
                    .bind("v", MAIN_DEFAULT_POLICY_VERSION)
                    .bind("at", now)
                    .execute();
            for (long id : List.of(decided, pending)) {
                h.createUpdate("""
                        INSERT INTO contents (id, surface, author_id, external_id, title, body, tags_json, images_json, submitted_by,
                                              idempotency_key, request_sha256, created_at_ms, ai_declared, ai_mark)
                        VALUES (:id, 'note', 'u1', NULL, 'hello', '想认识的加 微 信 xiaomei_8866', '[]', '[]', 'tok_service', NULL, NULL,
                                :at, 0, 'none')""").bind("id", id).bind("at", Ids.epochMsOf(id)).execute();
            }
            h.createUpdate("""
                    INSERT INTO decisions (id, content_id, seq, origin, action, reason_code, rule_id, matched_rule_ids_json, labels_json,
                        review_queue, review_priority, review_deadline_at_ms, reach, evidence_json, risk_score, policy_version,
                        engine_version, latency_micros, decided_at_ms, decided_by)
                    VALUES (:id, :c, 1, 'worker', 'review', 'pending_review', 'drainage-note-review', '["drainage-note-review"]', '[]',
                        'drainage', 3, :deadline, NULL, '[]', 70, :v, 'redline-text/main', 120, :at, 'system:decision-worker')""")
                    .bind("id", ids.next())
                    .bind("c", decided)
                    .bind("deadline", now + 8 * 3_600_000L)
                    .bind("v", MAIN_DEFAULT_POLICY_VERSION)
                    .bind("at", now)
                    .execute();
            h.createUpdate("""
                    INSERT INTO decision_heads (content_id, author_id, seq, action, reason_code, decided_at_ms)
                    VALUES (:c, 'u1', 1, 'review', 'pending_review', :at)""").bind("c", decided).bind("at", now).execute();
            h.createUpdate("""
                    INSERT INTO review_tasks (id, kind, content_id, decision_seq, author_id, category, queue, priority, deadline_at_ms,
                        created_at_ms, state, escalations)
                    VALUES (:id, 'decision', :c, 1, 'u1', 'drainage', 'drainage', 3, :deadline, :at, 'open', 0)""")
                    .bind("id", ids.next())
                    .bind("c", decided)
                    .bind("deadline", now + 8 * 3_600_000L)
                    .bind("at", now)
                    .execute();
        });
    }

    private static Map<String, List<Map<String, Object>>> histories(Database db) {
        Map<String, List<Map<String, Object>>> out = new java.util.TreeMap<>();
        db.jdbi().useHandle(h -> {
            for (String history : HISTORIES) {
                out.put(
                        history,
                        h.createQuery("SELECT version, description, script, checksum, success FROM flyway_history_"
                                        + history + " ORDER BY installed_rank")
                                .mapToMap()
                                .list());
            }
            // No history appears that main did not have (e.g. a renamed one starting from scratch).
            List<String> tables = h.createQuery(
                            db.dialect() == io.redline.store.Dialect.SQLITE
                                    ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'flyway_history_%'"
                                    : "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'flyway_history_%'")
                    .mapTo(String.class)
                    .list();
            out.put(
                    "(tables)",
                    tables.stream()
                            .filter(t -> !NEW_CAPABILITIES.contains(t.substring("flyway_history_".length())))
                            .sorted()
                            .map(t -> Map.<String, Object>of("table", t))
                            .toList());
        });
        return out;
    }

    private static String resource(String path) {
        try (InputStream in = UpgradeFromMainTest.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
