package io.redline.gateway;

import io.redline.policy.Action;
import io.redline.policy.AuthorFacts;
import io.redline.policy.HitFact;
import io.redline.policy.Policy;
import io.redline.policy.PolicyInput;
import io.redline.policy.Verdict;
import io.redline.text.Detector;
import io.redline.text.Hit;
import io.redline.text.Screening;
import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Evaluates the policy in force on a prompt ({@code prompt} surface) or an output ({@code output}
 * surface). Pure apart from reading the current policy.
 *
 * <p>Minors' mode is stricter without a second policy to maintain: what the policy would send to
 * review or limit is stopped for a minor, since a stream cannot wait for a reviewer.
 *
 * <p>The end user's history (strikes, reports) is not read on this hot path: the gateway judges
 * with neutral author facts; the decision stored with the content is made by the decision
 * capability with the real ones.
 */
public final class Judges {
    static final AuthorFacts NEUTRAL_AUTHOR = new AuthorFacts(0, 0, 0, 0);
    private static final List<String> LINK_DETECTORS = List.of(Detector.URL.id(), Detector.EMAIL.id());

    private final Supplier<Policy> policy;

    public Judges(Supplier<Policy> policy) {
        this.policy = policy;
    }

    public Judgement judge(Surface surface, List<Hit> hits, int textLength, boolean minor) {
        List<HitFact> facts = new ArrayList<>(hits.size());
        boolean links = false;
        for (Hit h : hits) {
            facts.add(new HitFact(h.detector(), h.category(), h.severity(), h.term()));
            links |= LINK_DETECTORS.contains(h.detector());
        }
        PolicyInput input = new PolicyInput(
                surface,
                textLength,
                links,
                surface == Surface.OUTPUT,
                AiMark.NONE,
                facts,
                Screening.riskScore(hits),
                NEUTRAL_AUTHOR);
        Verdict v = policy.get().evaluate(input);
        boolean stops =
                v.action() == Action.BLOCK || (minor && (v.action() == Action.REVIEW || v.action() == Action.LIMIT));
        return new Judgement(v.action(), v.reasonCode(), v, stops);
    }

    public OutputGuard.Judge forOutput(boolean minor) {
        return (hits, length) -> judge(Surface.OUTPUT, hits, length, minor);
    }
}
