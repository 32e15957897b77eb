package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.StoreConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SettleProcess} until it prints {@code done}, killing it (SIGKILL, no shutdown hooks)
 * {@code kills} times at random progress lines first: right after start (while planning), after a
 * committed chunk, or while the next chunk's transaction is open. Shared by the crash tests.
 */
final class KillAndResume {
    private KillAndResume() {}

    /**
     * @param lastLine kills happen after progress line 0..lastLine-1 (line 0 is {@code started})
     * @param args     {@link SettleProcess}'s arguments after the JDBC URL
     * @return the progress line after which each kill happened
     */
    static List<String> run(StoreConfig config, Random random, long seed, int kills, int lastLine, String... args)
            throws IOException, InterruptedException {
        List<String> killedAfter = new ArrayList<>();
        int runs = 0;
        boolean done = false;
        while (!done) {
            runs++;
            assertThat(runs)
                    .as("runs (seed %d, kills after %s)", seed, killedAfter)
                    .isLessThanOrEqualTo(kills + 2);
            int killAt = killedAfter.size() < kills ? random.nextInt(lastLine) : Integer.MAX_VALUE;
            Process p = start(config, args);
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                int lines = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals("done")) done = true;
                    if (line.equals("started") || line.startsWith("chunk ")) {
                        if (lines++ == killAt) {
                            p.destroyForcibly();
                            killedAfter.add(line);
                            break;
                        }
                    }
                }
            }
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            if (!done && killedAfter.isEmpty())
                throw new AssertionError("the settle process failed: "
                        + new String(p.getErrorStream().readAllBytes()));
        }
        assertThat(killedAfter).as("seed %d", seed).hasSize(kills);
        return killedAfter;
    }

    private static Process start(StoreConfig config, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                SettleProcess.class.getName(),
                config.jdbcUrl()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
