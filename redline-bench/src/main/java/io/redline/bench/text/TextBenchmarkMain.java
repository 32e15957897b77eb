package io.redline.bench.text;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.redline.bench.corpus.CorpusGenerator;
import io.redline.text.Screener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link TextScreeningBenchmark} and prints MB/s with the ratios against the peers.
 *
 * <p>Arguments are JMH's own (for example {@code -prof gc}, {@code -wi 1 -i 2}), plus
 * {@code --no-counts} to skip the hit-count pass that shows every contestant does comparable
 * work on the corpus, and {@code --paired} / {@code --paired-ablation} to run the interleaved
 * cross-check of {@link PairedRun} instead of JMH, {@code --paired-against JAR} to run it with
 * another build of redline-text beside this one (before/after, see {@code bench/text-ab.sh}).
 */
public final class TextBenchmarkMain {

    /** Display order, with the name JMH gives each benchmark method. */
    static final Map<String, String> CONTESTANTS = new LinkedHashMap<>();

    static {
        CONTESTANTS.put("redlineFull", "Redline full chain (defaults)");
        CONTESTANTS.put("redlineExact", "Redline exact (no normalisation)");
        CONTESTANTS.put("sensitiveWord", "houbb sensitive-word 0.25.0");
        CONTESTANTS.put("toolGood", "ToolGood.Words 3.1.0.1 IllegalWords");
        CONTESTANTS.put("acdat", "hankcs AC-DAT 1.2.3 (raw)");
    }

    static final int PAIRED_ROUNDS = 15;

    private TextBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        boolean counts = !jmhArgs.remove("--no-counts");
        boolean pairedAblation = jmhArgs.remove("--paired-ablation");
        boolean paired = jmhArgs.remove("--paired") || pairedAblation;
        java.nio.file.Path before = null;
        int against = jmhArgs.indexOf("--paired-against");
        if (against >= 0) {
            before = java.nio.file.Path.of(jmhArgs.get(against + 1));
            jmhArgs.remove(against + 1);
            jmhArgs.remove(against);
            paired = true;
        }

        printMachine();
        if (counts) {
            printHitCounts();
        }
        if (paired) {
            PairedRun.run(PAIRED_ROUNDS, pairedAblation, before);
            return;
        }

        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            // Only the headline table by default; name ScreeningAblationBenchmark to run the ablation.
            builder.include(TextScreeningBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(builder.build()).run();
        printTable(results);
    }

    static void printMachine() {
        System.out.println("== Machine");
        System.out.printf(
                "cpus (available to the JVM): %d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("cpu model: %s%n", cpuModel());
        System.out.printf(
                "jdk: %s %s (%s)%n",
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.vendor"));
        System.out.printf("os: %s %s%n", System.getProperty("os.name"), System.getProperty("os.version"));
        System.out.printf(
                "load average (1 min) at start: %.2f%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage());
        System.out.println();
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** One untimed pass: how many hits each contestant reports on the corpus. */
    static void printHitCounts() {
        List<String> terms = PeerDictionary.terms();
        List<String> lines = CorpusGenerator.defaultCorpus();
        long bytes = lines.stream().mapToLong(CorpusGenerator::utf8Length).sum();
        System.out.printf(
                "== Corpus: %,d items, %,d bytes (UTF-8), seed %d; dictionary: %,d terms%n",
                lines.size(), bytes, CorpusGenerator.DEFAULT_SEED, terms.size());

        Screener full = Contestants.redlineFull(terms);
        Screener exact = Contestants.redlineExact(terms);
        SensitiveWordBs houbb = Contestants.sensitiveWord(terms);
        AhoCorasickDoubleArrayTrie<String> trie = Contestants.acdat(terms);
        Map<String, ToIntFunction<String>> passes = new LinkedHashMap<>();
        passes.put("redlineFull", line -> full.screen(line).hits().size());
        passes.put("redlineExact", line -> exact.screen(line).hits().size());
        passes.put(
                "sensitiveWord",
                line -> houbb.findAll(line, WordResultHandlers.raw()).size());
        toolgood.words.IllegalWordsSearch toolGood = Contestants.toolGood(terms);
        passes.put("toolGood", line -> toolGood.FindAll(line).size());
        passes.put("acdat", line -> trie.parseText(line).size());

        System.out.printf("%-36s %12s %14s %10s%n", "contestant", "hits", "items with hit", "1 pass s");
        for (Map.Entry<String, ToIntFunction<String>> pass : passes.entrySet()) {
            long started = System.nanoTime();
            long hits = 0;
            long itemsHit = 0;
            for (String line : lines) {
                int n = pass.getValue().applyAsInt(line);
                hits += n;
                itemsHit += n > 0 ? 1 : 0;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%-36s %,12d %,14d %10.1f%n", CONTESTANTS.get(pass.getKey()), hits, itemsHit, seconds);
        }
        System.out.println("(cold single pass including JIT warm-up; the JMH numbers below are the measurement)");
        System.out.println();
    }

    record Row(String key, double mbPerS, double errorMbPerS, double medianMbPerS) {}

    static void printTable(Collection<RunResult> results) {
        Map<String, Row> measured = new LinkedHashMap<>();
        for (RunResult run : results) {
            String method = run.getParams().getBenchmark();
            String key = method.substring(method.lastIndexOf('.') + 1);
            if (!method.contains(".TextScreeningBenchmark.")) {
                String params = run.getParams().getParamsKeys().stream()
                        .map(k -> k + "=" + run.getParams().getParam(k))
                        .collect(java.util.stream.Collectors.joining(","));
                key = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1)
                        + (params.isEmpty() ? "" : " " + params);
            }
            Result<?> bytes = run.getSecondaryResults().get("bytes");
            if (bytes == null) {
                continue;
            }
            double scale = 1e-6; // bytes/s -> MB/s (10^6 bytes)
            double median =
                    bytes.getStatistics().getN() > 0 ? bytes.getStatistics().getPercentile(50) : Double.NaN;
            measured.put(key, new Row(key, bytes.getScore() * scale, bytes.getScoreError() * scale, median * scale));
        }
        // Headline contestants first, in display order; anything else (an ablation run) after them.
        Map<String, Row> rows = new LinkedHashMap<>();
        CONTESTANTS.keySet().stream().filter(measured::containsKey).forEach(k -> rows.put(k, measured.get(k)));
        rows.putAll(measured);
        Row houbb = rows.get("sensitiveWord");
        Row acdat = rows.get("acdat");

        System.out.println();
        System.out.println("== Text screening throughput (one thread, per item, MB = 10^6 UTF-8 bytes)");
        System.out.printf(
                "%-36s %10s %10s %10s %14s %10s%n",
                "contestant", "MB/s", "± (99.9%)", "median", "x sensitive", "x AC-DAT");
        for (Row row : rows.values()) {
            System.out.printf(
                    "%-36s %10.2f %10.2f %10.2f %14s %10s%n",
                    CONTESTANTS.getOrDefault(row.key(), row.key()),
                    row.mbPerS(),
                    row.errorMbPerS(),
                    row.medianMbPerS(),
                    ratio(row, houbb),
                    ratio(row, acdat));
        }
        Row full = rows.get("redlineFull");
        if (full != null && houbb != null && acdat != null) {
            double vsHoubb = full.mbPerS() / houbb.mbPerS();
            double vsAcdat = full.mbPerS() / acdat.mbPerS();
            System.out.printf(
                    "%nBudget: full chain >= 5x sensitive-word: %.2fx %s; >= 0.75x AC-DAT: %.2fx %s%n",
                    vsHoubb, vsHoubb >= 5 ? "MET" : "MISSED", vsAcdat, vsAcdat >= 0.75 ? "MET" : "MISSED");
            Row toolGood = rows.get("toolGood");
            if (toolGood != null) {
                double vsToolGood = full.mbPerS() / toolGood.mbPerS();
                System.out.printf(
                        "Full chain / ToolGood.Words (in-process; the whole-process budget is >= 0.5x): %.2fx%n",
                        vsToolGood);
            }
        }
    }

    static String ratio(Row row, Row base) {
        return base == null ? "-" : String.format("%.2fx", row.mbPerS() / base.mbPerS());
    }
}
