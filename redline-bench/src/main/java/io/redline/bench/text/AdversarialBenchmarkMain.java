package io.redline.bench.text;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link AdversarialScreeningBenchmark} and prints nanoseconds per character for every
 * pattern and length, the ratio to random CJK text of the same length, and how the time per
 * character grows from the shortest to the longest text (1.0x is linear; quadratic screening
 * would show 16x from 2.5k to 40k). Arguments are JMH's own.
 */
public final class AdversarialBenchmarkMain {
    private AdversarialBenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        TextBenchmarkMain.printMachine();
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            builder.include(AdversarialScreeningBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(builder.build()).run();
        // kind -> length -> ns per char
        Map<String, Map<Integer, Double>> nsPerChar = new TreeMap<>();
        for (RunResult run : results) {
            String kind = run.getParams().getParam("kind");
            int length = Integer.parseInt(run.getParams().getParam("length"));
            double microsPerText = run.getPrimaryResult().getScore();
            nsPerChar.computeIfAbsent(kind, k -> new TreeMap<>()).put(length, microsPerText * 1000 / length);
        }
        Map<Integer, Double> cjk =
                nsPerChar.getOrDefault(AdversarialScreeningBenchmark.Kind.randomCjk.name(), Map.of());
        System.out.println();
        System.out.println("== Screening time per character (ns/char; one thread, starter lexicon, full chain)");
        StringBuilder header = new StringBuilder(String.format("%-16s", "pattern"));
        Integer[] lengths = nsPerChar.values().stream()
                .flatMap(m -> m.keySet().stream())
                .distinct()
                .sorted()
                .toArray(Integer[]::new);
        for (int length : lengths) {
            header.append(String.format(" %10s %9s", length + " ch", "x CJK"));
        }
        header.append(String.format(" %12s", "growth"));
        System.out.println(header);
        for (Map.Entry<String, Map<Integer, Double>> row : nsPerChar.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("%-16s", row.getKey()));
            for (int length : lengths) {
                Double ns = row.getValue().get(length);
                Double base = cjk.get(length);
                line.append(String.format(
                        " %10s %9s",
                        ns == null ? "-" : String.format("%.1f", ns),
                        ns == null || base == null ? "-" : String.format("%.1fx", ns / base)));
            }
            Double first = row.getValue().get(lengths[0]);
            Double last = row.getValue().get(lengths[lengths.length - 1]);
            line.append(
                    String.format(" %12s", first == null || last == null ? "-" : String.format("%.2fx", last / first)));
            System.out.println(line);
        }
        System.out.printf(
                "%ngrowth = ns/char at %,d characters / ns/char at %,d (1.0x: linear; 16x: quadratic)%n",
                lengths[lengths.length - 1], lengths[0]);
    }
}
