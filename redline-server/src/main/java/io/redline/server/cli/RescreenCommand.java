package io.redline.server.cli;

import io.redline.decision.RescreenReport;
import io.redline.identity.Principal;
import io.redline.server.RedlineServer;
import io.redline.server.http.TimeWindow;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "rescreen",
        mixinStandardHelpOptions = true,
        description = {
            "Re-decide content created since a time with the current lexicon and active policy.",
            "A new decision is appended only where the outcome changes; history is kept."
        })
final class RescreenCommand implements Callable<Integer> {
    @Mixin
    ServerOptions options;

    @Option(names = "--since", required = true, description = "Instant or span back from now (7d, 12h, 30m)")
    String since;

    @Option(
            names = "--limit",
            defaultValue = "1000000",
            description = "Most items to examine (default: ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        try (RedlineServer server = new RedlineServer(options.load())) {
            RescreenReport r = server.decisions()
                    .rescreen(TimeWindow.parse(since, Instant.now(), "--since"), Principal.system("cli"), limit);
            System.out.printf(
                    "rescreened %d items since %s in %d ms: %d changed (policy %s)%n",
                    r.examined(),
                    r.since(),
                    r.elapsedMs(),
                    r.changed(),
                    r.policyVersion().substring(0, 12));
            r.transitions().forEach((k, v) -> System.out.println("  " + k + ": " + v));
        }
        return 0;
    }
}
