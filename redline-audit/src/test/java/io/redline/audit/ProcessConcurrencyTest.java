package io.redline.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.Database;
import io.redline.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Server processes sharing one database append to one chain without forking it. */
class ProcessConcurrencyTest {
    static final int CHILDREN = 2;
    static final int PER_CHILD = 60;
    static final int LOCAL_THREADS = 4;
    /**
     * Only a bound: local threads append while a child lives. At 2,000 they could run out before
     * the child JVMs had started on a quiet machine once appends got faster (plain JDBC on the
     * hot path), and the children then appended alone: the interleave check below failed.
     */
    static final int LOCAL_MAX = 50_000;

    /**
     * PostgreSQL only: several server processes on one database is the production topology; the
     * embedded SQLite default runs one process (the two-pool test in {@link AuditLogTest} covers
     * SQLite's cross-connection locking).
     */
    @Test
    void appendersInSeparateProcessesAndThreadsNeverForkTheChain() throws Exception {
        try (Database db = TestDatabases.postgres()) {
            AuditLog log = AuditLogTest.open(db);
            List<Process> children = new ArrayList<>();
            String java = ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
            for (int c = 0; c < CHILDREN; c++) {
                children.add(new ProcessBuilder(
                                java,
                                "--enable-native-access=ALL-UNNAMED",
                                "-cp",
                                System.getProperty("java.class.path"),
                                AppendProcess.class.getName(),
                                db.config().jdbcUrl(),
                                String.valueOf(PER_CHILD),
                                "child" + c)
                        .redirectErrorStream(true)
                        .start());
            }
            // Local threads keep appending until every child has finished, so the processes overlap
            // however slowly the child JVMs start.
            ExecutorService pool = Executors.newFixedThreadPool(LOCAL_THREADS);
            List<Future<Integer>> local = new ArrayList<>();
            for (int t = 0; t < LOCAL_THREADS; t++) {
                int thread = t;
                local.add(pool.submit(() -> {
                    int appended = 0;
                    while (appended < LOCAL_MAX && children.stream().anyMatch(Process::isAlive)) {
                        log.append(AuditLogTest.event(thread * 10_000 + appended++));
                    }
                    return appended;
                }));
            }
            for (Process p : children) {
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(output).isZero();
            }
            long total = CHILDREN * PER_CHILD;
            for (Future<Integer> f : local) total += f.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(total).isGreaterThan(CHILDREN * PER_CHILD);

            VerifyResult result = log.verify();
            assertThat(result.ok()).as(result.summary()).isTrue();
            assertThat(result.entriesChecked()).isEqualTo(total);
            long rows = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(DISTINCT seq) FROM audit_entries")
                            .mapTo(Long.class)
                            .one());
            assertThat(rows).isEqualTo(total);
            List<AuditEntry> child =
                    log.search(AuditQuery.latest().withActor("system:child1").withLimit(500));
            assertThat(child).hasSize(PER_CHILD);
            assertThat(child.getFirst().seq() - child.getLast().seq())
                    .as("the child's entries interleave with the other appenders'")
                    .isGreaterThan(PER_CHILD);
        }
    }
}
