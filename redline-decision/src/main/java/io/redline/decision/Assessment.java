package io.redline.decision;

import io.redline.policy.Verdict;
import java.util.List;

/** A screening and the verdict a policy reached on it: a decision before it is stored. */
public record Assessment(ContentScreening screening, Verdict verdict, long latencyMicros) {

    /**
     * Hits a decision stores and shows, at most: a reviewer reads a handful, and an adversarial text
     * of separators produced thousands per item (292 KB of evidence on one decision, 33 MB in one
     * batch response). The total is kept beside them ({@link Decision#evidenceTotal()}).
     */
    public static final int EVIDENCE_HITS_MAX = 50;

    /**
     * The screening's hits, with the ones the verdict relied on marked decisive; at most
     * {@link #EVIDENCE_HITS_MAX}, keeping the decisive hits first, then the most severe, in the
     * order the screener found them.
     */
    public List<EvidenceHit> evidence() {
        List<EvidenceHit> hits = screening.hits();
        EvidenceHit[] out = hits.toArray(EvidenceHit[]::new);
        for (int i : verdict.evidenceHits()) out[i] = out[i].asDecisive();
        if (out.length <= EVIDENCE_HITS_MAX) return List.of(out);
        Integer[] order = new Integer[out.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(
                order,
                java.util.Comparator.<Integer>comparingInt(i -> out[i].decisive() ? 0 : 1)
                        .thenComparingInt(i -> -out[i].severity())
                        .thenComparingInt(i -> i));
        Integer[] kept = java.util.Arrays.copyOf(order, EVIDENCE_HITS_MAX);
        java.util.Arrays.sort(kept);
        List<EvidenceHit> capped = new java.util.ArrayList<>(EVIDENCE_HITS_MAX);
        for (int i : kept) capped.add(out[i]);
        return List.copyOf(capped);
    }

    /** How many hits the screening found, stored or not. */
    public int evidenceTotal() {
        return screening.hits().size();
    }
}
