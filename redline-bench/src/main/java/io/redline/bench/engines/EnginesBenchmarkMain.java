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
 * inspection — each beside its baseline in the same run, and prints ops/s with the ratio to the
 * baseline. Arguments are JMH's own (e.g. {@code -wi 1 -i 2 -r 1} for a quick look).
 */
public final class EnginesBenchmarkMain {
  /** Each engine's benchmark: the measured method and its baseline, by JMH method name. */
  record Pair(String benchmark, String measured, String baseline, String unit) {}

  static final List<Pair> PAIRS = List.of(
      new Pair(PolicyEvaluationBenchmark.class.getSimpleName(), "defaultPolicy", "floorNoRules",
          "mixes of " + PolicyEvaluationBenchmark.INPUTS + " inputs"),
      new Pair(AuditVerifyBenchmark.class.getSimpleName(), "verifyChain", "floorReadRows",
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
    Map<String, Double> error = new LinkedHashMap<>();
    for (RunResult r : results) {
      String label = r.getParams().getBenchmark().replaceAll(".*\\.", "");
      String bench = r.getParams().getBenchmark().replaceAll("\\.[^.]*$", "").replaceAll(".*\\.", "");
      String params = String.join(",", r.getParams().getParamsKeys().stream().map(k -> r.getParams().getParam(k)).toList());
      String key = bench + "." + label + (params.isEmpty() ? "" : "[" + params + "]");
      score.put(key, r.getPrimaryResult().getScore());
      error.put(key, r.getPrimaryResult().getScoreError());
    }
    System.out.println();
    System.out.println("== Engines beside their baselines (ops/s, higher is better; ratio = measured / baseline)");
    List<String> lines = new ArrayList<>();
    for (Pair p : PAIRS) {
      for (String key : score.keySet()) {
        if (!key.startsWith(p.benchmark() + "." + p.measured())) {
          continue;
        }
        String suffix = key.substring((p.benchmark() + "." + p.measured()).length());
        Double base = score.get(p.benchmark() + "." + p.baseline() + suffix);
        lines.add(String.format("%-26s %-16s %12.1f ± %-9.1f %-18s %12.1f   ratio %.2f   (%s)", p.benchmark(),
            p.measured() + suffix, score.get(key), error.get(key), p.baseline(), base == null ? Double.NaN : base,
            base == null ? Double.NaN : score.get(key) / base, p.unit()));
      }
    }
    lines.forEach(System.out::println);
    System.out.println("args: " + Arrays.toString(args));
  }
}
