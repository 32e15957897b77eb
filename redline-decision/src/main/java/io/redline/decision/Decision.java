package io.redline.decision;

import io.redline.policy.Action;
import io.redline.policy.Reach;
import io.redline.policy.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored decision on one piece of content. Decisions are append-only: the first is {@code seq}
 * 1, and each rescreen or appeal that changes the outcome appends {@code seq + 1}; the highest seq
 * is the content's current decision.
 *
 * @param ruleId        the rule that won, or null when the policy default decided
 * @param review        routing when {@code action} is review, else null
 * @param reach         reduced reach for limit (and review) decisions, else null
 * @param evidence      every hit the screener found, by field, with {@link EvidenceHit#decisive()} marking the
 *                      ones the winning rule relied on; at most {@link Assessment#EVIDENCE_HITS_MAX} (decisive and
 *                      most severe first)
 * @param evidenceTotal how many hits the screener found, including those not kept in {@code evidence}
 * @param engineVersion {@code Screener.version()}: engine, lexicon, allow list and options
 * @param latencyMicros time spent screening and evaluating (not storing)
 * @param decidedBy     audit actor id of whoever (or whichever worker) decided
 */
public record Decision(
        long id,
        long contentId,
        int seq,
        Origin origin,
        Action action,
        String reasonCode,
        String ruleId,
        List<String> matchedRuleIds,
        List<String> labels,
        ReviewRoute review,
        Reach reach,
        List<EvidenceHit> evidence,
        int evidenceTotal,
        int riskScore,
        String policyVersion,
        String engineVersion,
        long latencyMicros,
        Instant decidedAt,
        String decidedBy) {

    public Decision {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reasonCode, "reasonCode");
        Objects.requireNonNull(decidedAt, "decidedAt");
        matchedRuleIds = List.copyOf(matchedRuleIds);
        labels = List.copyOf(labels);
        evidence = List.copyOf(evidence);
        if (evidenceTotal < evidence.size())
            throw new IllegalArgumentException(
                    "evidenceTotal " + evidenceTotal + " < " + evidence.size() + " hits kept");
        if (seq < 1) throw new IllegalArgumentException("seq starts at 1, was " + seq);
        if ((action == Action.REVIEW) != (review != null)) {
            throw new IllegalArgumentException("review routing is present exactly for review decisions");
        }
    }

    /** A decision assembled from an assessment; the review deadline counts from {@code decidedAt}. */
    static Decision of(
            long id, long contentId, int seq, Origin origin, Assessment a, Instant decidedAt, String decidedBy) {
        Verdict v = a.verdict();
        ReviewRoute route = null;
        if (v.action() == Action.REVIEW) {
            // A review rule without its own routing falls back to the policy's defaults in the parser;
            // a missing routing here would be a policy-engine bug, so route to "general" rather than lose the item.
            route = v.review() == null
                    ? new ReviewRoute("general", 3, decidedAt.plusSeconds(24 * 3600))
                    : new ReviewRoute(
                            v.review().queue(),
                            v.review().priority(),
                            decidedAt.plus(v.review().deadline()));
        }
        return new Decision(
                id,
                contentId,
                seq,
                origin,
                v.action(),
                v.reasonCode(),
                v.ruleId(),
                v.matchedRuleIds(),
                v.labels(),
                route,
                v.reach(),
                a.evidence(),
                a.evidenceTotal(),
                a.screening().riskScore(),
                v.policyVersion(),
                a.screening().engineVersion(),
                a.latencyMicros(),
                decidedAt,
                decidedBy);
    }

    /**
     * A person's decision replacing this one (a reviewer's verdict, an appeal's outcome): seq + 1,
     * keeping the evidence, labels, risk score and versions the person looked at; no rule, routing
     * or reach, since no policy rule decided it.
     */
    public Decision byPerson(long id, Origin origin, Action action, String reasonCode, Instant at, String decidedBy) {
        if (origin != Origin.REVIEW && origin != Origin.APPEAL)
            throw new IllegalArgumentException("a person decides as review or appeal, not " + origin);
        return new Decision(
                id,
                contentId,
                seq + 1,
                origin,
                action,
                reasonCode,
                null,
                List.of(),
                labels,
                null,
                null,
                evidence,
                evidenceTotal,
                riskScore,
                policyVersion,
                engineVersion,
                0,
                at,
                decidedBy);
    }

    /** Whether {@code other} would tell the author something different (action or reason code). */
    public boolean outcomeDiffers(Decision other) {
        return action != other.action || !reasonCode.equals(other.reasonCode);
    }

    /** What the author may see: the outcome, never the rule, evidence or routing behind it. */
    public CreatorView creatorView() {
        return new CreatorView(action, reasonCode, labels, decidedAt);
    }

    /** A decision as its author sees it. */
    public record CreatorView(Action action, String reasonCode, List<String> labels, Instant decidedAt) {
        public CreatorView {
            labels = List.copyOf(labels);
        }
    }
}
