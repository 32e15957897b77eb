package io.redline.policy;

/**
 * A compiled rule. {@code when} is {@code null} for a rule that always matches on its surfaces.
 * Exactly the fields its action needs are set: {@code label} for label, {@code reach} for limit,
 * {@code review} for review (with the policy's review defaults already filled in).
 */
record Rule(
        int order,
        String id,
        String description,
        int surfaceMask,
        Condition when,
        Action action,
        String reasonCode,
        String label,
        Reach reach,
        ReviewRouting review) {

    RuleSummary summary() {
        java.util.EnumSet<io.redline.vocabulary.Surface> surfaces =
                java.util.EnumSet.noneOf(io.redline.vocabulary.Surface.class);
        for (io.redline.vocabulary.Surface surface : io.redline.vocabulary.Surface.values()) {
            if ((surfaceMask & (1 << surface.ordinal())) != 0) {
                surfaces.add(surface);
            }
        }
        return new RuleSummary(id, description, surfaces, action, reasonCode, label, reach, review);
    }

    void canonical(StringBuilder out) {
        out.append("rule{id=").append(Canonical.quote(id));
        out.append(";description=").append(Canonical.quote(description));
        out.append(";surfaces=").append(Surfaces.describe(surfaceMask));
        out.append(";when=");
        if (when == null) {
            out.append("always");
        } else {
            when.canonical(out);
        }
        Canonical.outcome(action, reasonCode, label, reach, review, out);
        out.append("}\n");
    }
}
