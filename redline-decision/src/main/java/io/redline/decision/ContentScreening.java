package io.redline.decision;

import io.redline.policy.HitFact;
import java.util.List;

/**
 * The screener's findings for one piece of content, every field screened on its own. Kept apart
 * from policy evaluation so a backtest screens each item once and evaluates two policies on it.
 *
 * @param hits         every hit with its field and original span, in field order (title, text, tags)
 * @param facts        the same hits as the policy sees them, same order
 * @param riskScore    the risk score over all fields' hits together
 * @param textLength   code points in the text field
 * @param linksPresent whether a url or email detector fired in any field
 * @param screenNanos  time spent screening
 */
public record ContentScreening(
        List<EvidenceHit> hits,
        List<HitFact> facts,
        int riskScore,
        int textLength,
        boolean linksPresent,
        String engineVersion,
        long screenNanos) {
    public ContentScreening {
        hits = List.copyOf(hits);
        facts = List.copyOf(facts);
        if (hits.size() != facts.size()) throw new IllegalArgumentException("hits and facts must align");
    }
}
