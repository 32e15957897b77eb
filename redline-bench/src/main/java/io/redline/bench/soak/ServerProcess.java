package io.redline.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Redline server under test, as its own JVM (so {@link #kill()} is a real SIGKILL of the
 * server), on the soak's PostgreSQL. It runs from a copy of the built jar and its libraries taken
 * at the start, so a rebuild in the worktree during the run cannot change or break the restarts;
 * the JVM options are the launcher's for {@code serve} (ZGC).
 */
final class ServerProcess {
    private final Path root;
    private final Path work;
    private final int port;
    private final Map<String, String> env;
    private final List<String> jvm;
    private Process process;
    private int starts;

    ServerProcess(Path root, Path work, int port, String jdbcUrl) throws IOException {
        this.root = root;
        this.work = work;
        this.port = port;
        this.env = Map.of("REDLINE_DB_URL", jdbcUrl, "REDLINE_LOG_LEVEL", "WARN");
        Path app = Files.createDirectories(work.resolve("app/lib"));
        Path target = root.resolve("redline-server/target");
        Files.copy(target.resolve("redline-server.jar"), app.getParent().resolve("redline-server.jar"));
        try (var libs = Files.list(target.resolve("lib"))) {
            for (Path lib : (Iterable<Path>) libs::iterator) Files.copy(lib, app.resolve(lib.getFileName()));
        }
        this.jvm = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true",
                "-XX:+UseZGC",
                System.getProperty("soak.serverHeap", "-Xmx1g"),
                "-cp",
                app.getParent().resolve("redline-server.jar") + ":" + app + "/*",
                "io.redline.server.cli.Main");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Runs a command that exits (e.g. {@code token create}) on the same storage; returns its stdout. */
    String cli(List<String> args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(root.toFile());
        pb.environment().putAll(env);
        pb.redirectError(work.resolve("cli.log").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IllegalStateException("redline " + args + " failed; see " + work.resolve("cli.log"));
        return out;
    }

    void start() throws IOException {
        starts++;
        ProcessBuilder pb = new ProcessBuilder(command(List.of(
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        work.resolve("data").toString())))
                .directory(root.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(work.resolve("server-" + starts + ".log").toFile());
        process = pb.start();
    }

    /** Waits until {@code /readyz} answers 200; returns the milliseconds it took from now. */
    long awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive())
                throw new IllegalStateException("the server exited (code " + process.exitValue() + "); see "
                        + work.resolve("server-" + starts + ".log"));
            try {
                HttpResponse<Void> r = client.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/readyz"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return (System.nanoTime() - t0) / 1_000_000;
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("the server was not ready within " + timeout);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, no flush. */
    void kill() throws InterruptedException {
        if (process == null) return;
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }

    long pid() {
        return process.pid();
    }

    private List<String> command(List<String> args) {
        List<String> c = new java.util.ArrayList<>(jvm);
        c.addAll(args);
        return c;
    }
}
