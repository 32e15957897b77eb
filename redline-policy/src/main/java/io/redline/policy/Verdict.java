package io.redline.policy;

import java.util.List;

/**
 * The outcome of evaluating a policy on one input.
 *
 * @param action         the most severe action among the matched rules, or the policy default
 * @param reasonCode     the winning rule's reason code (shown to the author), or the default's
 * @param ruleId         the winning rule's id; {@code null} when no rule matched and the default
 *                       applied
 * @param matchedRuleIds every rule that matched, in policy order
 * @param labels         labels from every matched {@code label} rule, in policy order, without
 *                       duplicates
 * @param review         routing for {@link Action#REVIEW}; {@code null} for every other action
 * @param reach          the most restrictive reach among matched {@code limit} rules when the
 *                       action is {@link Action#LIMIT} or {@link Action#REVIEW} (content stays
 *                       limited while it awaits review); {@code null} otherwise
 * @param evidenceHits   indices into {@link PolicyInput#hits()} that the winning rule's
 *                       conditions relied on, ascending
 * @param policyVersion  {@link Policy#version()} of the policy that decided
 */
public record Verdict(
        Action action,
        String reasonCode,
        String ruleId,
        List<String> matchedRuleIds,
        List<String> labels,
        ReviewRouting review,
        Reach reach,
        List<Integer> evidenceHits,
        String policyVersion) {

    public Verdict {
        matchedRuleIds = List.copyOf(matchedRuleIds);
        labels = List.copyOf(labels);
        evidenceHits = List.copyOf(evidenceHits);
    }

    /** Whether no rule matched and the policy default decided. */
    public boolean isDefault() {
        return ruleId == null;
    }
}
