package io.redline.server.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.server.config.Lexicons;
import io.redline.server.http.ScreenEndpoints.HitView;
import io.redline.text.Hit;
import io.redline.text.Screener;
import io.redline.text.Screening;
import io.redline.text.stream.CrossLineHit;
import io.redline.text.stream.PriorLine;
import io.redline.text.stream.StreamContext;
import io.redline.text.stream.StreamScreening;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "screen",
        mixinStandardHelpOptions = true,
        description = {
            "Screen text with the text engine (nothing is stored).",
            "With TEXT, screens it; without, reads standard input line by line and streams one result per line",
            "(constant memory, so any file size works). Offsets are UTF-16 indices into the line, end exclusive.",
            "Output is written in large blocks and flushed whenever the input has nothing more waiting, so a",
            "pipe runs at full speed and a person typing sees each result at once."
        })
final class ScreenCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        jsonl
    }

    enum Input {
        lines,
        jsonl
    }

    /** Lines handed to a worker at once: large enough to amortise the hand-off, small enough to keep latency. */
    private static final int BATCH_LINES_MAX = 512;

    private static final int BATCH_CHARS_MAX = 256 * 1024;
    /** Batches screened or waiting per worker thread: bounds memory whatever the input size. */
    private static final int BATCHES_IN_FLIGHT_PER_THREAD = 4;

    private static final int THREADS_MAX = 256;

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

    @Option(
            names = "--input",
            defaultValue = "lines",
            description = {
                "lines: each input line is a text (default); jsonl: each line is an object",
                "{\"text\": \"...\", \"stream\": \"s1\", \"author\": \"u1\", \"at\": \"2026-12-02T10:00:00Z\"}",
                "(stream, author and at optional). A contact or term one author spreads over consecutive lines",
                "of one stream (the last 8 within 120 s) is reported on the line that completes it, with \"lines\"."
            })
    Input input;

    @Option(
            names = "--threads",
            defaultValue = "1",
            paramLabel = "N",
            description = "Screen on N threads; output stays in input order (default: ${DEFAULT-VALUE})")
    int threads;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text to screen; omit to read standard input")
    String text;

    /**
     * Runs {@code screen} without picocli when its arguments are in the plain form
     * ({@code screen [--lexicon F] [--category C] [--allow F] [--format X] [--input X] [--threads N] [TEXT]},
     * each option once, as separate words): returns the exit code, or null for anything else,
     * which picocli then parses (help, errors, {@code --opt=value}, abbreviations).
     *
     * <p>Why: picocli is compiled for Java 5, so none of its ~200 classes can live in the class
     * data archive and each is verified by the old verifier at every start, and it reflects over
     * all thirteen commands before running one: about half of a one-line screen's start-up.
     * {@code CliTest} checks this parse gives the fields picocli gives for the same words.
     */
    static Integer runDirect(String[] args) {
        ScreenCommand c = parseDirect(args);
        if (c == null) {
            return null;
        }
        try {
            return c.call();
        } catch (Exception e) {
            System.err.println("redline: " + e.getMessage()); // what Main's execution handler prints
            return 2;
        }
    }

    /** The command with its fields set from plain-form arguments, or null (see {@link #runDirect}). */
    static ScreenCommand parseDirect(String[] args) {
        if (args.length == 0 || !args[0].equals("screen")) {
            return null;
        }
        ScreenCommand c = new ScreenCommand();
        c.category = "custom";
        c.format = Format.text;
        c.input = Input.lines;
        c.threads = 1;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                if (c.text != null) {
                    return null;
                }
                c.text = a;
                continue;
            }
            if (i + 1 >= args.length || !seen.add(a)) {
                return null;
            }
            String v = args[++i];
            switch (a) {
                case "--lexicon" -> c.lexicon = v;
                case "--category" -> c.category = v;
                case "--allow" -> c.allow = v;
                case "--format" -> {
                    c.format = switch (v) {
                        case "text" -> Format.text;
                        case "json" -> Format.json;
                        case "jsonl" -> Format.jsonl;
                        default -> null;
                    };
                    if (c.format == null) {
                        return null;
                    }
                }
                case "--input" -> {
                    c.input = switch (v) {
                        case "lines" -> Input.lines;
                        case "jsonl" -> Input.jsonl;
                        default -> null;
                    };
                    if (c.input == null) {
                        return null;
                    }
                }
                case "--threads" -> {
                    if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                        return null;
                    }
                    c.threads = Integer.parseInt(v);
                }
                default -> {
                    return null;
                }
            }
        }
        return c;
    }

    /** Made on first use: picocli builds every command at start-up, and Jackson costs ~400 classes to load. */
    private ObjectMapper json;

    private ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }
        return json;
    }

    /**
     * One input line: its number and text, or why it could not be read, and the author's earlier
     * lines in the same stream (jsonl input with stream and author).
     */
    record Line(long number, String text, String error, List<PriorLine> prior) {
        Line(long number, String text, String error) {
            this(number, text, error, List.of());
        }
    }

    /** Each author's recent lines per stream; only the reading thread touches it. */
    private final StreamContext context = new StreamContext();

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > THREADS_MAX) {
            throw new IllegalArgumentException("--threads must be 1-" + THREADS_MAX + ", not " + threads);
        }
        Screener screener = Lexicons.screener(lexicon, allow, category);
        if (format == Format.json || input == Input.jsonl) {
            json(); // before any worker thread renders
        }
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        if (text != null) {
            out.write(render(screener, new Line(1, text, null), false));
            out.flush();
            return 0;
        }
        Sink sink = threads == 1 ? new Sequential(screener, out) : new Parallel(screener, out, threads);
        long bad = 0;
        try (sink) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(new FlushBeforeBlocking(System.in, sink::drain), StandardCharsets.UTF_8),
                    1 << 16);
            long n = 0;
            for (String raw; (raw = in.readLine()) != null; ) {
                Line line = parse(++n, raw);
                if (line.error() != null) {
                    bad++;
                }
                sink.accept(line);
            }
        }
        if (bad > 0) {
            System.err.println("redline: " + bad + " input line(s) could not be read (see their error records)");
            return 1;
        }
        return 0;
    }

    private Line parse(long n, String raw) {
        if (input == Input.lines) {
            return new Line(n, raw, null);
        }
        if (raw.isBlank()) {
            return new Line(n, "", null);
        }
        try {
            JsonNode node = json().readTree(raw);
            if (node == null || !node.isObject()) {
                return new Line(n, null, "line " + n + ": expected a JSON object like {\"text\": \"...\"}");
            }
            JsonNode t = node.get("text");
            if (t == null || !t.isTextual()) {
                return new Line(n, null, "line " + n + ": field 'text' is required and must be a string");
            }
            String stream = optionalText(node, "stream");
            String author = optionalText(node, "author");
            String at = optionalText(node, "at");
            Instant time = at == null ? null : Instant.parse(at);
            String id = Long.toString(n);
            List<PriorLine> prior = context.prior(stream, author, time);
            context.add(stream, author, time, id, t.asText());
            return new Line(n, t.asText(), null, prior);
        } catch (JsonProcessingException e) {
            return new Line(n, null, "line " + n + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (DateTimeParseException e) {
            return new Line(n, null, "line " + n + ": 'at' is not an ISO-8601 instant like 2026-12-02T10:00:00Z");
        } catch (IllegalArgumentException e) {
            return new Line(n, null, "line " + n + ": " + e.getMessage());
        }
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return v.asText();
    }

    /** The output for one line (possibly empty: text format prints nothing for a clean streamed line). */
    private String render(Screener screener, Line line, boolean streaming) {
        StringBuilder sb = new StringBuilder();
        render(screener, line, streaming, sb);
        return sb.toString();
    }

    /**
     * Appends the output for one line to {@code out}. JSON lines are written by hand, field for
     * field what Jackson writes for the same record (CliTest reads them back with Jackson): a map
     * and a Jackson call per line were a third of streaming's time over 100 MB.
     */
    private void render(Screener screener, Line line, boolean streaming, StringBuilder out) {
        try {
            if (line.error() != null) {
                if (format == Format.text) {
                    out.append(line.number())
                            .append(": error ")
                            .append(line.error())
                            .append('\n');
                    return;
                }
                out.append("{\"line\":").append(line.number()).append(",\"error\":");
                JsonText.string(line.error(), out);
                out.append("}\n");
                return;
            }
            Screening s = screener.screen(line.text());
            List<CrossLineHit> across =
                    StreamScreening.across(screener, line.prior(), Long.toString(line.number()), line.text());
            if (!across.isEmpty()) {
                List<Hit> all = new ArrayList<>(s.hits());
                across.forEach(c -> all.add(c.hit()));
                s = Screening.of(all);
            }
            switch (format) {
                case json -> renderJson(line, s, across, streaming, out);
                case jsonl -> renderJsonl(line, s, across, out);
                case text -> renderText(line, s, across, streaming, out);
                default -> throw new IllegalStateException("unknown format " + format);
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One method per format, so the JIT compiles the one a run uses on its own: as one method
     * with all three, the optimising compiler spent more CPU on it than on any method of the
     * engine in a 100 MB jsonl run.
     */
    private void renderJson(Line line, Screening s, List<CrossLineHit> across, boolean streaming, StringBuilder out)
            throws JsonProcessingException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("line", line.number());
        record.put("riskScore", s.riskScore());
        List<Object> hits = new ArrayList<>(s.hits().size());
        for (Hit h : s.hits()) {
            CrossLineHit c = crossLine(across, h);
            hits.add(c == null ? HitView.of(h) : AssembledHitView.of(c));
        }
        record.put("hits", hits);
        out.append(
                        streaming
                                ? json().writeValueAsString(record)
                                : json().writerWithDefaultPrettyPrinter().writeValueAsString(record))
                .append('\n');
    }

    private static void renderJsonl(Line line, Screening s, List<CrossLineHit> across, StringBuilder out) {
        out.append("{\"line\":").append(line.number());
        out.append(",\"riskScore\":").append(s.riskScore()).append(",\"hits\":[");
        List<Hit> hits = s.hits();
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            out.append(i == 0 ? "{" : ",{");
            JsonText.field("detector", h.detector(), out).append(',');
            JsonText.field("category", h.category(), out).append(',');
            out.append("\"severity\":").append(h.severity());
            out.append(",\"start\":").append(h.start());
            out.append(",\"end\":").append(h.end()).append(',');
            JsonText.field("term", h.term(), out).append(',');
            JsonText.field("normalized", h.normalized(), out);
            CrossLineHit c = crossLine(across, h);
            if (c != null) {
                out.append(",\"lines\":[").append(String.join(",", c.lineIds())).append(']');
            }
            out.append('}');
        }
        out.append("]}\n");
    }

    private static void renderText(
            Line line, Screening s, List<CrossLineHit> across, boolean streaming, StringBuilder out) {
        if (s.hits().isEmpty()) {
            if (!streaming) {
                out.append("clean\n");
            }
            return;
        }
        for (Hit h : s.hits()) {
            CrossLineHit c = crossLine(across, h);
            out.append(streaming ? line.number() + ": " : "")
                    .append(h.category())
                    .append(' ')
                    .append(h.detector())
                    .append(" [")
                    .append(h.start())
                    .append(',')
                    .append(h.end())
                    .append(") \"")
                    .append(line.text(), h.start(), h.end())
                    .append("\" -> ")
                    .append(h.term())
                    .append(" (severity ")
                    .append(h.severity())
                    .append(c == null ? "" : ", lines " + String.join("+", c.lineIds()))
                    .append(")\n");
        }
    }

    private static CrossLineHit crossLine(List<CrossLineHit> across, Hit h) {
        for (CrossLineHit c : across) {
            if (c.hit() == h) {
                return c;
            }
        }
        return null;
    }

    /** A hit assembled from several lines: the usual fields (offsets in this line) and the lines used. */
    record AssembledHitView(
            String detector,
            String category,
            int severity,
            int start,
            int end,
            String term,
            String normalized,
            List<Long> lines) {
        static AssembledHitView of(CrossLineHit c) {
            Hit h = c.hit();
            return new AssembledHitView(
                    h.detector(),
                    h.category(),
                    h.severity(),
                    h.start(),
                    h.end(),
                    h.term(),
                    h.normalized(),
                    c.lineIds().stream().map(Long::parseLong).toList());
        }
    }

    /** Where screened lines go; {@link #drain} writes everything accepted so far and flushes. */
    private interface Sink extends AutoCloseable {
        void accept(Line line) throws IOException;

        void drain() throws IOException;

        @Override
        void close() throws IOException;
    }

    private final class Sequential implements Sink {
        private final Screener screener;
        private final Writer out;

        Sequential(Screener screener, Writer out) {
            this.screener = screener;
            this.out = out;
        }

        /** Reused for every line: the streaming path allocates no builder per line. */
        private final StringBuilder rendered = new StringBuilder(512);

        private char[] chars = new char[512];

        @Override
        public void accept(Line line) throws IOException {
            rendered.setLength(0);
            render(screener, line, true, rendered);
            int n = rendered.length();
            if (n > chars.length) {
                chars = new char[Math.max(n, 2 * chars.length)];
            }
            rendered.getChars(0, n, chars, 0);
            out.write(chars, 0, n);
        }

        @Override
        public void drain() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /**
     * Screens batches of lines on a fixed pool of platform threads and writes their output in input
     * order: the reader keeps at most {@link #BATCHES_IN_FLIGHT_PER_THREAD} batches per thread in
     * flight and writes the oldest when that bound is reached.
     */
    private final class Parallel implements Sink {
        private final Screener screener;
        private final Writer out;
        private final ExecutorService pool;
        private final int inFlightMax;
        private final ArrayDeque<Future<String>> inFlight = new ArrayDeque<>();
        private List<Line> batch = new ArrayList<>();
        private long batchChars;

        Parallel(Screener screener, Writer out, int threads) {
            this.screener = screener;
            this.out = out;
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "redline-screen");
                t.setDaemon(true);
                return t;
            });
            this.inFlightMax = threads * BATCHES_IN_FLIGHT_PER_THREAD;
        }

        @Override
        public void accept(Line line) throws IOException {
            batch.add(line);
            batchChars += line.text() == null ? 0 : line.text().length();
            if (batch.size() >= BATCH_LINES_MAX || batchChars >= BATCH_CHARS_MAX) {
                submit();
            }
            while (inFlight.size() > inFlightMax) {
                writeOldest();
            }
        }

        private void submit() {
            if (batch.isEmpty()) {
                return;
            }
            List<Line> lines = batch;
            batch = new ArrayList<>();
            batchChars = 0;
            inFlight.add(pool.submit(() -> {
                StringBuilder sb = new StringBuilder();
                for (Line l : lines) {
                    render(screener, l, true, sb);
                }
                return sb.toString();
            }));
        }

        private void writeOldest() throws IOException {
            try {
                out.write(inFlight.removeFirst().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while screening", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                throw new IOException(cause);
            }
        }

        @Override
        public void drain() throws IOException {
            submit();
            while (!inFlight.isEmpty()) {
                writeOldest();
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                drain();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
