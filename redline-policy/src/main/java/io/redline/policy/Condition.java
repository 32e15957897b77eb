package io.redline.policy;

import io.redline.vocabulary.AiMark;
import io.redline.vocabulary.CredentialStatus;
import io.redline.vocabulary.DetectorIds;
import io.redline.vocabulary.Surface;

/**
 * A compiled rule condition. Evaluation touches only ints, booleans and arrays prepared in
 * {@link Facts}; nothing here looks at YAML or allocates.
 */
sealed interface Condition {

    boolean test(Facts facts);

    /**
     * Marks ({@code out[i] = true}) the hits this condition relied on. Called only after {@link #test}
     * returned true, and only for the winning rule, so it may be slower than {@code test}.
     */
    void evidence(Facts facts, boolean[] out);

    /** Appends a deterministic description used for the policy's version hash. */
    void canonical(StringBuilder out);

    record AllOf(Condition[] parts) implements Condition {
        @Override
        public boolean test(Facts facts) {
            for (Condition part : parts) {
                if (!part.test(facts)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {
            for (Condition part : parts) {
                part.evidence(facts, out);
            }
        }

        @Override
        public void canonical(StringBuilder out) {
            list("all", parts, out);
        }
    }

    record AnyOf(Condition[] parts) implements Condition {
        @Override
        public boolean test(Facts facts) {
            for (Condition part : parts) {
                if (part.test(facts)) {
                    return true;
                }
            }
            return false;
        }

        /** The first branch that holds is the reason the condition held, as in evaluation. */
        @Override
        public void evidence(Facts facts, boolean[] out) {
            for (Condition part : parts) {
                if (part.test(facts)) {
                    part.evidence(facts, out);
                    return;
                }
            }
        }

        @Override
        public void canonical(StringBuilder out) {
            list("any", parts, out);
        }
    }

    /** A negation holds because something is absent, so it contributes no hits as evidence. */
    record NotOf(Condition part) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return !part.test(facts);
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append("not(");
            part.canonical(out);
            out.append(')');
        }
    }

    /**
     * Counts hits passing a filter. With {@code every}, every hit must pass and the number of hits
     * must be within the count range; otherwise the number of passing hits must be.
     *
     * @param categories   allowed category ids (index = id), or {@code null} for any category
     * @param categoryNames sorted names, for the canonical form
     * @param detectorMask bit per {@link Detector} id, or -1 for any detector
     */
    record Hits(
            boolean[] categories,
            String[] categoryNames,
            long detectorMask,
            int severityMin,
            int severityMax,
            int countMin,
            int countMax,
            boolean every)
            implements Condition {

        boolean passes(Facts facts, int i) {
            int severity = facts.severities[i];
            if (severity < severityMin || severity > severityMax) {
                return false;
            }
            if (categories != null) {
                int category = facts.categoryIds[i];
                if (category < 0 || category >= categories.length || !categories[category]) {
                    return false;
                }
            }
            if (detectorMask != -1L) {
                int detector = facts.detectorIds[i];
                return detector >= 0 && (detectorMask & (1L << detector)) != 0;
            }
            return true;
        }

        @Override
        public boolean test(Facts facts) {
            int n = facts.hitCount;
            if (every) {
                if (n < countMin || n > countMax) {
                    return false;
                }
                for (int i = 0; i < n; i++) {
                    if (!passes(facts, i)) {
                        return false;
                    }
                }
                return true;
            }
            int passing = 0;
            for (int i = 0; i < n; i++) {
                if (passes(facts, i)) {
                    passing++;
                    // Without an upper bound the answer is settled as soon as enough hits pass.
                    if (passing >= countMin && countMax == Integer.MAX_VALUE) {
                        return true;
                    }
                }
            }
            return passing >= countMin && passing <= countMax;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {
            for (int i = 0; i < facts.hitCount; i++) {
                if (passes(facts, i)) {
                    out[i] = true;
                }
            }
        }

        @Override
        public void canonical(StringBuilder out) {
            out.append("hits(category=");
            if (categoryNames == null) {
                out.append('*');
            } else {
                out.append('[').append(String.join(",", categoryNames)).append(']');
            }
            out.append(";detector=");
            if (detectorMask == -1L) {
                out.append('*');
            } else {
                out.append('[');
                boolean first = true;
                for (int id = 0; id < DetectorIds.ALL.size(); id++) {
                    if ((detectorMask & (1L << id)) != 0) {
                        out.append(first ? "" : ",").append(DetectorIds.ALL.get(id));
                        first = false;
                    }
                }
                out.append(']');
            }
            out.append(";severity=").append(severityMin).append("..").append(severityMax);
            out.append(";count=").append(countMin).append("..").append(countMax);
            out.append(";match=").append(every ? "all" : "any").append(')');
        }
    }

    /** The numeric facts a condition can bound. */
    enum Field {
        RISK_SCORE("riskScore"),
        LENGTH("length"),
        ACCOUNT_AGE_DAYS("author.accountAgeDays"),
        TRUST_LEVEL("author.trustLevel"),
        PRIOR_STRIKES("author.priorStrikes"),
        OPEN_REPORTS("author.openReports");

        final String yamlName;

        Field(String yamlName) {
            this.yamlName = yamlName;
        }

        int read(PolicyInput input) {
            return switch (this) {
                case RISK_SCORE -> input.riskScore();
                case LENGTH -> input.textLength();
                case ACCOUNT_AGE_DAYS -> input.author().accountAgeDays();
                case TRUST_LEVEL -> input.author().trustLevel();
                case PRIOR_STRIKES -> input.author().priorStrikes();
                case OPEN_REPORTS -> input.author().openReports();
            };
        }
    }

    record Range(Field field, int min, int max) implements Condition {
        @Override
        public boolean test(Facts facts) {
            int value = field.read(facts.input);
            return value >= min && value <= max;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append(field.yamlName)
                    .append('(')
                    .append(min)
                    .append("..")
                    .append(max)
                    .append(')');
        }
    }

    /** @param mask bit per {@link Surface} ordinal */
    record SurfaceIn(int mask) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return (mask & (1 << facts.input.surface().ordinal())) != 0;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append("surface(").append(Surfaces.describe(mask)).append(')');
        }
    }

    /** @param mask bit per {@link AiMark} ordinal */
    record AiMarkIn(int mask) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return (mask & (1 << facts.input.aiMark().ordinal())) != 0;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append("aiMark(");
            boolean first = true;
            for (AiMark mark : AiMark.values()) {
                if ((mask & (1 << mark.ordinal())) != 0) {
                    out.append(first ? "" : ",").append(mark.code());
                    first = false;
                }
            }
            out.append(')');
        }
    }

    /**
     * Some uploaded image carries a Content Credential whose status is in {@code statusMask} and,
     * when {@code sourceTypes} is not empty, whose active manifest declares one of those source types.
     *
     * @param statusMask bit per {@link CredentialStatus} ordinal
     * @param sourceTypes short IPTC digital source types, sorted; empty = any (or none)
     */
    record CredentialIn(int statusMask, String[] sourceTypes) implements Condition {
        @Override
        public boolean test(Facts facts) {
            java.util.List<CredentialFact> list = facts.input.credentials();
            for (int i = 0; i < list.size(); i++) {
                CredentialFact c = list.get(i);
                if ((statusMask & (1 << c.status().ordinal())) == 0) {
                    continue;
                }
                if (sourceTypes.length == 0) {
                    return true;
                }
                for (String t : sourceTypes) {
                    if (t.equals(c.sourceType())) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append("credential(");
            boolean first = true;
            for (CredentialStatus s : CredentialStatus.values()) {
                if ((statusMask & (1 << s.ordinal())) != 0) {
                    out.append(first ? "" : ",").append(s.code());
                    first = false;
                }
            }
            out.append(';').append(String.join(",", sourceTypes)).append(')');
        }
    }

    record LinksPresent(boolean expected) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return facts.input.linksPresent() == expected;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append("linksPresent(").append(expected).append(')');
        }
    }

    record SuspectedRepost(boolean expected) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return facts.input.suspectedRepost() == expected;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append("suspectedRepost(").append(expected).append(')');
        }
    }

    record AiDeclared(boolean expected) implements Condition {
        @Override
        public boolean test(Facts facts) {
            return facts.input.aiDeclared() == expected;
        }

        @Override
        public void evidence(Facts facts, boolean[] out) {}

        @Override
        public void canonical(StringBuilder out) {
            out.append("aiDeclared(").append(expected).append(')');
        }
    }

    private static void list(String name, Condition[] parts, StringBuilder out) {
        out.append(name).append('(');
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            parts[i].canonical(out);
        }
        out.append(')');
    }
}
