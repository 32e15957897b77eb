package io.redline.server.cli;

import io.redline.audit.Anchor;
import io.redline.audit.VerifyResult;
import io.redline.identity.Principal;
import io.redline.server.RedlineServer;
import io.redline.server.admin.Actors;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Verify, anchor and export the hash-chained audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.AnchorHead.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Walk the chain and recompute every hash. Exit 0 when intact; exit 1 naming the first broken entry.",
                "With --anchor, also check that each anchored entry still has the anchored hash (detects rewritten history)."
            })
    static final class Verify implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(
                names = "--anchor",
                paramLabel = "JSON|FILE",
                description =
                        "Anchors as printed by 'audit anchor', one JSON object per line (JSON text or a file holding it); each is checked")
        String anchor;

        @Override
        public Integer call() throws Exception {
            try (RedlineServer server = new RedlineServer(options.load())) {
                VerifyResult result = server.audit().verify();
                System.out.println(result.summary());
                if (anchor != null && result.ok()) {
                    String text = Files.isRegularFile(Path.of(anchor)) ? Files.readString(Path.of(anchor)) : anchor;
                    List<String> lines = text.lines()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty())
                            .toList();
                    if (lines.isEmpty()) throw new IllegalArgumentException("--anchor holds no anchor");
                    for (String line : lines) {
                        result = server.audit().verifyAgainst(Anchor.parse(line));
                        System.out.println(result.summary());
                        if (!result.ok()) break;
                    }
                }
                return result.ok() ? 0 : 1;
            }
        }
    }

    @Command(
            name = "anchor",
            mixinStandardHelpOptions = true,
            description = {
                "Record every audit chain's head (seq, hash, time) and print each as a line of JSON to hand to an external party.",
                "Chain 0 is the server's; Kafka workers write chains of their own (docs/audit.md, 'Chains')."
            })
    static final class AnchorHead implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() {
            try (RedlineServer server = new RedlineServer(options.load())) {
                List<Anchor> anchors = server.audit().anchor();
                server.audit().appendAll(Actors.anchored(Principal.system("cli"), anchors));
                anchors.forEach(a -> System.out.println(a.toJson()));
            }
            return 0;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write the entries of a time range as JSONL (one canonical entry per line).")
    static final class Export implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(
                names = "--from",
                required = true,
                paramLabel = "INSTANT",
                description = "Inclusive start, e.g. 2026-11-01T00:00:00Z")
        Instant from;

        @Option(names = "--to", required = true, paramLabel = "INSTANT", description = "Exclusive end")
        Instant to;

        @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output)")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!from.isBefore(to)) throw new IllegalArgumentException("--from must be before --to");
            try (RedlineServer server = new RedlineServer(options.load());
                    Writer w = out == null
                            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                            : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                server.audit()
                        .append(Actors.event(
                                Principal.system("cli"), "audit.export", "audit", from + "/" + to, Map.of()));
                long n = server.audit().export(from, to, w);
                w.flush();
                System.err.println("exported " + n + " entries");
            }
            return 0;
        }
    }
}
