package io.redline.decision;

import io.redline.policy.Verdict;

import java.util.List;

/** A screening and the verdict a policy reached on it: a decision before it is stored. */
public record Assessment(ContentScreening screening, Verdict verdict, long latencyMicros) {

    /** The screening's hits, with the ones the verdict relied on marked decisive. */
    public List<EvidenceHit> evidence() {
        List<EvidenceHit> hits = screening.hits();
        if (verdict.evidenceHits().isEmpty()) return hits;
        EvidenceHit[] out = hits.toArray(EvidenceHit[]::new);
        for (int i : verdict.evidenceHits()) out[i] = out[i].asDecisive();
        return List.of(out);
    }
}
