package io.redline.bench.engines;

import io.redline.policy.AuthorFacts;
import io.redline.policy.DefaultPolicy;
import io.redline.policy.HitFact;
import io.redline.policy.Policy;
import io.redline.policy.PolicyInput;
import io.redline.policy.PolicyParser;
import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Policy evaluation: the default policy (about twenty rules over every surface) on a fixed mix of
 * inputs — clean items, drainage and harm hits, AI marks, young and struck authors — against the
 * floor, a policy with no rules at all evaluated on the same inputs (what any evaluation costs:
 * the call, the facts, the verdict). One op evaluates the whole mix of {@value #INPUTS} inputs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class PolicyEvaluationBenchmark {
    static final int INPUTS = 1_000;

    @State(Scope.Benchmark)
    public static class Inputs {
        Policy defaultPolicy;
        Policy emptyPolicy;
        PolicyInput[] inputs;

        @Setup(Level.Trial)
        public void build() {
            defaultPolicy = DefaultPolicy.load();
            emptyPolicy = PolicyParser.parse("""
          schema: redline/policy-v1
          name: floor
          defaults:
            action: allow
            reasonCode: ok
          rules: []
          """).orThrow();
            inputs = inputs(INPUTS, 42);
        }
    }

    static PolicyInput[] inputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[][] hits = {
            {"lexicon", "gambling", "70"},
            {"wechat", "drainage", "70"},
            {"phone", "drainage", "60"},
            {"url", "drainage", "30"},
            {"shop_token", "ads", "50"},
            {"id_card", "personal_data", "80"},
            {"lexicon", "adult", "90"}
        };
        Surface[] surfaces = Surface.values();
        AiMark[] marks = AiMark.values();
        PolicyInput[] out = new PolicyInput[n];
        for (int i = 0; i < n; i++) {
            List<HitFact> facts = new ArrayList<>();
            int count = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
            for (int k = 0; k < count; k++) {
                String[] h = hits[random.nextInt(hits.length)];
                facts.add(new HitFact(h[0], h[1], Integer.parseInt(h[2]), "term" + k));
            }
            AuthorFacts author = new AuthorFacts(
                    random.nextInt(400),
                    random.nextInt(11),
                    random.nextInt(8) == 0 ? 1 : 0,
                    random.nextInt(20) == 0 ? 3 : 0);
            out[i] = new PolicyInput(
                    surfaces[random.nextInt(surfaces.length)],
                    20 + random.nextInt(400),
                    random.nextInt(10) == 0,
                    random.nextInt(10) == 0,
                    marks[random.nextInt(10) == 0 ? random.nextInt(marks.length) : 0],
                    facts,
                    count == 0 ? 0 : 30 + random.nextInt(70),
                    author);
        }
        return out;
    }

    @Benchmark
    public void defaultPolicy(Inputs s, Blackhole bh) {
        for (PolicyInput in : s.inputs) {
            bh.consume(s.defaultPolicy.evaluate(in));
        }
    }

    @Benchmark
    public void floorNoRules(Inputs s, Blackhole bh) {
        for (PolicyInput in : s.inputs) {
            bh.consume(s.emptyPolicy.evaluate(in));
        }
    }
}
