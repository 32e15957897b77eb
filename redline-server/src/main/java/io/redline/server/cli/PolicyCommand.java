package io.redline.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.redline.decision.ActivePolicy;
import io.redline.decision.Backtest;
import io.redline.decision.BacktestReport;
import io.redline.decision.StoredPolicy;
import io.redline.identity.Principal;
import io.redline.policy.PolicyError;
import io.redline.policy.PolicyParseResult;
import io.redline.policy.PolicyParser;
import io.redline.server.RedlineServer;
import io.redline.server.http.TimeWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Validate, store, activate and backtest policies (docs/policies.md).",
        subcommands = {
            PolicyCommand.Validate.class,
            PolicyCommand.Activate.class,
            PolicyCommand.ListPolicies.class,
            PolicyCommand.BacktestCmd.class
        })
final class PolicyCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static String read(Path file) throws Exception {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("policy file " + file + " does not exist");
        return Files.readString(file);
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description =
                    "Check a policy file; prints every error as FILE:LINE:COLUMN: PATH: MESSAGE and exits 1 when there are any.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            return switch (PolicyParser.parse(read(file))) {
                case PolicyParseResult.Valid v -> {
                    System.out.println(file + ": valid, " + v.policy().ruleCount() + " rules, version "
                            + v.policy().version());
                    yield 0;
                }
                case PolicyParseResult.Invalid i -> {
                    for (PolicyError e : i.errors()) {
                        System.out.println(
                                file + ":" + e.line() + ":" + e.column() + ": " + e.path() + ": " + e.message());
                    }
                    System.out.println(
                            i.errors().size() + " error" + (i.errors().size() == 1 ? "" : "s"));
                    yield 1;
                }
            };
        }
    }

    @Command(
            name = "activate",
            mixinStandardHelpOptions = true,
            description = "Store a policy file (or name a stored version) and make it the active policy. Audited.")
    static final class Activate implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Parameters(paramLabel = "FILE|VERSION")
        String target;

        @Override
        public Integer call() throws Exception {
            try (RedlineServer server = new RedlineServer(options.load())) {
                Principal cli = Principal.system("cli");
                String version = target;
                if (Files.isRegularFile(Path.of(target))) {
                    StoredPolicy stored = server.policies().save(read(Path.of(target)), cli);
                    version = stored.version();
                }
                ActivePolicy active = server.policies().activate(version, cli);
                System.out.println("active policy: " + active.version() + " (activated " + active.activatedAt() + ")");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored policy versions.")
    static final class ListPolicies implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Override
        public Integer call() {
            try (RedlineServer server = new RedlineServer(options.load())) {
                String active = server.policies().active().version();
                for (StoredPolicy p : server.policies().list()) {
                    System.out.printf(
                            "%s %-66s %s %s%n",
                            p.version().equals(active) ? "*" : " ", p.version(), p.createdAt(), p.name());
                }
            }
            return 0;
        }
    }

    @Command(
            name = "backtest",
            mixinStandardHelpOptions = true,
            description = {
                "Replay stored content through a candidate policy without changing anything and print what would change:",
                "counts per action (current vs candidate), changed items, and the review-cost delta."
            })
    static final class BacktestCmd implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(
                names = "--since",
                defaultValue = "7d",
                description = "Instant or span back from now (default: ${DEFAULT-VALUE})")
        String since;

        @Option(names = "--until", description = "Instant or span back from now (default: now)")
        String until;

        @Option(
                names = "--sample",
                defaultValue = "10",
                description = "Changed items to list (default: ${DEFAULT-VALUE})")
        int sample;

        @Option(names = "--minutes-per-review", description = "Cost of one review (default: review.minutesPerReview)")
        Double minutesPerReview;

        @Option(names = "--format", defaultValue = "text", description = "text or json")
        String format;

        @Override
        public Integer call() throws Exception {
            String yaml = read(file);
            try (RedlineServer server = new RedlineServer(options.load())) {
                Instant now = Instant.now();
                Backtest backtest = server.backtest();
                BacktestReport r = backtest.run(
                        yaml,
                        TimeWindow.parse(since, now, "--since"),
                        until == null ? now : TimeWindow.parse(until, now, "--until"),
                        Math.min(sample, Backtest.SAMPLE_MAX),
                        minutesPerReview != null
                                ? minutesPerReview
                                : server.config().review().minutesPerReview());
                if ("json".equals(format)) {
                    System.out.println(new ObjectMapper()
                            .registerModule(new JavaTimeModule())
                            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                            .writerWithDefaultPrettyPrinter()
                            .writeValueAsString(r));
                } else {
                    System.out.printf(
                            "backtest %s -> %s over %s .. %s: %d items in %d ms (%.0f items/s)%n",
                            r.currentVersion().substring(0, 12),
                            r.candidateVersion().substring(0, 12),
                            r.since(),
                            r.until(),
                            r.examined(),
                            r.elapsedMs(),
                            r.itemsPerSecond());
                    System.out.printf("%-8s %10s %10s%n", "action", "current", "candidate");
                    for (var a : io.redline.policy.Action.values()) {
                        System.out.printf(
                                "%-8s %10d %10d%n",
                                a.name().toLowerCase(),
                                r.current().getOrDefault(a, 0L),
                                r.candidate().getOrDefault(a, 0L));
                    }
                    System.out.printf(
                            "changed: %d items; reviews %d -> %d; review cost %+.1f minutes (%+.2f hours)%n",
                            r.changed(),
                            r.currentReviews(),
                            r.candidateReviews(),
                            r.reviewMinutesDelta(),
                            r.reviewHoursDelta());
                    r.transitions().forEach((k, v) -> System.out.println("  " + k + ": " + v));
                    r.sample()
                            .forEach(c -> System.out.println("  content " + c.contentId() + " (" + c.surface() + "): "
                                    + c.currentAction() + " by " + c.currentRuleId() + " -> " + c.candidateAction()
                                    + " by " + c.candidateRuleId()));
                }
            }
            return 0;
        }
    }
}
