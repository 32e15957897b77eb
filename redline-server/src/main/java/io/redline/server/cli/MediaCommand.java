package io.redline.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.decision.PictureScreener;
import io.redline.media.AigcLabel;
import io.redline.media.ExplicitLabel;
import io.redline.media.ImplicitLabelWriter;
import io.redline.media.Inspection;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.media.Provenance;
import io.redline.media.scan.ImageScan;
import io.redline.media.scan.ImageScanner;
import io.redline.media.scan.TextReader;
import io.redline.server.config.Lexicons;
import io.redline.server.config.RedlineConfig;
import io.redline.text.Screener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "media",
        mixinStandardHelpOptions = true,
        description =
                "Read and write AI-generated content labels in images (PNG, JPEG, WebP); scan what pictures show.",
        subcommands = {MediaCommand.Inspect.class, MediaCommand.Label.class, MediaCommand.Scan.class})
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
            byte[] labelled;
            try {
                labelled = ImplicitLabelWriter.write(
                        input,
                        AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, producer, contentId),
                        limits,
                        provenance);
                // Drawing changes the pixels: a signed file gets a second manifest recording it.
                if (explicit)
                    labelled =
                            ExplicitLabel.render(labelled, text, ExplicitLabel.Corner.BOTTOM_RIGHT, limits, provenance);
            } catch (MediaFormatException e) {
                System.err.println(in + ": " + e.getMessage()
                        + (e.kind() == MediaFormatException.Kind.SIGNED_CONTENT
                                ? " (./redline media label --config FILE, or --drop-provenance)"
                                : ""));
                return 1;
            }
            Files.write(out, labelled);
            System.err.println("wrote " + out + " (" + labelled.length + " bytes)"
                    + (explicit ? ", visible mark \"" + ExplicitLabel.effectiveText(text) + "\"" : ""));
            return 0;
        }
    }

    @Command(
            name = "scan",
            mixinStandardHelpOptions = true,
            description = {
                "Scan pictures for QR codes/barcodes (ZXing) and text (Tesseract chi_sim+eng); the text goes through",
                "the same screener as `redline screen`. One JSON line per file: file, codes [{payload, kind,",
                "box}], text, hits [{category, detector, term, box, confidence}]; boxes are [x, y, w, h] in the",
                "file's pixels. A file that cannot be read gets \"error\"; without Tesseract, \"notScanned\" says why.",
                "Exit status 0 when every file was read, 1 otherwise."
            })
    static final class Scan implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Option(
                names = "--format",
                defaultValue = "jsonl",
                description = "jsonl (the only format; default: ${DEFAULT-VALUE})")
        String format;

        @Option(
                names = "--lexicon",
                paramLabel = "FILE",
                description =
                        "Lexicon for the recognised text, as `redline screen --lexicon` (default: the starter lexicon)")
        String lexicon;

        @Override
        public Integer call() throws Exception {
            if (!"jsonl".equals(format)) {
                System.err.println("--format must be jsonl");
                return 2;
            }
            MediaLimits limits = MediaLimits.defaults();
            Screener screener = Lexicons.screener(lexicon, null, "custom");
            TextReader.Opened ocr = TextReader.open(1);
            if (!ocr.availability().available())
                System.err.println("redline: " + ocr.availability().detail());
            ImageScanner scanner = new ImageScanner(ocr);
            ObjectMapper json = new ObjectMapper();
            int failed = 0;
            try {
                for (Path file : files) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("file", file.toString());
                    try {
                        ImageScan scan = scanner.scan(read(file, limits), limits, true);
                        line.putAll(PictureScreener.screened(0, scan, screener).toMap());
                    } catch (MediaFormatException | IOException e) {
                        failed++;
                        line.put("error", e.getMessage());
                    }
                    System.out.println(json.writeValueAsString(line));
                }
            } finally {
                if (ocr.reader() != null) ocr.reader().close();
            }
            return failed == 0 ? 0 : 1;
        }
    }
}
