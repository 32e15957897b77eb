package io.redline.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redline.rights.text.CopyDetector;
import io.redline.rights.text.CopyMatch;
import io.redline.rights.text.CopyParams;
import io.redline.rights.text.Shingles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "rights",
        mixinStandardHelpOptions = true,
        description =
                "Creators' rights: find reposted copies offline with the same index the server uses; export datasets; backfill copy detection.",
        subcommands = {RightsCommand.Copies.class, DatasetCommand.class, BackfillCommand.class})
final class RightsCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    @Command(
            name = "copies",
            mixinStandardHelpOptions = true,
            description = {
                "Read notes in time order, one JSON object a line: {\"id\": \"…\", \"author\": \"…\", \"text\": \"…\"};",
                "print one line for each: {\"id\": \"…\", \"copyOf\": \"<earlier id>\" | null, \"similarity\": 0.93 | null}.",
                "Only a near-copy of another author's earlier note counts (MinHash/LSH, parameters in docs/rights.md).",
                "A malformed line stops the run with its line number (exit 2)."
            })
    static final class Copies implements Callable<Integer> {
        /** Lines longer than a note's text limit plus its JSON envelope are refused, not buffered. */
        static final int LINE_CHARS_MAX = Shingles.TEXT_CHARS_MAX + 4_096;

        @Option(
                names = "--input",
                required = true,
                paramLabel = "FILE",
                description = "JSONL file, or - for standard input")
        String input;

        @Option(
                names = "--threshold",
                paramLabel = "J",
                description = "least estimated Jaccard similarity to link (default: ${DEFAULT-VALUE})",
                defaultValue = "0.6")
        double threshold;

        @Override
        public Integer call() throws IOException {
            CopyParams defaults = CopyParams.DEFAULT;
            CopyParams params;
            try {
                params = new CopyParams(defaults.shingleChars(), defaults.bands(), defaults.rows(), threshold);
            } catch (IllegalArgumentException e) {
                System.err.println("redline rights copies: " + e.getMessage());
                return 2;
            }
            ObjectMapper json = new ObjectMapper();
            CopyDetector detector = new CopyDetector(params, 1 << 16);
            Set<String> seen = new HashSet<>();
            PrintWriter out = new PrintWriter(
                    new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)), false);
            try (BufferedReader in = new BufferedReader(open(input))) {
                long lineNo = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    lineNo++;
                    if (line.length() > LINE_CHARS_MAX)
                        return fail(
                                out,
                                lineNo,
                                "line has " + line.length() + " characters, over the limit of " + LINE_CHARS_MAX);
                    JsonNode node;
                    try {
                        node = json.readTree(line);
                    } catch (JsonProcessingException e) {
                        return fail(out, lineNo, "not JSON: " + e.getOriginalMessage());
                    }
                    if (node == null || !node.isObject())
                        return fail(out, lineNo, "expected a JSON object {\"id\", \"author\", \"text\"}");
                    String id = text(node, "id"), author = text(node, "author"), text = text(node, "text");
                    if (id == null || author == null || text == null) {
                        return fail(
                                out,
                                lineNo,
                                "\"id\", \"author\" and \"text\" must all be strings (id and author not empty)");
                    }
                    if (!seen.add(id)) return fail(out, lineNo, "id '" + id + "' appeared on an earlier line");
                    Optional<CopyMatch> match;
                    try {
                        match = detector.observe(id, author, text);
                    } catch (IllegalArgumentException e) {
                        return fail(out, lineNo, e.getMessage());
                    }
                    ObjectNode result = json.createObjectNode().put("id", id);
                    if (match.isPresent()) {
                        result.put("copyOf", match.get().id());
                        result.put(
                                "similarity",
                                BigDecimal.valueOf(match.get().similarity()).setScale(2, RoundingMode.HALF_EVEN));
                    } else {
                        result.putNull("copyOf");
                        result.putNull("similarity");
                    }
                    out.println(json.writeValueAsString(result));
                }
            } catch (NoSuchFileException e) {
                System.err.println("redline rights copies: no such file: " + input);
                return 2;
            }
            out.flush();
            return 0;
        }

        private static Reader open(String input) throws IOException {
            return "-".equals(input)
                    ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                    : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
        }

        private static String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) return null;
            return field.equals("text") || !v.asText().isEmpty() ? v.asText() : null;
        }

        private static int fail(PrintWriter out, long lineNo, String message) {
            out.flush();
            System.err.println("redline rights copies: line " + lineNo + ": " + message);
            return 2;
        }
    }
}
