package io.redline.server.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.server.config.Lexicons;
import io.redline.server.http.ScreenEndpoints.HitView;
import io.redline.text.Hit;
import io.redline.text.Screener;
import io.redline.text.Screening;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "screen",
        mixinStandardHelpOptions = true,
        description = {
            "Screen text with the text engine (nothing is stored).",
            "With TEXT, screens it; without, reads standard input line by line and streams one result per line",
            "(constant memory, so any file size works). Offsets are UTF-16 indices into the line, end exclusive."
        })
final class ScreenCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        jsonl
    }

    @Option(
            names = "--lexicon",
            paramLabel = "FILE",
            description = "Lexicon: .tsv (term<TAB>category[<TAB>severity[<TAB>options]]) or one term per line")
    String lexicon;

    @Option(
            names = "--category",
            paramLabel = "CAT",
            defaultValue = "custom",
            description = "Category for a one-term-per-line lexicon (default: ${DEFAULT-VALUE})")
    String category;

    @Option(
            names = "--allow",
            paramLabel = "FILE",
            description = "Allow list: benign phrases, one per line (default: the starter allow list)")
    String allow;

    @Option(names = "--format", defaultValue = "text", description = "text, json or jsonl (default: ${DEFAULT-VALUE})")
    Format format;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text to screen; omit to read standard input")
    String text;

    private final ObjectMapper json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public Integer call() throws IOException {
        Screener screener = Lexicons.screener(lexicon, allow, category);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        if (text != null) {
            write(out, 1, text, screener.screen(text), false);
        } else {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
            long n = 0;
            for (String line; (line = in.readLine()) != null; ) {
                write(out, ++n, line, screener.screen(line), true);
            }
        }
        out.flush();
        return 0;
    }

    private void write(Writer out, long line, String input, Screening s, boolean streaming) throws IOException {
        switch (format) {
            case jsonl, json -> {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("line", line);
                record.put("riskScore", s.riskScore());
                record.put("hits", s.hits().stream().map(HitView::of).toList());
                out.write(
                        format == Format.json && !streaming
                                ? json.writerWithDefaultPrettyPrinter().writeValueAsString(record)
                                : json.writeValueAsString(record));
                out.write('\n');
            }
            case text -> {
                if (s.hits().isEmpty()) {
                    if (!streaming) out.write("clean\n");
                    return;
                }
                for (Hit h : s.hits()) {
                    out.write((streaming ? line + ": " : "") + h.category() + " " + h.detector() + " [" + h.start()
                            + "," + h.end() + ") \"" + input.substring(h.start(), h.end()) + "\" -> " + h.term()
                            + " (severity " + h.severity() + ")\n");
                }
            }
        }
    }
}
