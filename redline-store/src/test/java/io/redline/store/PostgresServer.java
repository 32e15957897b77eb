package io.redline.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests, started once per test JVM from the Debian binaries
 * ({@code /usr/lib/postgresql/<version>/bin}, found through {@link SystemPackages}) in a throw-away data directory, or an existing
 * server when {@code REDLINE_TEST_PG_URL} is set ({@code jdbc:postgresql://host:port/db?user=…}).
 * Each caller gets a fresh database so tests never see each other's rows. A server of one's own
 * ({@link #durable()}) can be restarted mid-run, which the soak does to inject a fault.
 *
 * <p>PostgreSQL refuses to run as root, so under root the server runs as the {@code postgres}
 * system user (created by the Debian package) via {@code runuser}.
 */
public final class PostgresServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile PostgresServer instance;
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final String adminUrl;
    /** Null for an external server ({@code REDLINE_TEST_PG_URL}), which is not ours to restart. */
    private final Path dir;

    private final Path binDir;
    private final int port;
    private final boolean durable;

    private PostgresServer(String adminUrl, Path dir, Path binDir, int port, boolean durable) {
        this.adminUrl = adminUrl;
        this.dir = dir;
        this.binDir = binDir;
        this.port = port;
        this.durable = durable;
    }

    public static synchronized PostgresServer get() {
        if (instance == null) instance = start(false, null);
        return instance;
    }

    /**
     * A server of its own with PostgreSQL's default durability (fsync, synchronous commit, full
     * page writes), for benchmarks that compare against SQLite's fsynced commits; stopped at JVM
     * exit like the shared one.
     */
    public static PostgresServer durable() {
        return start(true, null);
    }

    /**
     * A durable server of its own whose data directory and {@code server.log} are under {@code
     * dir} and stay there after it stops, for a run that keeps its files when it fails (the soak).
     * Stopped at JVM exit unless {@link #stop()} stopped it first.
     */
    public static PostgresServer durable(Path dir) {
        return start(true, dir);
    }

    /** A JDBC URL of a new, empty database on the shared server. */
    public String newDatabaseUrl() {
        String name = "redline_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(adminUrl);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    /**
     * A fast shutdown (clients disconnected, a clean checkpoint) and a start on the same port;
     * returns when it accepts connections again. Open connections are broken, as at a real restart.
     */
    public void restart() {
        pgCtl("restart");
    }

    /** A fast shutdown now, for a caller that removes or keeps the files itself afterwards. */
    public void stop() {
        pgCtl("stop");
    }

    private static PostgresServer start(boolean durable, Path keptDir) {
        String external = System.getenv("REDLINE_TEST_PG_URL");
        if (external != null && !external.isBlank() && !durable) {
            return new PostgresServer(external, null, null, 0, false);
        }
        Path bin = findBinaries();
        try {
            Path dir = keptDir == null ? Files.createTempDirectory("redline-pg-") : Files.createDirectories(keptDir);
            Files.createDirectories(dir.resolve("sock"));
            if (ROOT) run(List.of("chown", "-R", "postgres:", dir.toString()), false);
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            run(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-U",
                            "redline",
                            "--auth=trust",
                            "-E",
                            "UTF8",
                            "--locale=C.UTF-8"),
                    ROOT);
            PostgresServer server = new PostgresServer(
                    "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=redline", dir, bin, port, durable);
            server.pgCtl("start");
            boolean removeFiles = keptDir == null;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stopAtExit(removeFiles)));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL for tests: " + e.getMessage(), e);
        }
    }

    private void pgCtl(String action) {
        if (dir == null)
            throw new IllegalStateException("an external server (REDLINE_TEST_PG_URL) is not ours to " + action);
        run(
                List.of(
                        binDir.resolve("pg_ctl").toString(),
                        "-D",
                        dir.resolve("data").toString(),
                        "-w",
                        "-t",
                        "120",
                        "-m",
                        "fast",
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-o",
                        "-p " + port + " -k " + dir.resolve("sock")
                                + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                                // fsync=off for tests: test data is throw-away; durability is tested
                                // against SQLite and the production settings, not against this
                                // fixture. Benchmarks and the soak ask for a durable one.
                                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")
                                // Extra server settings for a profiling run, e.g.
                                // "-c shared_preload_libraries=pg_stat_statements" (docs/benchmarks.md).
                                + extraOptions(),
                        action),
                ROOT);
    }

    private static String extraOptions() {
        String extra = System.getenv("REDLINE_PG_SERVER_OPTIONS");
        return extra == null || extra.isBlank() ? "" : " " + extra.strip();
    }

    /**
     * Stops the server (and removes its files unless they are to be kept) at JVM exit, in a
     * detached shell the JVM does not wait for. Why: surefire gives a forked JVM 30 s to exit after
     * its tests, and waiting here for {@code pg_ctl stop} and a recursive delete of a data directory
     * that every test's fresh database grew to hundreds of megabytes took longer than that on a
     * loaded machine, so surefire printed "kill self fork JVM" and killed the fork (leaving the
     * server running). A server already stopped makes {@code pg_ctl} fail, which is ignored.
     */
    private void stopAtExit(boolean removeFiles) {
        String pgCtl = (ROOT ? "runuser -u postgres -- " : "")
                + quote(binDir.resolve("pg_ctl").toString()) + " -D "
                + quote(dir.resolve("data").toString())
                + " -m immediate -w stop";
        try {
            new ProcessBuilder("sh", "-c", pgCtl + (removeFiles ? "; rm -rf " + quote(dir.toString()) : ""))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException ignored) {
            // best effort at JVM exit; the temp dir is the OS's to clean then
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Path findBinaries() {
        Path bin = SystemPackages.require("postgresql").getParent();
        if (!Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException(
                    "PostgreSQL's pg_ctl is missing beside " + bin.resolve("initdb")
                            + ": reinstall Debian's 'postgresql' or set REDLINE_TEST_PG_URL to a server the tests may create databases on");
        }
        return bin;
    }

    private static void run(List<String> command, boolean asPostgres) {
        List<String> full = new ArrayList<>();
        if (asPostgres) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("command failed: " + String.join(" ", full) + "\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + full + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + full, e);
        }
    }
}
