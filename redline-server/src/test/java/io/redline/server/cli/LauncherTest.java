package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./redline} launcher's rules, run on a scratch copy of the repository's layout with a
 * JDK and a Maven that only record how they were called: when it rebuilds the jar (a newer main
 * source or pom; not test sources or build output), and that the start-up cache is trained with
 * the options and class path the command then runs with (a cache trained otherwise is refused by
 * the JVM, silently with the launcher's logging off).
 */
class LauncherTest {
    private static final String JAR = "redline-server/target/redline-server.jar";
    private static final String STAMP = "redline-server/target/.redline-build-stamp";

    @TempDir
    Path root;

    private Path calls;

    @BeforeEach
    void scratchRepository() throws IOException {
        Files.copy(Path.of("..", "redline"), root.resolve("redline"));
        Files.writeString(root.resolve("system-packages.tsv"), "");
        write("pom.xml", "<project/>");
        write("redline-text/pom.xml", "<project/>");
        write("redline-text/src/main/java/io/redline/text/Screener.java", "class Screener {}");
        write("redline-text/src/main/resources/io/redline/text/starter-lexicon.tsv", "加微信\tdrainage\n");
        write("redline-text/src/test/java/io/redline/text/ScreenerTest.java", "class ScreenerTest {}");
        write("redline-server/pom.xml", "<project/>");
        write("redline-server/src/main/java/io/redline/server/cli/Main.java", "class Main {}");
        calls = root.resolve("calls.log");
        // The JDK: a release file saying 25 (so the launcher takes the AOT cache path) and a java
        // that records its arguments and, for a training run, writes the cache it was asked for.
        write("jdk/release", "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"25.0.1\"\n");
        script("jdk/bin/javac", "exit 0");
        script(
                "jdk/bin/java",
                "echo \"java $*\" >> \"$CALLS\"",
                "for a in \"$@\"; do case \"$a\" in -XX:AOTCacheOutput=*) echo cache > \"${a#-XX:AOTCacheOutput=}\" ;; esac; done");
        // Maven: records the build and leaves what a build leaves, the jar.
        script("bin/mvn", "echo \"mvn $*\" >> \"$CALLS\"", "mkdir -p redline-server/target/lib && echo jar > " + JAR);
    }

    @Test
    void theFirstCommandBuildsAndTheNextRunsTheBuiltJarWithoutBuilding() throws Exception {
        assertThat(launch("screen", "加我薇❤信")).isZero();
        assertThat(callsOf("mvn")).hasSize(1);
        assertThat(callsOf("java")).last().asString().endsWith("io.redline.server.cli.Main screen 加我薇❤信");

        Files.delete(calls);
        assertThat(launch("screen", "加我薇❤信")).isZero();
        assertThat(callsOf("mvn")).isEmpty();
        assertThat(callsOf("java")).hasSize(1);
    }

    @Test
    void aChangedMainSourceResourceOrPomMakesTheNextScreenRebuild() throws Exception {
        for (String changed : List.of(
                "redline-text/src/main/java/io/redline/text/Screener.java",
                "redline-text/src/main/resources/io/redline/text/starter-lexicon.tsv",
                "redline-server/pom.xml",
                "pom.xml")) {
            assertThat(launch("screen", "x")).isZero();
            Files.deleteIfExists(calls);
            newerThanTheStamp(changed);
            assertThat(launch("screen", "x")).as(changed).isZero();
            assertThat(callsOf("mvn")).as("rebuilt after " + changed).hasSize(1);
            Files.setLastModifiedTime(root.resolve(changed), FileTime.fromMillis(0));
        }
    }

    @Test
    void testSourcesAndBuildOutputDoNotMakeARebuild() throws Exception {
        assertThat(launch("screen", "x")).isZero();
        write("redline-text/target/classes/io/redline/text/Screener.class", "compiled");
        newerThanTheStamp("redline-text/target/classes/io/redline/text/Screener.class");
        newerThanTheStamp("redline-text/src/test/java/io/redline/text/ScreenerTest.java");
        Files.delete(calls);
        assertThat(launch("screen", "x")).isZero();
        assertThat(callsOf("mvn")).isEmpty();
    }

    @Test
    void theStartUpCacheIsTrainedWithTheOptionsAndClassPathOfTheRunThatUsesIt() throws Exception {
        write("redline-server/target/lib/redline-text-0.1.0-SNAPSHOT.jar", "jar");
        assertThat(launch("screen", "--lexicon", "terms.tsv", "加我薇❤信")).isZero();
        List<String> java = callsOf("java");
        assertThat(java).hasSize(2);
        String training = java.get(0);
        String run = java.get(1);
        assertThat(training).contains("-XX:AOTCacheOutput=redline-server/target/redline-short.aot");
        assertThat(run).contains("-XX:AOTCache=redline-server/target/redline-short.aot");
        for (String option : List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true",
                "-XX:+UseSerialGC",
                "-cp " + JAR
                        + ":redline-server/target/lib/redline-text-0.1.0-SNAPSHOT.jar:redline-server/target/lib/* ")) {
            assertThat(training).as("training run").contains(option);
            assertThat(run).as("one-line screen").contains(option);
        }
    }

    @Test
    void theBenchScriptsFindTheJdkWithTheLaunchersFunctions() throws Exception {
        // bench/common.sh reads find_jdk and what it calls out of ./redline; when the launcher
        // gained java_major_into, the bench scripts' copy of the list missed it and they all
        // stopped with "no JDK found".
        Files.createDirectories(root.resolve("bench"));
        Files.copy(Path.of("..", "bench", "common.sh"), root.resolve("bench/common.sh"));
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", "-c", "source bench/common.sh; redline_jdk; echo \"found $JAVA_HOME $JAVA\"")
                .directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.strip()).isEqualTo("found " + root.resolve("jdk") + " " + root.resolve("jdk/bin/java"));

        try (var scripts = Files.list(Path.of("..", "bench"))) {
            for (Path script : scripts.filter(f -> f.toString().endsWith(".sh")).toList()) {
                if (!script.getFileName().toString().equals("common.sh")) {
                    assertThat(Files.readString(script))
                            .as("%s finds the JDK through bench/common.sh's redline_jdk", script)
                            .doesNotContain("find_jdk");
                }
            }
        }
    }

    private int launch(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("bash", root.resolve("redline").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("CALLS", calls.toString());
        pb.environment().remove("REDLINE_JAVA_OPTS");
        pb.environment().remove("REDLINE_NO_CDS");
        pb.redirectOutput(root.resolve("launcher.out").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return p.exitValue();
    }

    private List<String> callsOf(String program) throws IOException {
        if (!Files.exists(calls)) {
            return List.of();
        }
        return Files.readAllLines(calls).stream()
                .filter(l -> l.startsWith(program + " "))
                .toList();
    }

    private void newerThanTheStamp(String file) throws IOException {
        long stamp = Files.getLastModifiedTime(root.resolve(STAMP)).toMillis();
        Files.setLastModifiedTime(root.resolve(file), FileTime.fromMillis(stamp + 5_000));
    }

    private void write(String file, String text) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private void script(String file, String... lines) throws IOException {
        write(file, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(root.resolve(file), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
