package io.redline.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.media.AigcLabel;
import io.redline.media.ExplicitLabel;
import io.redline.media.ImplicitLabelWriter;
import io.redline.media.Inspection;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.media.Provenance;
import io.redline.server.config.RedlineConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "media",
        mixinStandardHelpOptions = true,
        description = "Read and write AI-generated content labels in images (PNG, JPEG, WebP).",
        subcommands = {MediaCommand.Inspect.class, MediaCommand.Label.class})
final class MediaCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static byte[] read(Path file, MediaLimits limits) throws IOException, MediaFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return limits.read(in);
        }
    }

    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description =
                    "Print the labels and traces a file carries (aigc, c2pa, iptcDigitalSourceType, generatorTraces) and the resulting mark.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        String format;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description =
                        "YAML settings file: media limits and media.c2pa.trustAnchorsFile (docs/configuration.md)")
        Path config;

        @Override
        public Integer call() throws Exception {
            RedlineConfig.Media media =
                    RedlineConfig.load(config, System.getenv()).media();
            MediaLimits limits = config == null ? MediaLimits.defaults() : media.limits();
            Inspection inspection = MediaInspector.inspectOrUnreadable(read(file, limits), limits, media.c2paTrust());
            Map<String, Object> map = inspection.toMap();
            if ("json".equals(format)) {
                System.out.println(
                        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(map));
            } else {
                System.out.println(file + ": "
                        + (inspection.readable()
                                ? inspection.format() + " " + inspection.width() + "x" + inspection.height()
                                : "unreadable (" + inspection.problem() + ")"));
                System.out.println("  mark: " + inspection.mark());
                if (inspection.aigc() != null)
                    System.out.println("  aigc: " + inspection.aigc().toJson());
                inspection.evidence().forEach(e -> System.out.println("  evidence: " + e));
                inspection.warnings().forEach(w -> System.out.println("  warning: " + w));
            }
            return inspection.readable() ? 0 : 1;
        }
    }

    @Command(
            name = "label",
            mixinStandardHelpOptions = true,
            description = {
                "Write an implicit AIGC label (XMP TC260:AIGC, and a PNG AIGC text chunk) without re-encoding pixels;",
                "with --explicit also render the visible mark (the file is then re-encoded, metadata carried over)."
            })
    static final class Label implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN")
        Path in;

        @Parameters(index = "1", paramLabel = "OUT")
        Path out;

        @Option(
                names = "--producer",
                required = true,
                paramLabel = "ID",
                description = "ContentProducer code of the generating service")
        String producer;

        @Option(
                names = "--content-id",
                required = true,
                paramLabel = "ID",
                description = "ProduceID: the producer's id for this content")
        String contentId;

        @Option(names = "--explicit", description = "Also render the visible mark in a corner")
        boolean explicit;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "YAML settings file: media.c2pa.certChainFile and media.c2pa.keyFile sign the new"
                        + " C2PA manifest when IN carries Content Credentials (docs/aigc-labels.md)")
        Path config;

        @Option(
                names = "--drop-provenance",
                description = "Label a file with Content Credentials without a signing key by removing them")
        boolean dropProvenance;

        @Option(
                names = "--text",
                defaultValue = ExplicitLabel.DEFAULT_TEXT,
                description = "Visible mark text (default: ${DEFAULT-VALUE})")
        String text;

        @Override
        public Integer call() throws Exception {
            RedlineConfig.Media media =
                    RedlineConfig.load(config, System.getenv()).media();
            MediaLimits limits = config == null ? MediaLimits.defaults() : media.limits();
            Provenance provenance = dropProvenance ? Provenance.drop() : media.provenance();
            byte[] input = read(in, limits);
            if (explicit
                    && !dropProvenance
                    && MediaInspector.inspectOrUnreadable(input, limits).c2pa() != null) {
                // Drawing re-encodes the pixels and drops the credential; a re-signed copy of a
                // re-encoded image is not written yet, so say so instead of losing it silently.
                System.err.println(in + ": the file carries Content Credentials (C2PA) and the visible mark"
                        + " re-encodes its pixels, which drops them; add --drop-provenance to accept that");
                return 1;
            }
            byte[] labelled;
            try {
                labelled = ImplicitLabelWriter.write(
                        input,
                        AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, producer, contentId),
                        limits,
                        provenance);
            } catch (MediaFormatException e) {
                System.err.println(in + ": " + e.getMessage()
                        + (e.kind() == MediaFormatException.Kind.SIGNED_CONTENT
                                ? " (./redline media label --config FILE, or --drop-provenance)"
                                : ""));
                return 1;
            }
            if (explicit) labelled = ExplicitLabel.render(labelled, text, ExplicitLabel.Corner.BOTTOM_RIGHT, limits);
            Files.write(out, labelled);
            System.err.println("wrote " + out + " (" + labelled.length + " bytes)"
                    + (explicit ? ", visible mark \"" + ExplicitLabel.effectiveText(text) + "\"" : ""));
            return 0;
        }
    }
}
