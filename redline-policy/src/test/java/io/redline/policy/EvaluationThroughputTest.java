package io.redline.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Measures single-threaded evaluation throughput of the default policy on small, realistic
 * inputs and prints it. Deliberately asserts nothing about time: shared cores make timing asserts
 * flaky. A JMH benchmark (redline-bench) is the place for a careful figure.
 *
 * <p>The default run is short, to keep the build fast; for the quoted figure run
 * {@code mvn -pl redline-policy test -Dtest=EvaluationThroughputTest -Dredline.measure=true}.
 */
class EvaluationThroughputTest {
    private static final boolean FULL = Boolean.getBoolean("redline.measure");
    private static final int EVALUATIONS_PER_ROUND = FULL ? 2_000_000 : 50_000;
    private static final String[] DETECTORS = {"lexicon", "phone", "wechat", "qq", "url", "shop_token", "id_card"};
    private static final String[] CATEGORIES = {
        "drainage", "gambling", "fraud", "drugs", "adult", "violence", "ads", "personal_data", "custom"
    };

    /** 4,096 inputs: 60% without hits (screening traffic is mostly clean), the rest with 1–3. */
    static List<PolicyInput> sampleInputs(long seed) {
        return sampleInputs(seed, 0);
    }

    /** Like {@link #sampleInputs(long)} but every input carries {@code fixedHits} hits when positive. */
    static List<PolicyInput> sampleInputs(long seed, int fixedHits) {
        Random random = new Random(seed);
        Surface[] surfaces = Surface.values();
        AiMark[] marks = AiMark.values();
        List<PolicyInput> inputs = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            int hitCount = fixedHits > 0 ? fixedHits : random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(3);
            List<HitFact> hits = new ArrayList<>();
            for (int h = 0; h < hitCount; h++) {
                hits.add(new HitFact(
                        DETECTORS[random.nextInt(DETECTORS.length)],
                        CATEGORIES[random.nextInt(CATEGORIES.length)],
                        random.nextInt(101),
                        "t"));
            }
            inputs.add(new PolicyInput(
                    surfaces[random.nextInt(surfaces.length)],
                    random.nextInt(2000),
                    random.nextInt(5) == 0,
                    random.nextInt(10) == 0,
                    marks[random.nextInt(marks.length)],
                    hits,
                    random.nextInt(101),
                    new AuthorFacts(random.nextInt(400), random.nextInt(11), random.nextInt(4), random.nextInt(7))));
        }
        return inputs;
    }

    @Test
    void measureDefaultPolicyThroughput() {
        Policy policy = DefaultPolicy.load();
        measure(policy, sampleInputs(42).toArray(PolicyInput[]::new), "0-3 hits per input");
        measure(policy, sampleInputs(43, 10).toArray(PolicyInput[]::new), "10 hits per input");
    }

    @Test
    void measureDefaultPolicyParseTime() {
        String yaml = DefaultPolicy.yaml();
        for (int i = 0; i < (FULL ? 200 : 10); i++) {
            PolicyParser.parse(yaml);
        }
        int parses = FULL ? 500 : 20;
        long start = System.nanoTime();
        for (int i = 0; i < parses; i++) {
            assertThat(PolicyParser.parse(yaml)).isInstanceOf(PolicyParseResult.Valid.class);
        }
        double msPerParse = (System.nanoTime() - start) / 1e6 / parses;
        System.out.printf(
                "policy parse+validate+compile: %.3f ms per parse of the default policy (%,d chars)%n",
                msPerParse, yaml.length());
    }

    private static void measure(Policy policy, PolicyInput[] inputs, String shape) {
        long sink = 0;
        // Warm up long enough for C2 to compile evaluate and the condition records.
        sink += run(policy, inputs, EVALUATIONS_PER_ROUND);
        int rounds = 3;
        int evaluationsPerRound = EVALUATIONS_PER_ROUND;
        double best = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            sink += run(policy, inputs, evaluationsPerRound);
            long elapsed = System.nanoTime() - start;
            best = Math.max(best, evaluationsPerRound / (elapsed / 1e9));
        }
        System.out.printf(
                "policy evaluation: %,.0f evaluations/s single-threaded (best of %d x %,d, default policy,"
                        + " %d rules, %s)%s%n",
                best,
                rounds,
                evaluationsPerRound,
                policy.ruleCount(),
                shape,
                FULL ? "" : " [short run; -Dredline.measure=true for the real figure]");
        assertThat(sink).isPositive();
    }

    private static long run(Policy policy, PolicyInput[] inputs, int evaluations) {
        long sink = 0;
        for (int i = 0; i < evaluations; i++) {
            Verdict v = policy.evaluate(inputs[i & (inputs.length - 1)]);
            sink += v.action().ordinal() + v.matchedRuleIds().size();
        }
        return sink;
    }
}
