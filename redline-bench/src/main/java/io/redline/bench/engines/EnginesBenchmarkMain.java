package io.redline.bench.engines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the engine benchmarks other than text — policy evaluation, audit verification, media
 * inspection — each beside its baseline in the same run, and prints the median ops/s of the
 * measurement iterations (with min and max) and the ratio of the medians: on a shared machine the
 * median resists the iterations another process's burst spoils. Arguments are JMH's own (e.g.
 * {@code -wi 1 -i 2 -r 1} for a quick look).
 */
public final class EnginesBenchmarkMain {
    /** Each engine's benchmark: the measured method and its baseline, by JMH method name. */
    record Pair(String benchmark, String measured, String baseline, String unit) {}

    static final List<Pair> PAIRS = List.of(
            new Pair(
                    PolicyEvaluationBenchmark.class.getSimpleName(),
                    "defaultPolicy",
                    "floorNoRules",
                    "mixes of " + PolicyEvaluationBenchmark.INPUTS + " inputs"),
            new Pair(
                    AuditVerifyBenchmark.class.getSimpleName(),
                    "verifyChain",
                    "floorReadRows",
                    "walks of " + AuditVerifyBenchmark.ENTRIES + " entries"),
            new Pair(MediaInspectionBenchmark.class.getSimpleName(), "redlineInspect", "metadataExtractor", "files"));

    private EnginesBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        for (Pair p : PAIRS) {
            options.include(".*" + p.benchmark() + ".*");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Double> score = new LinkedHashMap<>();
        Map<String, String> range = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            String bench =
                    r.getParams().getBenchmark().replaceAll("\\.[^.]*$", "").replaceAll(".*\\.", "");
            String params = String.join(
                    ",",
                    r.getParams().getParamsKeys().stream()
                            .map(k -> r.getParams().getParam(k))
                            .toList());
            String key = bench + "." + label + (params.isEmpty() ? "" : "[" + params + "]");
            var stats = r.getPrimaryResult().getStatistics();
            score.put(key, stats.getPercentile(50.0));
            range.put(key, String.format("%.1f..%.1f", stats.getMin(), stats.getMax()));
        }
        System.out.println();
        System.out.println(
                "== Engines beside their baselines (median ops/s [min..max], higher is better; ratio = median / baseline median)");
        List<String> lines = new ArrayList<>();
        for (Pair p : PAIRS) {
            for (String key : score.keySet()) {
                if (!key.startsWith(p.benchmark() + "." + p.measured())) {
                    continue;
                }
                String suffix = key.substring((p.benchmark() + "." + p.measured()).length());
                Double base = score.get(p.benchmark() + "." + p.baseline() + suffix);
                String baseKey = p.benchmark() + "." + p.baseline() + suffix;
                lines.add(String.format(
                        "%-26s %-21s %10.1f [%s]   %-18s %10.1f [%s]   ratio %.2f   (%s)",
                        p.benchmark(),
                        p.measured() + suffix,
                        score.get(key),
                        range.get(key),
                        p.baseline(),
                        base == null ? Double.NaN : base,
                        range.getOrDefault(baseKey, "-"),
                        base == null ? Double.NaN : score.get(key) / base,
                        p.unit()));
            }
        }
        lines.forEach(System.out::println);
        System.out.println("args: " + Arrays.toString(args));
    }
}
