package io.redline.policy;

import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled, immutable policy. Obtain one from {@link PolicyParser#parse(String)}; evaluate it
 * with {@link #evaluate(PolicyInput)}, which is thread-safe.
 *
 * <p>Semantics: every rule whose {@code surfaces} include the input's surface and whose
 * condition holds <em>matches</em>. The most severe action among the matched rules wins
 * (block &gt; review &gt; limit &gt; label &gt; allow); among equally severe rules the one
 * written first wins. With no match the policy default decides. Labels of all matched label
 * rules accumulate, and the strictest reach of all matched limit rules applies to a limit or
 * review verdict.
 */
public final class Policy {
    private final String name;
    private final String description;
    private final Action defaultAction;
    private final String defaultReasonCode;
    private final Reach defaultReach;
    private final ReviewRouting defaultReview;
    private final List<Rule> rules;
    private final List<RuleSummary> summaries;
    private final Rule[][] rulesBySurface;
    private final Map<String, Integer> categoryIds;
    private final String canonicalForm;
    private final String version;
    private final boolean[] readsHitsBySurface;

    Policy(
            String name,
            String description,
            Action defaultAction,
            String defaultReasonCode,
            Reach defaultReach,
            ReviewRouting defaultReview,
            List<Rule> rules,
            Map<String, Integer> categoryIds) {
        this.name = name;
        this.description = description;
        this.defaultAction = defaultAction;
        this.defaultReasonCode = defaultReasonCode;
        this.defaultReach = defaultReach;
        this.defaultReview = defaultReview;
        this.rules = List.copyOf(rules);
        this.categoryIds = Map.copyOf(categoryIds);
        this.summaries = this.rules.stream().map(Rule::summary).toList();
        // Each surface gets its own rule array so evaluation never looks at rules scoped elsewhere.
        Surface[] surfaces = Surface.values();
        this.rulesBySurface = new Rule[surfaces.length][];
        for (Surface surface : surfaces) {
            int bit = 1 << surface.ordinal();
            rulesBySurface[surface.ordinal()] = this.rules.stream()
                    .filter(r -> (r.surfaceMask() & bit) != 0)
                    .toArray(Rule[]::new);
        }
        this.readsHitsBySurface = new boolean[surfaces.length];
        for (Surface surface : surfaces) {
            for (Rule r : rulesBySurface[surface.ordinal()]) {
                StringBuilder when = new StringBuilder();
                if (r.when() != null) r.when().canonical(when);
                if (when.indexOf("hits(") >= 0 || when.indexOf("riskScore(") >= 0)
                    readsHitsBySurface[surface.ordinal()] = true;
            }
        }
        this.canonicalForm = buildCanonicalForm();
        this.version = Canonical.sha256Hex(canonicalForm);
    }

    /**
     * Whether a rule on this surface looks at detector hits or the risk score made from them. Only
     * then can what a picture shows change the decision, so only then does deciding wait for the
     * pictures to be scanned.
     */
    public boolean readsHits(Surface surface) {
        return readsHitsBySurface[surface.ordinal()];
    }

    public String name() {
        return name;
    }

    /** The description, or an empty string. */
    public String description() {
        return description;
    }

    /**
     * SHA-256 (64 lower-case hex digits) of {@link #canonicalForm()}. It changes whenever the
     * policy's meaning, names or descriptions change, and stays the same under reformatting,
     * comments, key order and spelling out a default explicitly. Store it with every decision.
     */
    public String version() {
        return version;
    }

    /** The first 12 hex digits of {@link #version()}, for display. */
    public String shortVersion() {
        return version.substring(0, 12);
    }

    /** The compiled policy as deterministic text: what {@link #version()} hashes. */
    public String canonicalForm() {
        return canonicalForm;
    }

    /** Rule ids in policy order. */
    public List<String> ruleIds() {
        return rules.stream().map(Rule::id).toList();
    }

    /** What each rule does, in policy order, e.g. to show a reviewer the rule behind a verdict. */
    public List<RuleSummary> rules() {
        return summaries;
    }

    public int ruleCount() {
        return rules.size();
    }

    public Action defaultAction() {
        return defaultAction;
    }

    public Verdict evaluate(PolicyInput input) {
        Rule[] candidates = rulesBySurface[input.surface().ordinal()];
        Facts facts = new Facts(input, categoryIds);
        int[] matched = new int[candidates.length];
        int matchedCount = 0;
        int winner = -1;
        int winnerSeverity = -1;
        Reach strictestReach = null;
        for (int i = 0; i < candidates.length; i++) {
            Rule rule = candidates[i];
            if (rule.when() != null && !rule.when().test(facts)) {
                continue;
            }
            matched[matchedCount++] = i;
            int severity = rule.action().severity();
            // Strictly greater: an equally severe rule written later never displaces an earlier one.
            if (severity > winnerSeverity) {
                winnerSeverity = severity;
                winner = i;
            }
            if (rule.action() == Action.LIMIT
                    && (strictestReach == null || rule.reach().ordinal() > strictestReach.ordinal())) {
                strictestReach = rule.reach();
            }
        }
        if (winner < 0) {
            return new Verdict(
                    defaultAction,
                    defaultReasonCode,
                    null,
                    List.of(),
                    List.of(),
                    defaultAction == Action.REVIEW ? defaultReview : null,
                    defaultAction == Action.LIMIT ? defaultReach : null,
                    List.of(),
                    version);
        }
        String[] matchedIds = new String[matchedCount];
        List<String> labels = List.of();
        for (int m = 0; m < matchedCount; m++) {
            Rule rule = candidates[matched[m]];
            matchedIds[m] = rule.id();
            if (rule.action() == Action.LABEL && !labels.contains(rule.label())) {
                if (labels.isEmpty()) {
                    labels = new ArrayList<>(2);
                }
                labels.add(rule.label());
            }
        }
        Rule win = candidates[winner];
        Reach reach = switch (win.action()) {
            case LIMIT, REVIEW -> strictestReach;
            case ALLOW, LABEL, BLOCK -> null;
        };
        return new Verdict(
                win.action(),
                win.reasonCode(),
                win.id(),
                List.of(matchedIds),
                labels,
                win.review(),
                reach,
                evidence(win, facts),
                version);
    }

    private static List<Integer> evidence(Rule rule, Facts facts) {
        if (rule.when() == null || facts.hitCount == 0) {
            return List.of();
        }
        boolean[] marked = new boolean[facts.hitCount];
        rule.when().evidence(facts, marked);
        List<Integer> indices = new ArrayList<>(facts.hitCount);
        for (int i = 0; i < marked.length; i++) {
            if (marked[i]) {
                indices.add(i);
            }
        }
        return indices;
    }

    private String buildCanonicalForm() {
        StringBuilder out = new StringBuilder(256 + rules.size() * 256);
        out.append("schema=").append(PolicyParser.SCHEMA).append('\n');
        out.append("name=").append(Canonical.quote(name)).append('\n');
        out.append("description=").append(Canonical.quote(description)).append('\n');
        out.append("defaults{");
        Canonical.outcome(
                defaultAction,
                defaultReasonCode,
                null,
                defaultAction == Action.LIMIT ? defaultReach : null,
                defaultReview,
                out);
        out.append("}\n");
        for (Rule rule : rules) {
            rule.canonical(out);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Policy[" + name + " " + shortVersion() + ", " + rules.size() + " rules]";
    }
}
