package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.server.config.RedlineConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Accepted means durable: a real server process is killed with SIGKILL right after answering
 * 2xx, restarted on the same data directory, and must still have every acknowledged item.
 */
class DurabilityTest {
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedItemSurvivesSigkill() throws Exception {
        Path dataDir = Files.createTempDirectory("redline-durability-");
        String token;
        try (RedlineServer setup = new RedlineServer(RedlineConfig.defaults().withDataDir(dataDir.toString()))) {
            token = setup.tokens()
                    .create(new TokenRequest(Role.SERVICE, null, "durability"), "test")
                    .secret();
        }
        int port = freePort();
        Process server = startServer(dataDir, port);
        List<String> acknowledged = new ArrayList<>();
        try {
            awaitReady(server, port, dataDir);
            for (int i = 0; i < 200; i++) {
                HttpResponse<String> r = post(
                        port, token, "{\"surface\":\"live\",\"authorId\":\"u" + i + "\",\"text\":\"弹幕 " + i + "\"}");
                assertThat(r.statusCode()).isEqualTo(201);
                acknowledged.add(TestServer.JSON.readTree(r.body()).path("id").asText());
            }
        } finally {
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            server.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(server.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        Process restarted = startServer(dataDir, port);
        try {
            awaitReady(restarted, port, dataDir);
            for (String id : acknowledged) {
                HttpResponse<String> r = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/contents/" + id))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("item %s after restart", id).isEqualTo(200);
            }
        } finally {
            restarted.destroy();
            restarted.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startServer(Path dataDir, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.redline.server.cli.Main",
                        "serve",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("REDLINE_"));
        return pb.start();
    }

    private void awaitReady(Process process, int port, Path dataDir) {
        io.redline.store.Eventually.until(
                "the server on port " + port + " to be ready (log: " + dataDir.resolve("server.log") + ")",
                java.time.Duration.ofSeconds(120),
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("server exited with " + process.exitValue() + ":\n" + log(dataDir));
                    }
                    try {
                        return client.send(
                                                HttpRequest.newBuilder(
                                                                URI.create("http://127.0.0.1:" + port + "/readyz"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
                    } catch (IOException notYet) {
                        return false; // still starting
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                });
    }

    private static String log(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private HttpResponse<String> post(int port, String token, String json) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/contents"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
