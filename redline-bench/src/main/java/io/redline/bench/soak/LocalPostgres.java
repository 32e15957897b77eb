package io.redline.bench.soak;

import io.redline.store.SystemPackages;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the soak's own, from Debian's binaries (found like the tests find them,
 * through system-packages.tsv), that the soak can restart in the middle of a run. Unlike the test
 * fixture it keeps PostgreSQL's durable defaults (fsync on): the soak checks that acknowledged
 * items survive. Under root it runs as the {@code postgres} user, which PostgreSQL requires.
 */
final class LocalPostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean root = "root".equals(System.getProperty("user.name"));

    private LocalPostgres(Path bin, Path data, Path log, int port) {
        this.bin = bin;
        this.data = data;
        this.log = log;
        this.port = port;
    }

    static LocalPostgres start(Path work) throws IOException {
        Path bin = SystemPackages.require("postgresql").getParent();
        Path dir = Files.createDirectories(work.resolve("pg"));
        Files.createDirectories(dir.resolve("sock"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        LocalPostgres pg = new LocalPostgres(bin, dir.resolve("data"), dir.resolve("server.log"), port);
        if (pg.root) run(List.of("chown", "-R", "postgres:", dir.toString()), false);
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        pg.data.toString(),
                        "-U",
                        "redline",
                        "--auth=trust",
                        "-E",
                        "UTF8",
                        "--locale=C.UTF-8"),
                pg.root);
        pg.pgCtl("start");
        run(
                List.of(
                        bin.resolve("createdb").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        "redline",
                        "redline"),
                pg.root);
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/redline?user=redline";
    }

    /** A fast shutdown (clients disconnected, a clean checkpoint) and a start; returns when it accepts again. */
    void restart() {
        pgCtl("restart");
    }

    private void pgCtl(String action) {
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-w",
                        "-t",
                        "120",
                        "-m",
                        "fast",
                        "-l",
                        log.toString(),
                        "-o",
                        "-p " + port + " -k " + data.getParent().resolve("sock")
                                + " -c listen_addresses=127.0.0.1 -c max_connections=100",
                        action),
                root);
    }

    @Override
    public void close() {
        try {
            pgCtl("stop");
        } catch (RuntimeException e) {
            System.err.println("soak: stopping PostgreSQL: " + e.getMessage());
        }
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
