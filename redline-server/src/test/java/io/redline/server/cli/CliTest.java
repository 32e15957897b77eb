package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.identity.Role;
import io.redline.identity.TokenRequest;
import io.redline.server.RedlineServer;
import io.redline.server.config.RedlineConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line, run in-process with standard streams redirected. */
class CliTest {
    record Run(int exit, String out, String err) {}

    static synchronized Run run(String stdin, String... args) {
        InputStream inBefore = System.in;
        PrintStream outBefore = System.out;
        PrintStream errBefore = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Main.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(inBefore);
            System.setOut(outBefore);
            System.setErr(errBefore);
        }
    }

    @Test
    void screenStreamsOneJsonObjectPerInputLine() throws Exception {
        Run r = run("今天去公园散步\n加 微 信 xiaomei_8866\n\n联系 138-0013-8000\n", "screen", "--format", "jsonl");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        JsonNode clean = json.readTree(lines.get(0));
        assertThat(clean.path("line").asInt()).isEqualTo(1);
        assertThat(clean.path("hits")).isEmpty();
        JsonNode wechat = json.readTree(lines.get(1));
        assertThat(wechat.path("line").asInt()).isEqualTo(2);
        assertThat(wechat.path("hits")).isNotEmpty().allSatisfy(h -> {
            assertThat(h.has("category")).isTrue();
            assertThat(h.has("term")).isTrue();
            assertThat(h.path("end").asInt()).isGreaterThan(h.path("start").asInt());
            assertThat(h.has("detector")).isTrue();
        });
        assertThat(json.readTree(lines.get(3)).path("hits"))
                .anySatisfy(h -> assertThat(h.path("detector").asText()).isEqualTo("phone"));
    }

    @Test
    void screenOnSeveralThreadsWritesExactlyWhatOneThreadWritesInInputOrder() {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            in.append(
                            switch (i % 5) {
                                case 0 -> "今天去公园散步 " + i;
                                case 1 -> "加 微 信 xiaomei_" + i;
                                case 2 -> "";
                                case 3 -> "联系 138-0013-" + (1000 + i);
                                default -> "网賭 jiaweixin " + i;
                            })
                    .append('\n');
        }
        Run one = run(in.toString(), "screen", "--format", "jsonl");
        Run three = run(in.toString(), "screen", "--format", "jsonl", "--threads", "3");
        assertThat(three.exit()).as(three.err()).isZero();
        assertThat(three.out().lines().count()).isEqualTo(3000);
        assertThat(three.out()).isEqualTo(one.out());
        assertThat(run("x\n", "screen", "--threads", "0").exit()).isNotZero();
    }

    @Test
    void screenReadsJsonlObjectsAndReportsUnreadableLinesWithoutStopping() throws Exception {
        String in = "{\"text\": \"加 微 信 xiaomei_8866\", \"stream\": \"s1\", \"author\": \"u1\","
                + " \"at\": \"2026-12-02T10:00:00Z\"}\n"
                + "not json\n"
                + "{\"stream\": \"s1\"}\n"
                + "{\"text\": \"今天去公园散步\"}\n";
        Run r = run(in, "screen", "--input", "jsonl", "--format", "jsonl");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("2 input line(s)");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(lines.get(0)).path("hits")).isNotEmpty();
        assertThat(json.readTree(lines.get(1)).path("error").asText()).contains("line 2", "not JSON");
        assertThat(json.readTree(lines.get(2)).path("error").asText()).contains("line 3", "'text'");
        assertThat(json.readTree(lines.get(3)).path("hits")).isEmpty();
    }

    @Test
    void aContactOneAuthorSpreadsOverLinesIsReportedOnTheLineThatCompletesIt() throws Exception {
        StringBuilder in = new StringBuilder();
        String[] pieces = {"加", "我", "V", "abc", "123"};
        for (int i = 0; i < pieces.length; i++) {
            // Another author's line in between is no part of it, and neither is the other stream.
            in.append("{\"text\": \"")
                    .append(pieces[i])
                    .append("\", \"stream\": \"s1\", \"author\": \"u1\",")
                    .append(" \"at\": \"2026-12-02T10:00:0")
                    .append(i)
                    .append("Z\"}\n");
            in.append("{\"text\": \"好的\", \"stream\": \"s1\", \"author\": \"u2\"}\n");
        }
        in.append("{\"text\": \"abc\", \"stream\": \"s2\", \"author\": \"u1\"}\n");
        in.append("{\"text\": \"456\", \"stream\": \"s2\", \"author\": \"u1\", \"at\": \"2026-12-02T10:00:00Z\"}\n");
        for (String threads : List.of("1", "2")) {
            Run r = run(in.toString(), "screen", "--input", "jsonl", "--format", "jsonl", "--threads", threads);
            assertThat(r.exit()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines).hasSize(12);
            ObjectMapper json = new ObjectMapper();
            JsonNode completing = json.readTree(lines.get(8));
            assertThat(completing.path("line").asInt()).isEqualTo(9);
            assertThat(completing.path("hits")).singleElement().satisfies(h -> {
                assertThat(h.path("detector").asText()).isEqualTo("wechat");
                assertThat(h.path("term").asText()).isEqualTo("abc123");
                assertThat(h.path("lines").toString()).isEqualTo("[7,9]");
            });
            for (int i = 0; i < lines.size(); i++) {
                if (i != 8)
                    assertThat(json.readTree(lines.get(i)).path("hits"))
                            .as(lines.get(i))
                            .isEmpty();
            }
        }
    }

    @Test
    void interactiveScreeningAnswersEachLineWhileTheInputStaysOpen() throws Exception {
        for (String threads : List.of("1", "2")) {
            java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
            java.io.PipedInputStream stdin = new java.io.PipedInputStream(typing);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            synchronized (CliTest.class) { // run() redirects the same global streams
                InputStream inBefore = System.in;
                PrintStream outBefore = System.out;
                System.setIn(stdin);
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                Thread command = Thread.ofPlatform()
                        .start(() -> Main.commandLine().execute("screen", "--format", "jsonl", "--threads", threads));
                try {
                    typing.write("加 微 信 xiaomei_8866\n".getBytes(StandardCharsets.UTF_8));
                    typing.flush();
                    io.redline.store.Eventually.until(
                            "the first line's result while the input is still open",
                            () -> out.toString(StandardCharsets.UTF_8).contains("\"line\":1"));
                    typing.write("今天去公园散步\n".getBytes(StandardCharsets.UTF_8));
                    typing.flush();
                    io.redline.store.Eventually.until(
                            "the second line's result",
                            () -> out.toString(StandardCharsets.UTF_8).contains("\"line\":2"));
                } finally {
                    typing.close();
                    command.join();
                    System.setIn(inBefore);
                    System.setOut(outBefore);
                }
            }
        }
    }

    @Test
    void theDirectScreenParseSetsWhatPicocliSetsAndLeavesEverythingElseToPicocli() {
        List<String[]> plain = List.of(
                new String[] {"screen"},
                new String[] {"screen", "加我微信"},
                new String[] {"screen", "--format", "jsonl", "--threads", "3"},
                new String[] {"screen", "--lexicon", "a.tsv", "--category", "ads", "--allow", "b.txt", "x"},
                new String[] {"screen", "--input", "jsonl", "--format", "json", "--threads", "1"},
                new String[] {"screen", "text first", "--format", "text", "--input", "lines"});
        for (String[] args : plain) {
            ScreenCommand direct = ScreenCommand.parseDirect(args);
            ScreenCommand picocli = (ScreenCommand) Main.commandLine()
                    .parseArgs(args)
                    .subcommand()
                    .commandSpec()
                    .userObject();
            assertThat(direct).as(String.join(" ", args)).isNotNull();
            assertThat(List.of(
                            direct.lexicon == null ? "-" : direct.lexicon,
                            direct.category,
                            direct.allow == null ? "-" : direct.allow,
                            direct.format,
                            direct.input,
                            direct.threads,
                            direct.text == null ? "-" : direct.text))
                    .as(String.join(" ", args))
                    .isEqualTo(List.of(
                            picocli.lexicon == null ? "-" : picocli.lexicon,
                            picocli.category,
                            picocli.allow == null ? "-" : picocli.allow,
                            picocli.format,
                            picocli.input,
                            picocli.threads,
                            picocli.text == null ? "-" : picocli.text));
        }
        List<String[]> forPicocli = List.of(
                new String[] {"screen", "--help"},
                new String[] {"screen", "-h"},
                new String[] {"screen", "--format=jsonl"},
                new String[] {"screen", "--format", "xml"},
                new String[] {"screen", "--threads", "-1"},
                new String[] {"screen", "--format", "json", "--format", "text"},
                new String[] {"screen", "one", "two"},
                new String[] {"screen", "--lexicon"},
                new String[] {"audit", "verify"});
        for (String[] args : forPicocli) {
            assertThat(ScreenCommand.parseDirect(args))
                    .as(String.join(" ", args))
                    .isNull();
        }
        // Picocli still answers those: help, and a clear error for a bad value.
        assertThat(run("", "screen", "--help").out()).contains("--threads");
        Run bad = run("", "screen", "--format", "xml", "x");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("xml");
    }

    @Test
    void jsonlOutputIsWhatJacksonReadsBackWithEveryFieldEscaped() throws Exception {
        Path lexicon = Files.createTempFile("lexicon", ".tsv");
        Files.writeString(lexicon, "引\"号\\斜\tcustom\t70\n");
        Run r = run("有引\"号\\斜线\n", "screen", "--lexicon", lexicon.toString(), "--format", "jsonl");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(r.out().strip());
        assertThat(line.path("line").asInt()).isEqualTo(1);
        assertThat(line.path("riskScore").asInt()).isPositive();
        JsonNode hit = line.path("hits").path(0);
        assertThat(hit.path("term").asText()).isEqualTo("引\"号\\斜");
        assertThat(hit.path("detector").asText()).isEqualTo("lexicon");
        assertThat(hit.path("category").asText()).isEqualTo("custom");
        assertThat(hit.path("severity").asInt()).isEqualTo(70);
        assertThat(hit.path("start").asInt()).isEqualTo(1);
        assertThat(hit.path("end").asInt()).isEqualTo(6);
        assertThat(hit.has("normalized")).isTrue();
    }

    @Test
    void screenTakesACustomLexicon() throws Exception {
        Path lexicon = Files.createTempFile("lexicon", ".tsv");
        Files.writeString(lexicon, "# test lexicon\n神秘代码\tcustom\t70\n");
        Run r = run("", "screen", "--lexicon", lexicon.toString(), "--format", "text", "这里有神秘代码哦");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("custom lexicon [3,7) \"神秘代码\"");
        Path bad = Files.createTempFile("lexicon", ".tsv");
        Files.writeString(bad, "term\tcustom\tnot-a-number\n");
        Run failed = run("", "screen", "--lexicon", bad.toString(), "x");
        assertThat(failed.exit()).isNotZero();
        assertThat(failed.err()).contains("line 1");
    }

    @Test
    void commandsThatNeverScreenNeverCompileTheLexicon() throws Exception {
        // A lexicon that cannot compile proves it: audit verify and token list succeed anyway, and
        // only the command that screens reports the broken lexicon.
        Path dir = Files.createTempDirectory("redline-cli-");
        Path bad = dir.resolve("bad.tsv");
        Files.writeString(bad, "大麻\tdrugs\thigh\n");
        Path config = dir.resolve("redline.yaml");
        Files.writeString(config, "text:\n  lexiconFile: " + bad + "\n");
        Run verify = run("", "audit", "verify", "--config", config.toString(), "--data-dir", dir.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        Run tokens = run("", "token", "list", "--config", config.toString(), "--data-dir", dir.toString());
        assertThat(tokens.exit()).as(tokens.out() + tokens.err()).isZero();
        Run screen = run("", "screen", "--lexicon", bad.toString(), "x");
        assertThat(screen.exit()).isNotZero();
        assertThat(screen.err()).contains("line 1");
    }

    @Test
    void auditVerifyExitsNonZeroNamingTheFirstBrokenEntry() throws Exception {
        Path dir = Files.createTempDirectory("redline-cli-");
        RedlineConfig config = RedlineConfig.defaults().withDataDir(dir.toString());
        try (RedlineServer s = new RedlineServer(config)) {
            for (int i = 0; i < 3; i++)
                s.tokenAdmin()
                        .issue(
                                new TokenRequest(Role.REVIEWER, null, "r" + i),
                                io.redline.identity.Principal.system("test"));
        }
        Run ok = run("", "audit", "verify", "--data-dir", dir.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("intact");

        try (RedlineServer s = new RedlineServer(config)) {
            s.database().jdbi().useHandle(h -> h.execute("DELETE FROM audit_entries WHERE seq = 2"));
        }
        Run broken = run("", "audit", "verify", "--data-dir", dir.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN at entry 2");
    }

    @Test
    void auditAnchorPrintsEveryChainsHeadAndVerifyChecksEachLine() throws Exception {
        Path dir = Files.createTempDirectory("redline-cli-");
        RedlineConfig config = RedlineConfig.defaults().withDataDir(dir.toString());
        long workerHead;
        try (RedlineServer s = new RedlineServer(config)) {
            s.tokenAdmin()
                    .issue(new TokenRequest(Role.REVIEWER, null, "r"), io.redline.identity.Principal.system("test"));
            // A Kafka worker's decisions go to a chain of its own (docs/audit.md, "Chains").
            workerHead = s.audit()
                    .onChain(3)
                    .append(io.redline.server.admin.Actors.event(
                            io.redline.identity.Principal.system("worker"),
                            "decision.make",
                            "content",
                            "1",
                            java.util.Map.of()))
                    .seq();
        }
        Run anchor = run("", "audit", "anchor", "--data-dir", dir.toString());
        assertThat(anchor.exit()).as(anchor.err()).isZero();
        List<String> lines = anchor.out().strip().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(new ObjectMapper().readTree(lines.get(1)).path("seq").asLong())
                .isEqualTo(workerHead);

        Path kept = Files.writeString(dir.resolve("anchors.jsonl"), anchor.out());
        Run ok = run("", "audit", "verify", "--anchor", kept.toString(), "--data-dir", dir.toString());
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out().lines().filter(l -> l.contains("intact"))).hasSize(3);

        // The worker chain's anchor no longer matching is caught: every line is checked, not the first.
        String forged = lines.get(0) + "\n"
                + lines.get(1).replaceAll("\"hash\":\"[0-9a-f]{64}\"", "\"hash\":\"" + "ab".repeat(32) + "\"");
        Path wrong = Files.writeString(dir.resolve("forged.jsonl"), forged);
        Run broken = run("", "audit", "verify", "--anchor", wrong.toString(), "--data-dir", dir.toString());
        assertThat(broken.exit()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out()).contains("ANCHOR_MISMATCH").contains("entry " + workerHead);
    }

    @Test
    void policyValidateListsEveryErrorWithItsPositionAndActivateMakesAPolicyActive() throws Exception {
        Path bad = Files.createTempFile("policy", ".yaml");
        Files.writeString(bad, """
                schema: redline/policy-v1
                name: typo
                rules:
                  - id: a
                    when: {hits: {category: [drainage]}}
                    action: blok
                    reasonCode: x
                  - id: a
                    when: {riskScore: {atLeast: 500}}
                    action: block
                    reasonCode: y
                """);
        Run invalid = run("", "policy", "validate", bad.toString());
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.out()).contains(bad + ":6:").contains("blok").contains(":8:");
        assertThat(invalid.out()
                        .lines()
                        .filter(l -> l.startsWith(bad.toString()))
                        .count())
                .isGreaterThanOrEqualTo(3);

        Path good = Files.createTempFile("policy", ".yaml");
        Files.writeString(
                good, io.redline.policy.DefaultPolicy.yaml().replace("name: redline-default", "name: house-rules"));
        Run valid = run("", "policy", "validate", good.toString());
        assertThat(valid.exit()).as(valid.out()).isZero();

        Path dir = Files.createTempDirectory("redline-cli-policy-");
        Run activated = run("", "policy", "activate", good.toString(), "--data-dir", dir.toString());
        assertThat(activated.exit()).as(activated.err()).isZero();
        Run listed = run("", "policy", "list", "--data-dir", dir.toString());
        assertThat(listed.out()).contains("* ").contains("house-rules");
        Run backtest = run("", "policy", "backtest", good.toString(), "--since", "1d", "--data-dir", dir.toString());
        assertThat(backtest.exit()).as(backtest.err()).isZero();
        assertThat(backtest.out()).contains("review cost");
    }

    @Test
    void helpDescribesTheCommands() {
        Run r = run("", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("serve", "demo", "token", "screen", "audit");
    }
}
