package io.redline.bench.text;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.result.WordResultHandlers;
import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.redline.bench.corpus.CorpusGenerator;
import io.redline.text.AllowList;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A cross-check for a shared, noisy machine: all contestants in one JVM, measured in
 * interleaved one-second slices (A B C D A B C D …), with each round's ratios taken between
 * slices that ran seconds apart. Slow drifts in background load then hit every contestant of a
 * round alike, so the median per-round ratio is steadier than ratios between JMH forks that ran
 * minutes apart. JMH ({@link TextScreeningBenchmark}) stays the measurement of record; this is
 * {@code bench/text.sh --paired}.
 */
public final class PairedRun {

    static final double SLICE_SECONDS = 1.0;

    private PairedRun() {}

    public static void run(int rounds, boolean ablation) {
        run(rounds, ablation, null);
    }

    /**
     * @param before another build of redline-text (jar or class directory), or null: when given,
     *               its full chain and exact mode run beside this build's, both loaded in class
     *               loaders of their own, and the table ends with after/before ratios
     */
    public static void run(int rounds, boolean ablation, java.nio.file.Path before) {
        List<String> terms = PeerDictionary.terms();
        List<String> lines = CorpusGenerator.defaultCorpus();
        String[] items = lines.toArray(String[]::new);
        long[] bytes = lines.stream().mapToLong(CorpusGenerator::utf8Length).toArray();

        Map<String, ToIntFunction<String>> contestants = new LinkedHashMap<>();
        Screener full = Contestants.redlineFull(terms);
        Screener exact = Contestants.redlineExact(terms);
        SensitiveWordBs houbb = Contestants.sensitiveWord(terms);
        AhoCorasickDoubleArrayTrie<String> trie = Contestants.acdat(terms);
        contestants.put("redlineFull", line -> full.screen(line).hits().size());
        contestants.put("redlineExact", line -> exact.screen(line).hits().size());
        contestants.put(
                "sensitiveWord",
                line -> houbb.findAll(line, WordResultHandlers.raw()).size());
        contestants.put("acdat", line -> trie.parseText(line).size());
        if (ablation) {
            Map<String, ScreenOptions> chains = new LinkedHashMap<>();
            chains.put("full, count only (no Hit objects)", ScreenOptions.defaults());
            chains.put("full without detectors", ScreenOptions.defaults().withoutDetectors());
            chains.put(
                    "folding only (no noise/repeats/detectors)",
                    ScreenOptions.defaults()
                            .withoutDetectors()
                            .withSkipNoise(false)
                            .withCollapseRepeats(false));
            chains.forEach((name, options) -> {
                Screener screener = Screener.compile(Contestants.redlineLexicon(terms), AllowList.empty(), options);
                contestants.put(
                        name,
                        name.contains("count only")
                                ? screener::count
                                : line -> screener.screen(line).hits().size());
            });
        }

        if (before != null) {
            java.nio.file.Path after = OtherBuild.currentBuild();
            for (String options : List.of("defaults", "exact")) {
                contestants.put("before " + options, OtherBuild.screener(before, terms, options));
                contestants.put("after " + options, OtherBuild.screener(after, terms, options));
            }
        }

        int[] cursor = new int[contestants.size()];
        List<String> names = new ArrayList<>(contestants.keySet());
        // Warm-up: three slices each, interleaved, so every contestant is compiled before measuring.
        for (int w = 0; w < 3; w++) {
            for (int c = 0; c < names.size(); c++) {
                slice(contestants.get(names.get(c)), items, bytes, cursor, c);
            }
        }
        double[][] mbPerS = new double[names.size()][rounds];
        double[][] mbPerCpuS = new double[names.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < names.size(); c++) {
                double[] rates = slice(contestants.get(names.get(c)), items, bytes, cursor, c);
                mbPerS[c][r] = rates[0];
                mbPerCpuS[c][r] = rates[1];
            }
        }

        int houbbIndex = names.indexOf("sensitiveWord");
        int acdatIndex = names.indexOf("acdat");
        System.out.printf(
                "%n== Paired cross-check: %d interleaved rounds of %.0f s slices (median, [min–max]; ratios are medians of per-round ratios)%n",
                rounds, SLICE_SECONDS);
        System.out.printf(
                "%-44s %8s %20s %12s %10s %14s%n",
                "contestant", "MB/s", "range", "x sensitive", "x AC-DAT", "by CPU time");
        for (int c = 0; c < names.size(); c++) {
            double[] sorted = mbPerS[c].clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "%-44s %8.2f %20s %11.2fx %9.2fx %13.2fx%n",
                    TextBenchmarkMain.CONTESTANTS.getOrDefault(names.get(c), names.get(c)),
                    median(mbPerS[c]),
                    String.format("[%.1f–%.1f]", sorted[0], sorted[sorted.length - 1]),
                    medianRatio(mbPerS[c], mbPerS[houbbIndex]),
                    medianRatio(mbPerS[c], mbPerS[acdatIndex]),
                    medianRatio(mbPerCpuS[c], mbPerCpuS[acdatIndex]));
        }
        if (before != null) {
            System.out.printf("%nbefore = %s, after = %s%n", before, OtherBuild.currentBuild());
            afterBefore(names, mbPerS, acdatIndex, "after/before, %s: %.3f (median of per-round ratios)");
            // On a loaded machine a slice's wall time includes the time the thread waited for a
            // core, which lands on whichever contestant was running; its CPU time does not (JIT
            // and GC threads are left out of both sides alike).
            afterBefore(names, mbPerCpuS, acdatIndex, "by thread CPU time, after/before, %s: %.3f");
        }
    }

    /** One line per option set: the after build against the before build, and each against AC-DAT. */
    private static void afterBefore(List<String> names, double[][] rates, int acdatIndex, String head) {
        for (String options : List.of("defaults", "exact")) {
            int b = names.indexOf("before " + options);
            int a = names.indexOf("after " + options);
            System.out.printf(
                    head + "; x AC-DAT before %.2fx, after %.2fx%n",
                    options,
                    medianRatio(rates[a], rates[b]),
                    medianRatio(rates[b], rates[acdatIndex]),
                    medianRatio(rates[a], rates[acdatIndex]));
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Screens items from this contestant's cursor for one slice; returns MB/s (10^6 bytes) by
     * wall time and by this thread's CPU time.
     */
    static double[] slice(ToIntFunction<String> contestant, String[] items, long[] bytes, int[] cursor, int c) {
        long deadline = System.nanoTime() + (long) (SLICE_SECONDS * 1e9);
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long screened = 0;
        long sink = 0;
        int i = cursor[c];
        long now;
        do {
            for (int k = 0; k < 256; k++) {
                sink += contestant.applyAsInt(items[i]);
                screened += bytes[i];
                i = i + 1 == items.length ? 0 : i + 1;
            }
            now = System.nanoTime();
        } while (now < deadline);
        cursor[c] = i;
        if (sink == Long.MIN_VALUE) {
            System.out.print(""); // keeps the results alive without a Blackhole
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStarted;
        return new double[] {screened / ((now - started) / 1e9) / 1e6, screened / (cpu / 1e9) / 1e6};
    }

    /** Median of the values (shared with the other paired harnesses). */
    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Median of the per-round ratios a[i] / b[i]. */
    public static double medianRatio(double[] a, double[] b) {
        double[] ratios = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            ratios[i] = a[i] / b[i];
        }
        return median(ratios);
    }
}
