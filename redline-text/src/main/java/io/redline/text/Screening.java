package io.redline.text;

import java.util.List;

/**
 * The result of screening one text: every hit, in order of position, and a risk score.
 *
 * <p>Risk score (0–100): the highest severity among the hits, plus 10 for every further distinct
 * category (a text that is both drainage and gambling is worse than either), plus 1 for every
 * further hit up to 10, capped at 100; 0 when there are no hits.
 */
public record Screening(List<Hit> hits, int riskScore) {
    public static final Screening CLEAN = new Screening(List.of(), 0);

    public Screening {
        hits = List.copyOf(hits);
        if (riskScore < 0 || riskScore > 100) {
            throw new IllegalArgumentException("risk score " + riskScore + " is outside 0–100");
        }
    }

    public static Screening of(List<Hit> hits) {
        return new Screening(hits, riskScore(hits));
    }

    public boolean clean() {
        return hits.isEmpty();
    }

    /** See the class comment. */
    public static int riskScore(List<Hit> hits) {
        if (hits.isEmpty()) {
            return 0;
        }
        int max = 0;
        int distinct = 0;
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            max = Math.max(max, h.severity());
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) {
                seen = hits.get(j).category().equals(h.category());
            }
            if (!seen) {
                distinct++;
                if (distinct > 10) {
                    break; // the category bonus is capped by the score cap anyway
                }
            }
        }
        int score = max + 10 * (distinct - 1) + Math.min(10, hits.size() - 1);
        return Math.min(100, score);
    }
}
