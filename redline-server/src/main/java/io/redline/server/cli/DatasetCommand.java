package io.redline.server.cli;

import io.redline.identity.Principal;
import io.redline.rights.datasets.DatasetException;
import io.redline.rights.datasets.DatasetSpec;
import io.redline.rights.datasets.Datasets;
import io.redline.server.RedlineServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Consent-clean training datasets.",
        subcommands = {DatasetCommand.Export.class})
final class DatasetCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Export a dataset version from the server's database: JSONL shards, manifest.jsonl (provenance per item),",
                "card.json and card.md, under OUT/<name>/<version>/. The same spec and --at give the same bytes.",
                "Spec (YAML or JSON): name, surfaces, from, until, categories, use, onlyAllowed, onePerCopyGroup",
                "(docs/rights.md). Bad input exits 2 with what to fix."
            })
    static final class Export implements Callable<Integer> {
        @Mixin
        ServerOptions options;

        @Option(names = "--spec", required = true, paramLabel = "FILE", description = "the dataset spec, YAML or JSON")
        Path spec;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "DIR",
                description = "where the version's directory goes")
        Path out;

        @Option(
                names = "--at",
                paramLabel = "INSTANT",
                description = "export as of this time (default: now, to the second)")
        String at;

        @Override
        public Integer call() throws IOException {
            DatasetSpec parsed;
            Instant when;
            try {
                parsed = DatasetSpec.parse(Files.readString(spec));
                when = at == null ? Instant.now() : Instant.parse(at);
            } catch (NoSuchFileException e) {
                System.err.println("redline rights dataset export: no such file: " + spec);
                return 2;
            } catch (DatasetException e) {
                System.err.println("redline rights dataset export: " + e.getMessage());
                return 2;
            } catch (DateTimeParseException e) {
                System.err.println(
                        "redline rights dataset export: --at must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
                return 2;
            }
            try (RedlineServer server = new RedlineServer(options.load())) {
                Datasets.Export done = server.datasets()
                        .export(Principal.system("cli"), parsed, when, server.datasetCandidates(), out);
                System.out.printf(
                        "dataset %s version %s: %d items in %s%n",
                        done.version().name(),
                        done.version().version(),
                        done.version().items(),
                        done.directory());
                done.excluded().forEach((reason, n) -> System.out.println("  left out (" + reason + "): " + n));
                return 0;
            } catch (DatasetException e) {
                System.err.println("redline rights dataset export: " + e.getMessage());
                return 2;
            }
        }
    }
}
