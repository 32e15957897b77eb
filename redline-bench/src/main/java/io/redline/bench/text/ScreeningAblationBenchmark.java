package io.redline.bench.text;

import io.redline.text.AllowList;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import io.redline.text.Screening;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where the full chain's time goes: the same corpus and dictionary as
 * {@link TextScreeningBenchmark}, with the chain's stages switched off one group at a time.
 * Not part of the headline table; run it with {@code bench/text.sh ScreeningAblationBenchmark}.
 *
 * <p>{@code count} variants call {@link Screener#count}, which runs the same matching but
 * builds no {@code Hit} objects, separating matching from result construction.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@Threads(1)
public class ScreeningAblationBenchmark {

    @State(Scope.Benchmark)
    public static class Chain {
        @Param({"defaults", "noDetectors", "noDetectorsNoNoise", "foldOnly", "exact"})
        public String chain;

        Screener screener;

        @Setup(Level.Trial)
        public void compile() {
            ScreenOptions options = switch (chain) {
                case "defaults" -> ScreenOptions.defaults();
                case "noDetectors" -> ScreenOptions.defaults().withoutDetectors();
                case "noDetectorsNoNoise" ->
                    ScreenOptions.defaults()
                            .withoutDetectors()
                            .withSkipNoise(false)
                            .withCollapseRepeats(false);
                case "foldOnly" ->
                    ScreenOptions.defaults()
                            .withoutDetectors()
                            .withSkipNoise(false)
                            .withCollapseRepeats(false)
                            .withTraditionalToSimplified(false)
                            .withFoldLookalikes(false)
                            .withRemoveInvisible(false);
                case "exact" -> ScreenOptions.exact();
                default -> throw new IllegalArgumentException("unknown chain " + chain);
            };
            screener = Screener.compile(Contestants.redlineLexicon(PeerDictionary.terms()), AllowList.empty(), options);
        }
    }

    @Benchmark
    public void screen(
            TextScreeningBenchmark.Corpus corpus, TextScreeningBenchmark.Progress progress, Chain chain, Blackhole bh) {
        for (String line : progress.take(corpus)) {
            Screening screening = chain.screener.screen(line);
            bh.consume(screening);
        }
    }

    @Benchmark
    public void count(
            TextScreeningBenchmark.Corpus corpus, TextScreeningBenchmark.Progress progress, Chain chain, Blackhole bh) {
        for (String line : progress.take(corpus)) {
            bh.consume(chain.screener.count(line));
        }
    }
}
