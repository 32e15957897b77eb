package io.redline.bench.engines;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import io.redline.vocabulary.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Audit verification: walking a chain of {@value #ENTRIES} {@code content.decide} entries in a
 * SQLite file and re-hashing each one, against the floor, reading the same rows and columns
 * without hashing (what any verifier must pay for the I/O). One op walks the whole chain.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class AuditVerifyBenchmark {
    static final int ENTRIES = 10_000;

    @State(Scope.Benchmark)
    public static class Chain {
        Path dir;
        Database db;
        AuditLog log;

        @Setup(Level.Trial)
        public void build() throws IOException {
            dir = Files.createTempDirectory("redline-bench-audit-");
            db = Database.open(StoreConfig.sqlite(dir.resolve("audit.db")));
            log = AuditLog.open(db);
            Actor worker = Actor.system("decision-worker");
            for (int from = 0; from < ENTRIES; from += AuditLog.APPEND_BATCH_MAX) {
                List<AuditEvent> batch = new ArrayList<>();
                for (int i = from; i < Math.min(ENTRIES, from + AuditLog.APPEND_BATCH_MAX); i++) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("action", i % 7 == 0 ? "block" : "allow");
                    details.put("reasonCode", i % 7 == 0 ? "off_platform_contact" : "ok");
                    details.put("policyVersion", "749f06545e34041d9529d9cfe10cc3fdf133dfbf9646ac57a9e8e77231d41460");
                    details.put("seq", 1);
                    details.put("origin", "worker");
                    details.put("decisionId", Long.toString(1_000_000L + i));
                    batch.add(new AuditEvent(
                            worker,
                            "content.decide",
                            new AuditEvent.Target("content", Long.toString(i)),
                            Instant.ofEpochMilli(1_760_000_000_000L + i),
                            details));
                }
                log.appendAll(batch);
            }
            if (!log.verify().ok()) {
                throw new IllegalStateException("the benchmark chain does not verify");
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            db.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Benchmark
    public Object verifyChain(Chain c) {
        return c.log.verify();
    }

    @Benchmark
    public long floorReadRows(Chain c) {
        return c.db.jdbi()
                .withHandle(h -> h
                        .createQuery("""
            SELECT seq, occurred_at_ms, actor_id, actor_role, action, target_type, target_id, details, prev_hash, hash
              FROM audit_entries ORDER BY seq""")
                        .map((rs, ctx) -> rs.getLong(1)
                                + rs.getLong(2)
                                + rs.getString(3).length()
                                + rs.getString(4).length()
                                + rs.getString(5).length()
                                + rs.getString(6).length()
                                + rs.getString(7).length()
                                + rs.getString(8).length()
                                + rs.getString(9).length()
                                + rs.getString(10).length())
                        .stream()
                        .mapToLong(Long::longValue)
                        .sum());
    }
}
