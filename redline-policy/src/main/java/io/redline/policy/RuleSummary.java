package io.redline.policy;

import io.redline.vocabulary.Surface;
import java.util.Set;

/**
 * A rule as a reader sees it: everything except its condition.
 *
 * @param id          unique rule id, as stored in verdicts
 * @param description the rule's description, or an empty string
 * @param surfaces    the surfaces the rule applies to
 * @param action      what the rule decides when it matches
 * @param reasonCode  reason code shown to the author
 * @param label       the label for {@link Action#LABEL} rules, else {@code null}
 * @param reach       the reach for {@link Action#LIMIT} rules, else {@code null}
 * @param review      routing for {@link Action#REVIEW} rules (defaults filled in), else {@code null}
 */
public record RuleSummary(
        String id,
        String description,
        Set<Surface> surfaces,
        Action action,
        String reasonCode,
        String label,
        Reach reach,
        ReviewRouting review) {
    public RuleSummary {
        surfaces = Set.copyOf(surfaces);
    }
}
