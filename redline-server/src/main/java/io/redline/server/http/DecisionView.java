package io.redline.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.redline.decision.Decision;
import io.redline.decision.EvidenceHit;
import java.util.List;
import java.util.Locale;

/**
 * A decision as the API shows it. Staff see everything that made it (rule, evidence, versions);
 * an author sees only the outcome, its reason code and labels ({@link #forCreator}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DecisionView(
        String id,
        Integer seq,
        String origin,
        String action,
        String reasonCode,
        String ruleId,
        List<String> matchedRuleIds,
        List<String> labels,
        Review review,
        String reach,
        List<Evidence> evidence,
        Integer evidenceTotal,
        Integer riskScore,
        String policyVersion,
        String engineVersion,
        Long latencyMicros,
        String decidedAt,
        String decidedBy) {

    record Review(String queue, int priority, String deadlineAt) {}

    /**
     * A hit with UTF-16 offsets into the named field of the original content; decisive = the winning
     * rule relied on it. Kind {@code image}: found in picture {@code image}, at {@code box}. A hit
     * assembled across a stream's items names the author's earlier items it used in {@code earlier}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Evidence(
            String field,
            String detector,
            String category,
            int severity,
            int start,
            int end,
            String term,
            String normalized,
            boolean decisive,
            String kind,
            Integer image,
            List<Integer> box,
            Double confidence,
            List<EvidenceHit.EarlierPart> earlier) {
        static Evidence of(EvidenceHit h) {
            return new Evidence(
                    h.field(),
                    h.detector(),
                    h.category(),
                    h.severity(),
                    h.start(),
                    h.end(),
                    h.term(),
                    h.normalized(),
                    h.decisive(),
                    h.kind(),
                    h.image(),
                    h.box(),
                    h.confidence(),
                    h.earlier());
        }
    }

    static DecisionView full(Decision d) {
        return new DecisionView(
                Long.toString(d.id()),
                d.seq(),
                lower(d.origin()),
                lower(d.action()),
                d.reasonCode(),
                d.ruleId(),
                d.matchedRuleIds(),
                d.labels(),
                d.review() == null
                        ? null
                        : new Review(
                                d.review().queue(),
                                d.review().priority(),
                                d.review().deadlineAt().toString()),
                d.reach() == null ? null : lower(d.reach()),
                d.evidence().stream().map(Evidence::of).toList(),
                d.evidenceTotal(),
                d.riskScore(),
                d.policyVersion(),
                d.engineVersion(),
                d.latencyMicros(),
                d.decidedAt().toString(),
                d.decidedBy());
    }

    static DecisionView forCreator(Decision d) {
        Decision.CreatorView v = d.creatorView();
        return new DecisionView(
                null,
                null,
                null,
                lower(v.action()),
                v.reasonCode(),
                null,
                null,
                v.labels(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                v.decidedAt().toString(),
                null);
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
