package io.redline.rights.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consent as machines read it: the CAWG training-and-data-mining assertion per item, and the
 * site's TDMRep summary.
 *
 * <p>CAWG (Creator Assertions Working Group, "Training and Data Mining Assertion", label
 * {@code cawg.training-mining}) lists four uses — {@code cawg.ai_generative_training},
 * {@code cawg.ai_inference}, {@code cawg.ai_training}, {@code cawg.data_mining} — each
 * {@code allowed}, {@code notAllowed} or {@code constrained} (with {@code constraint_info}).
 * Redline maps denied → notAllowed for all four; platform_models → constrained to the platform's
 * own models; licensed → constrained by the licence terms and expiry. It never says plain
 * {@code allowed}: every grant a creator makes here has a condition.
 *
 * <p>TDMRep (W3C community group, {@code /.well-known/tdmrep.json}) reserves text-and-data-mining
 * rights site-wide ({@code tdm-reservation: 1}, since the default is denied) and points at a
 * policy ({@code tdm-policy}) saying where per-item licences are published.
 */
public final class TrainingAssertions {
    public static final String CAWG_LABEL = "cawg.training-mining";
    public static final List<String> CAWG_USES =
            List.of("cawg.ai_generative_training", "cawg.ai_inference", "cawg.ai_training", "cawg.data_mining");

    private TrainingAssertions() {}

    /** The CAWG assertion ({@code {"label": …, "data": {"entries": {…}}}}) for an item's consent in force. */
    public static Map<String, Object> cawg(Consent consent) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (String use : CAWG_USES) {
            Map<String, Object> entry = new LinkedHashMap<>();
            switch (consent.state()) {
                case DENIED -> entry.put("use", "notAllowed");
                case PLATFORM_MODELS -> {
                    entry.put("use", "constrained");
                    entry.put("constraint_info", "only the hosting platform's own models; no third parties");
                }
                case LICENSED -> {
                    entry.put("use", "constrained");
                    entry.put(
                            "constraint_info",
                            "licence until " + consent.licenceExpiresAt() + ": " + consent.licenceTerms());
                }
            }
            entries.put(use, entry);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", CAWG_LABEL);
        out.put("data", Map.of("entries", entries));
        return out;
    }

    /** The site's {@code tdmrep.json}: every path reserved, with the policy that says how to licence. */
    public static List<Map<String, Object>> tdmRep(String policyUrl) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("location", "/*");
        rule.put("tdm-reservation", 1);
        rule.put("tdm-policy", policyUrl);
        return List.of(rule);
    }
}
