package io.redline.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.audit.VerifyResult.Broken;
import io.redline.audit.VerifyResult.Intact;
import io.redline.audit.VerifyResult.Reason;
import io.redline.store.Database;
import io.redline.store.GroupCommit;
import io.redline.vocabulary.Actor;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuditLogTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    static AuditLog open(Database db) {
        return AuditLog.open(db, new AuditRetention(180), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Event i: a token or policy action by one of three actors, i minutes after T0. */
    static AuditEvent event(int i) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("before", Map.of("state", "draft", "version", i));
        details.put("after", Map.of("state", "active", "version", i + 1));
        details.put("note", "change #" + i + " – 审核 \"quoted\"\n");
        return new AuditEvent(
                new Actor("tok_" + (i % 3), i % 2 == 0 ? "admin" : "policy_editor"),
                i % 2 == 0 ? "token.create" : "policy.activate",
                new AuditEvent.Target(i % 2 == 0 ? "token" : "policy", "id-" + i),
                T0.plus(Duration.ofMinutes(i)),
                details);
    }

    static AuditLog withEntries(Database db, int n) {
        AuditLog log = open(db);
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(event(i));
            if (events.size() == AuditLog.APPEND_BATCH_MAX || i == n) {
                log.appendAll(events);
                events.clear();
            }
        }
        return log;
    }

    static Broken broken(VerifyResult result) {
        assertThat(result).isInstanceOf(Broken.class);
        return (Broken) result;
    }

    // ------------------------------------------------------------------ append and verify

    /**
     * An append guesses the head it last wrote instead of reading it; the guess is wrong after a
     * rolled-back append and after another log instance (another process) appended. Each time the
     * chain must still extend the real head.
     */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void appendsExtendTheRealHeadAfterARollbackAndAfterAnotherAppender(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = open(db);
            AuditLog other = open(db);
            log.append(event(1));
            assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
                        log.append(h, event(2));
                        throw new IllegalStateException("rolled back");
                    }))
                    .hasMessage("rolled back");
            assertThat(log.append(event(3)).seq()).isEqualTo(2);
            assertThat(other.append(event(4)).seq()).isEqualTo(3);
            assertThat(log.append(event(5)).seq()).isEqualTo(4);
            assertThat(log.verify()).isInstanceOf(Intact.class);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void appendedEntriesFormAChainThatVerifies(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = open(db);
            assertThat(log.verify().ok()).as("empty log verifies").isTrue();
            AuditEntry first = log.append(event(1));
            AuditEntry second = log.append(event(2));
            assertThat(first.seq()).isEqualTo(1);
            assertThat(first.prevHash()).isEqualTo(HashChain.GENESIS_HASH);
            assertThat(second.seq()).isEqualTo(2);
            assertThat(second.prevHash()).isEqualTo(first.hash());
            assertThat(second.hash()).isEqualTo(HashChain.hash(first.hash(), second.contentJson()));
            List<AuditEntry> batch = log.appendAll(List.of(event(3), event(4), event(5)));
            assertThat(batch).extracting(AuditEntry::seq).containsExactly(3L, 4L, 5L);

            VerifyResult result = log.verify();
            assertThat(result.ok()).as(result.toString()).isTrue();
            assertThat(result.fromSeq()).isEqualTo(1);
            assertThat(result.toSeq()).isEqualTo(5);
            assertThat(result.entriesChecked()).isEqualTo(5);
            assertThat(log.verify(2, 4).entriesChecked()).isEqualTo(3);
            // Reading back gives the same event, so a search result re-hashes to its stored hash.
            AuditEntry read = log.search(AuditQuery.latest().withLimit(1)).getFirst();
            assertThat(read).isEqualTo(batch.getLast());
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anAppendInsideACallersTransactionCommitsAndRollsBackWithIt(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 2);
            assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
                        log.append(h, event(3));
                        throw new IllegalStateException("the capability's change failed");
                    }))
                    .hasMessageContaining("change failed");
            assertThat(log.headSeq()).isEqualTo(2);

            AuditEntry kept = db.jdbi().inTransaction(h -> log.append(h, event(3)));
            assertThat(kept.seq()).isEqualTo(3);
            assertThat(log.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void concurrentAppendersFromTwoProcessesNeverForkTheChain(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get();
                Database other = Database.open(db.config())) {
            // Two pools on one database behave like two server processes for locking purposes.
            AuditLog[] logs = {open(db), open(other)};
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AuditLog log = logs[t % 2];
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Long> seqs = new ArrayList<>();
                    for (int i = 0; i < 25; i++)
                        seqs.add(log.append(event(thread * 100 + i)).seq());
                    return seqs;
                }));
            }
            Set<Long> seqs = new HashSet<>();
            for (Future<List<Long>> f : results) seqs.addAll(f.get());
            pool.shutdown();

            assertThat(seqs).hasSize(200);
            assertThat(seqs).allMatch(s -> s >= 1 && s <= 200);
            VerifyResult result = logs[0].verify();
            assertThat(result.ok()).as(result.toString()).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void appendsInsideGroupCommitsKeepTheChainWhenSomeWritesRollBack(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            AuditLog log = open(db);
            List<Future<AuditEntry>> writes = new ArrayList<>();
            int writesTotal = 160;
            int rejected = (writesTotal + 6) / 7; // n % 7 == 0 for n in 0..159
            try (GroupCommit group = new GroupCommit(db, 1_000, 32);
                    ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < writesTotal; i++) {
                    int n = i;
                    // Every 7th capability write fails after appending: its savepoint takes the entry back.
                    writes.add(pool.submit(() -> group.write(h -> {
                        AuditEntry entry = log.append(h, event(n));
                        if (n % 7 == 0) throw new IllegalStateException("write " + n + " rejected");
                        return entry;
                    })));
                }
                Set<Long> seqs = new HashSet<>();
                for (Future<AuditEntry> f : writes) {
                    try {
                        seqs.add(f.get().seq());
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).hasMessageContaining("rejected");
                    }
                }
                assertThat(seqs).hasSize(writesTotal - rejected).allMatch(s -> s >= 1 && s <= writesTotal - rejected);
            }
            VerifyResult result = log.verify();
            assertThat(result.ok()).as(result.summary()).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(writesTotal - rejected);
        }
    }

    /**
     * In a group's transaction only the first append moves the head row; the others chain on in
     * memory and the row moves once before the commit. Two logs on one chain (the server opens
     * several) and a second chain in the same groups must still make one unbroken chain each,
     * and appends outside a group must continue from the committed head.
     */
    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void appendsOfSeveralLogsInOneGroupChainOnAndTheHeadMovesToTheLastEntry(Supplier<Database> factory)
            throws Exception {
        try (Database db = factory.get()) {
            AuditLog first = open(db);
            AuditLog second = open(db);
            AuditLog worker = first.onChain(3);
            int writesTotal = 300;
            try (GroupCommit group = new GroupCommit(db, 1_000, 64);
                    ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<AuditEntry>> writes = new ArrayList<>();
                for (int i = 0; i < writesTotal; i++) {
                    int n = i;
                    writes.add(pool.submit(() -> group.write(h -> {
                        AuditEntry entry = (n % 2 == 0 ? first : second).append(h, event(n));
                        if (n % 3 == 0) worker.appendAll(h, List.of(event(n), event(n + 1)));
                        return entry;
                    })));
                }
                Set<Long> seqs = new HashSet<>();
                for (Future<AuditEntry> f : writes) seqs.add(f.get().seq());
                assertThat(seqs).hasSize(writesTotal).allMatch(s -> s >= 1 && s <= writesTotal);
            }
            AuditEntry after = second.append(event(1));
            assertThat(after.seq()).isEqualTo(writesTotal + 1);
            assertThat(first.headSeq()).isEqualTo(writesTotal + 1);
            assertThat(worker.headSeq()).isEqualTo(3 * AuditLog.CHAIN_SEQ_SPAN + 2 * 100);
            VerifyResult result = first.verify();
            assertThat(result.ok()).as(result.summary()).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(writesTotal + 1 + 2 * 100);
        }
    }

    // ------------------------------------------------------------------ tampering

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void editingAnyFieldIsReportedAtThatEntry(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            db.jdbi().useHandle(h -> h.execute("UPDATE audit_entries SET target_id = 'someone-else' WHERE seq = 4"));
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.reason()).isEqualTo(Reason.CONTENT_EDITED);
            assertThat(b.message()).contains("entry 4 was edited");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void editingDetailsOrTimeIsReported(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            db.jdbi()
                    .useHandle(h ->
                            h.execute("UPDATE audit_entries SET occurred_at_ms = occurred_at_ms + 1 WHERE seq = 9"));
            db.jdbi()
                    .useHandle(
                            h -> h.execute(
                                    "UPDATE audit_entries SET details = replace(details, '\"active\"', '\"revoked\"') WHERE seq = 7"));
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(7);
            assertThat(b.reason()).isEqualTo(Reason.CONTENT_EDITED);
            assertThat(broken(log.verify(8, 10)).seq()).isEqualTo(9);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void deletingAnEntryIsReportedAtTheMissingSeq(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entries WHERE seq = 6"));
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(6);
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_MISSING);
            assertThat(b.message()).contains("entry 6 is missing");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void cuttingEntriesOffTheEndIsReported(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entries WHERE seq >= 9"));
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(9);
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_MISSING);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void deletingAndRenumberingIsReported(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            db.jdbi().useHandle(h -> {
                h.execute("DELETE FROM audit_entries WHERE seq = 5");
                h.execute("UPDATE audit_entries SET seq = seq + 1000 WHERE seq > 5");
                h.execute("UPDATE audit_entries SET seq = seq - 1001 WHERE seq > 1000");
                h.execute(
                        "UPDATE audit_head SET seq = 9, hash = (SELECT hash FROM audit_entries WHERE seq = 9) WHERE chain = 0");
            });
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_MISSING);
            assertThat(b.message()).contains("entry 5 is entry 6 renumbered");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aForgedEntryInsertedInTheMiddleIsReportedAtItsSeq(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            // The forger knows the algorithm: the entry itself hashes correctly and links to entry 5.
            String hash5 = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT hash FROM audit_entries WHERE seq = 5")
                            .mapTo(String.class)
                            .one());
            AuditEntry forged = forge(6, event(99), hash5);
            db.jdbi().useHandle(h -> {
                h.execute("UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 6");
                h.execute("UPDATE audit_entries SET seq = seq - 999 WHERE seq >= 1006");
                insertRaw(h, forged);
                h.execute(
                        "UPDATE audit_head SET seq = 11, hash = (SELECT hash FROM audit_entries WHERE seq = 11) WHERE chain = 0");
            });
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(6);
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_INSERTED);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aForgedEntryWrittenPastTheHeadIsReported(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            String hash10 = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT hash FROM audit_entries WHERE seq = 10")
                            .mapTo(String.class)
                            .one());
            db.jdbi().useHandle(h -> insertRaw(h, forge(11, event(99), hash10)));
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(11);
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_INSERTED);
            assertThat(b.message()).contains("beyond the chain head");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void swappingTwoEntriesIsReportedAsReordered(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            db.jdbi().useHandle(h -> {
                h.execute("UPDATE audit_entries SET seq = -1 WHERE seq = 4");
                h.execute("UPDATE audit_entries SET seq = 4 WHERE seq = 5");
                h.execute("UPDATE audit_entries SET seq = 5 WHERE seq = -1");
            });
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.reason()).isEqualTo(Reason.REORDERED);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void swappingEntriesAcrossAVerificationPageIsReportedAsReordered(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = open(db);
            List<AuditEvent> events = new ArrayList<>();
            for (int i = 1; i <= 700; i++) events.add(event(i));
            log.appendAll(events);
            long last = ChainWalk.PAGE_SIZE; // the last entry of the first page
            db.jdbi().useHandle(h -> {
                h.execute("UPDATE audit_entries SET seq = -1 WHERE seq = ?", last);
                h.execute("UPDATE audit_entries SET seq = ? WHERE seq = ?", last, last + 1);
                h.execute("UPDATE audit_entries SET seq = ? WHERE seq = -1", last + 1);
            });
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(last);
            assertThat(b.reason()).isEqualTo(Reason.REORDERED);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aFullyRecomputedChainIsCaughtByAnAnchor(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 10);
            Anchor exported = Anchor.parse(log.anchor().getFirst().toJson());
            assertThat(exported.seq()).isEqualTo(10);
            assertThat(log.verifyAgainst(exported).ok()).isTrue();

            rewriteFrom(db, 3, "forged-target");
            Broken internal = broken(log.verify());
            assertThat(internal.reason())
                    .as("the anchor recorded in the database still catches it")
                    .isEqualTo(Reason.ANCHOR_MISMATCH);
            assertThat(internal.seq()).isEqualTo(10);

            // A thorough forger also rewrites the anchors table; only the exported anchor remains.
            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_anchors"));
            assertThat(log.verify().ok())
                    .as("the re-hashed chain is self-consistent")
                    .isTrue();
            Broken b = broken(log.verifyAgainst(exported));
            assertThat(b.seq()).isEqualTo(10);
            assertThat(b.reason()).isEqualTo(Reason.ANCHOR_MISMATCH);
            assertThat(b.message()).contains("rewritten");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void anAnchorBeyondATruncatedLogIsReported(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 5);
            Anchor anchor = log.anchor().getFirst();
            db.jdbi().useHandle(h -> {
                h.execute("DELETE FROM audit_entries WHERE seq = 5");
                h.execute(
                        "UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_entries WHERE seq = 4) WHERE chain = 0");
            });
            Broken b = broken(log.verifyAgainst(anchor));
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_MISSING);
        }
    }

    // ------------------------------------------------------------------ export and search

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void exportOfATimeRangeIsExactlyThoseEntriesAndReVerifies(Supplier<Database> factory) throws Exception {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 1_200); // more than two export pages
            StringWriter out = new StringWriter();
            long lines = log.export(T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofMinutes(1_105)), out);
            assertThat(lines).isEqualTo(1_100);
            String[] jsonl = out.toString().split("\n");
            assertThat(jsonl).hasSize(1_100);
            assertThat(out.toString()).endsWith("\n");

            String prev = null;
            long expectedSeq = 5;
            for (String line : jsonl) {
                Map<String, Object> entry = JSON.readValue(line, new TypeReference<>() {});
                assertThat(CanonicalJson.write(entry))
                        .as("each line is itself canonical")
                        .isEqualTo(line);
                assertThat(((Number) entry.get("seq")).longValue()).isEqualTo(expectedSeq++);
                String hash = (String) entry.remove("hash");
                String prevHash = (String) entry.remove("prevHash");
                assertThat(HashChain.hash(prevHash, CanonicalJson.write(entry))).isEqualTo(hash);
                if (prev != null) assertThat(prevHash).isEqualTo(prev);
                prev = hash;
            }
            StringWriter empty = new StringWriter();
            assertThat(log.export(T0.minus(Duration.ofDays(1)), T0, empty)).isZero();
            assertThat(empty.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void searchFiltersByActionActorTargetAndTimeWithACursor(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = withEntries(db, 30);
            List<AuditEntry> tokens =
                    log.search(AuditQuery.latest().withActionPrefix("token.").withLimit(500));
            assertThat(tokens).hasSize(15).allMatch(e -> e.event().action().equals("token.create"));
            assertThat(tokens).extracting(AuditEntry::seq).isSortedAccordingTo((a, b) -> Long.compare(b, a));

            assertThat(log.search(AuditQuery.latest().withActor("tok_1").withLimit(500)))
                    .hasSize(10)
                    .allMatch(e -> e.event().actor().id().equals("tok_1"));
            assertThat(log.search(AuditQuery.latest().withTarget("policy", "id-7")))
                    .singleElement()
                    .extracting(AuditEntry::seq)
                    .isEqualTo(7L);
            assertThat(log.search(AuditQuery.latest()
                            .between(T0.plus(Duration.ofMinutes(10)), T0.plus(Duration.ofMinutes(13)))))
                    .extracting(AuditEntry::seq)
                    .containsExactly(12L, 11L, 10L);
            assertThat(log.search(AuditQuery.latest().withActionPrefix("policy_activate")))
                    .as("_ is not a wildcard")
                    .isEmpty();

            List<Long> paged = new ArrayList<>();
            AuditQuery q = AuditQuery.latest().withLimit(7);
            for (List<AuditEntry> page = log.search(q);
                    !page.isEmpty();
                    page = log.search(q.before(page.getLast().seq()))) {
                page.forEach(e -> paged.add(e.seq()));
            }
            assertThat(paged).hasSize(30).doesNotHaveDuplicates();
            assertThatThrownBy(() -> AuditQuery.latest().withLimit(501)).hasMessageContaining("1..500");
        }
    }

    // ------------------------------------------------------------------ retention

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void purgeRemovesOnlyExpiredEntriesAndVerificationContinuesFromThePurgeAnchor(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = open(db);
            Instant old = NOW.minus(Duration.ofDays(400));
            for (int i = 1; i <= 10; i++) log.append(at(event(i), old.plus(Duration.ofDays(i))));
            Anchor early = log.anchor().getFirst();
            Anchor beforeEnd = new Anchor(
                    5,
                    log.search(AuditQuery.latest().withTarget("token", "id-4"))
                            .getFirst()
                            .hash(),
                    NOW);
            for (int i = 11; i <= 20; i++) log.append(at(event(i), NOW.minus(Duration.ofDays(20 - i + 1))));
            // An entry stamped in the past after newer ones (clock skew) stays: purges cut prefixes only.
            log.append(at(event(21), old));

            assertThat(log.purgeBefore(NOW)).isEqualTo(10);
            assertThat(log.purgeBefore(NOW)).as("idempotent").isZero();
            VerifyResult result = log.verify();
            assertThat(result.ok()).as(result.toString()).isTrue();
            assertThat(result.fromSeq()).isEqualTo(11);
            assertThat(result.entriesChecked()).isEqualTo(11);
            assertThat(log.verifyAgainst(early).ok())
                    .as("the anchor at the purge horizon still checks")
                    .isTrue();
            assertThat(broken(log.verifyAgainst(beforeEnd)).reason()).isEqualTo(Reason.ANCHOR_PURGED);

            log.append(event(22));
            assertThat(log.verify().ok()).isTrue();
            db.jdbi().useHandle(h -> h.execute("DELETE FROM audit_entries WHERE seq = 11"));
            Broken b = broken(log.verify());
            assertThat(b.seq()).isEqualTo(11);
            assertThat(b.reason()).isEqualTo(Reason.ENTRY_MISSING);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void purgeRefusesToDeleteEntriesThatDoNotVerify(Supplier<Database> factory) {
        try (Database db = factory.get()) {
            AuditLog log = open(db);
            for (int i = 1; i <= 5; i++) log.append(at(event(i), NOW.minus(Duration.ofDays(300))));
            db.jdbi().useHandle(h -> h.execute("UPDATE audit_entries SET actor_id = 'nobody' WHERE seq = 3"));
            assertThatThrownBy(() -> log.purgeBefore(NOW)).hasMessageContaining("refusing to purge: audit entry 3");
            assertThat(log.headSeq()).isEqualTo(5);
            assertThat(broken(log.verify()).seq()).isEqualTo(3);
        }
    }

    @Test
    void retentionBelowSixMonthsIsRefused() {
        assertThatThrownBy(() -> new AuditRetention(179))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 180 days, was 179");
        assertThat(new AuditRetention(180).cutoff(NOW)).isEqualTo(NOW.minus(Duration.ofDays(180)));
    }

    // ------------------------------------------------------------------ helpers

    static AuditEvent at(AuditEvent e, Instant when) {
        return new AuditEvent(e.actor(), e.action(), e.target(), when, e.details());
    }

    static AuditEntry forge(long seq, AuditEvent e, String prevHash) {
        AuditEntry unsigned = new AuditEntry(seq, e, prevHash, HashChain.GENESIS_HASH);
        return new AuditEntry(seq, e, prevHash, HashChain.hash(prevHash, unsigned.contentJson()));
    }

    static void insertRaw(Handle h, AuditEntry e) {
        h.execute(
                "INSERT INTO audit_entries (" + StoredEntry.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                AuditLog.row(e));
    }

    /** What a forger with database access and the algorithm does: edit, then re-hash everything after. */
    static void rewriteFrom(Database db, long fromSeq, String newTargetId) {
        db.jdbi().useTransaction(h -> {
            h.execute("UPDATE audit_entries SET target_id = ? WHERE seq = ?", newTargetId, fromSeq);
            String prev = h.createQuery("SELECT hash FROM audit_entries WHERE seq = ?")
                    .bind(0, fromSeq - 1)
                    .mapTo(String.class)
                    .one();
            List<StoredEntry> rows = h.createQuery(
                            "SELECT " + StoredEntry.COLUMNS + " FROM audit_entries WHERE seq >= ? ORDER BY seq")
                    .bind(0, fromSeq)
                    .map(StoredEntry::map)
                    .list();
            for (StoredEntry r : rows) {
                String hash = HashChain.hash(prev, r.contentJson());
                h.execute("UPDATE audit_entries SET prev_hash = ?, hash = ? WHERE seq = ?", prev, hash, r.seq());
                prev = hash;
            }
            h.execute("UPDATE audit_head SET hash = ? WHERE chain = 0", prev);
        });
    }
}
