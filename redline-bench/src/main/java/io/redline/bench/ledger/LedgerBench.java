package io.redline.bench.ledger;

import io.redline.audit.AuditLog;
import io.redline.audit.AuditRetention;
import io.redline.ledger.CampaignYaml;
import io.redline.ledger.DayReport;
import io.redline.ledger.Imports;
import io.redline.ledger.Ledger;
import io.redline.ledger.Settlement;
import io.redline.ledger.engine.Campaign;
import io.redline.store.Database;
import io.redline.store.TestClock;
import io.redline.store.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Settles one day of the seed campaign for N accounts (default 1,000,000) on SQLite and on
 * PostgreSQL, and prints wall time, rows written and memory (peak heap during the settlement,
 * and the process's peak RSS). The import that prepares the data is timed separately. A second
 * settle of the same day is timed too: it must post nothing. Run through bench/ledger.sh.
 *
 * <p>Usage: {@code LedgerBench [ACCOUNTS] [sqlite|postgresql|both]}
 */
public final class LedgerBench {
    private static final io.redline.vocabulary.Actor BENCH = io.redline.vocabulary.Actor.system("bench");
    private static final LocalDate DAY = LocalDate.parse("2026-12-03");

    private LedgerBench() {}

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String which = args.length > 1 ? args[1] : "both";
        System.out.printf(
                "== settle one day (%s) of the seed campaign for %,d accounts; chunk %,d transfers%n",
                DAY, accounts, Settlement.CHUNK_TRANSFERS);
        // On disk, not in the heap: ~100 MB of CSV text would otherwise sit in the peak heap measured.
        Path dir = Files.createTempDirectory("ledger-bench");
        Path accountsCsv = Files.writeString(dir.resolve("accounts.csv"), accountsCsv(accounts));
        Path balancesCsv = Files.writeString(dir.resolve("balances.csv"), balancesCsv(accounts));
        try {
            if (which.equals("sqlite") || which.equals("both"))
                run("sqlite", TestDatabases.sqlite(), accounts, accountsCsv, balancesCsv);
            if (which.equals("postgresql") || which.equals("both"))
                run("postgresql", TestDatabases.postgres(), accounts, accountsCsv, balancesCsv);
        } finally {
            Files.deleteIfExists(accountsCsv);
            Files.deleteIfExists(balancesCsv);
            Files.deleteIfExists(dir);
        }
    }

    private static void run(String name, Database db, int accounts, Path accountsCsv, Path balancesCsv)
            throws IOException {
        try (db) {
            TestClock clock = TestClock.fixed(Instant.parse("2026-12-24T00:00:00Z"));
            AuditLog audit = AuditLog.open(db, AuditRetention.DEFAULT, clock);
            Ledger ledger = Ledger.open(db, audit, clock);
            Imports imports = new Imports(ledger);
            long t0 = System.nanoTime();
            Imports.Result a;
            Imports.Result b;
            try (var in = Files.newBufferedReader(accountsCsv)) {
                a = imports.accounts(in, BENCH);
            }
            try (var in = Files.newBufferedReader(balancesCsv)) {
                b = imports.balances(in, "USDX", 6, BENCH);
            }
            double importS = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "%-10s import: %,d holders + %,d balance rows in %.1f s (not part of the settlement)%n",
                    name, a.rows(), b.rows(), importS);

            Campaign campaign = CampaignYaml.parse(seed());
            Settlement settlement = new Settlement(ledger);
            settlement.register(campaign, BENCH); // funding the pools is a one-off, not part of a day
            System.gc();
            resetPeaks();
            long serverCpuStart = serverCpuNs(db);
            long cpuStart = cpuNs();
            long start = System.nanoTime();
            List<DayReport> days = settlement.settleThrough(campaign, DAY, BENCH);
            double settleS = (System.nanoTime() - start) / 1e9;
            double cpuS = (cpuNs() - cpuStart) / 1e9;
            double serverCpuS = (serverCpuNs(db) - serverCpuStart) / 1e9;
            long peakHeapMb = peakHeapBytes() / (1 << 20);
            DayReport d = days.getFirst();
            long transfers = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ledger_transfers")
                            .mapTo(Long.class)
                            .one());
            System.out.printf(
                    "%-10s settle:  %.1f s wall, %.1f s CPU in this JVM%s, for %,d accounts (%,d paid, %,d bonuses, %,d transfers in the ledger),"
                            + " %.0f accounts/s; peak heap %,d MB of max %,d MB, process peak RSS %,d MB%n",
                    name,
                    settleS,
                    cpuS,
                    db.dialect() == io.redline.store.Dialect.POSTGRESQL
                            ? String.format(" + %.1f s in the PostgreSQL server", serverCpuS)
                            : "",
                    accounts,
                    d.accountsPaid(),
                    d.bonusAccountsPaid(),
                    transfers,
                    accounts / settleS,
                    peakHeapMb,
                    Runtime.getRuntime().maxMemory() / (1 << 20),
                    peakRssMb());
            long again = System.nanoTime();
            settlement.settleThrough(campaign, DAY, BENCH);
            long after = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ledger_transfers")
                            .mapTo(Long.class)
                            .one());
            System.out.printf(
                    "%-10s re-run:  %.2f s, %,d new transfers (must be 0)%n",
                    name, (System.nanoTime() - again) / 1e9, after - transfers);
            long v = System.nanoTime();
            boolean ok = ledger.verify().ok();
            System.out.printf(
                    "%-10s verify:  %s in %.1f s%n", name, ok ? "OK" : "BROKEN", (System.nanoTime() - v) / 1e9);
        }
    }

    private static String seed() throws IOException {
        try (InputStream in = Settlement.class.getResourceAsStream("/campaigns/hold-to-earn-2026-12.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Same shape as the tests' fixture: a fifth registered inside the window, a third changing on the first day. */
    static String accountsCsv(int n) {
        StringBuilder out = new StringBuilder(n * 40).append("accountId,registeredAt\n");
        for (int i = 0; i < n; i++) {
            Instant registered = i % 5 == 0
                    ? Instant.parse("2026-12-03T02:00:00Z").plusSeconds((i % 13) * 3_600L)
                    : Instant.parse("2026-06-01T00:00:00Z").plusSeconds(i % 100_000);
            out.append(String.format("u%07d", i)).append(',').append(registered).append('\n');
        }
        return out.toString();
    }

    static String balancesCsv(int n) {
        StringBuilder out = new StringBuilder(n * 60).append("accountId,timestamp,balance\n");
        for (int i = 0; i < n; i++) {
            long units = (i * 7_919L) % 250_000;
            String id = String.format("u%07d", i);
            out.append(id)
                    .append(",2026-12-01T00:00:00Z,")
                    .append(units)
                    .append('.')
                    .append(String.format("%06d", (i * 31L) % 1_000_000))
                    .append('\n');
            if (i % 3 == 0)
                out.append(id)
                        .append(",2026-12-03T09:17:00Z,")
                        .append(units / 2)
                        .append('\n');
        }
        return out.toString();
    }

    /** CPU time of this JVM (all threads, GC included); the database server's own CPU is not in it. */
    private static long cpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time of the PostgreSQL server this database talks to (its postmaster and every child:
     * backends, WAL writer, checkpointer), read from /proc; 0 for SQLite or off Linux. On a shared
     * machine wall time measures the queue, so JVM + server CPU is the settlement's real cost.
     */
    private static long serverCpuNs(Database db) {
        if (db.dialect() != io.redline.store.Dialect.POSTGRESQL) return 0;
        try {
            long backend = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT pg_backend_pid()")
                            .mapTo(Long.class)
                            .one());
            long postmaster = Long.parseLong(stat(backend)[3]);
            long ticks = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) continue;
                    try {
                        String[] f = stat(Long.parseLong(name));
                        long pid = Long.parseLong(name);
                        if (pid == postmaster || Long.parseLong(f[3]) == postmaster)
                            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    } catch (IOException | RuntimeException gone) {
                        // the process ended while we looked
                    }
                }
            }
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The fields of /proc/PID/stat after the command name (field 3 of the man page is index 0 here, shifted by 2). */
    private static String[] stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
        String[] out = new String[rest.length + 2];
        System.arraycopy(rest, 0, out, 2, rest.length);
        return out;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: report 0
        }
        return 0;
    }
}
