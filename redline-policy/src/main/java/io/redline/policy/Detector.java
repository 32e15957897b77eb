package io.redline.policy;

import java.util.List;

/**
 * The detector names a policy may refer to: the text engine's detectors. Kept as a closed set so
 * a typo in a policy ("phon") is a validation error rather than a rule that silently never
 * matches. A hit whose detector is not in this list still reaches the policy; it simply matches
 * no {@code detector:} filter.
 */
final class Detector {
    static final List<String> KNOWN = List.of(
            "lexicon", "phone", "wechat", "qq", "url", "email", "shop_token", "id_card", "bank_card");

    private Detector() {
    }

    /** Index in {@link #KNOWN}, or -1. */
    static int idOf(String name) {
        return switch (name) {
            case "lexicon" -> 0;
            case "phone" -> 1;
            case "wechat" -> 2;
            case "qq" -> 3;
            case "url" -> 4;
            case "email" -> 5;
            case "shop_token" -> 6;
            case "id_card" -> 7;
            case "bank_card" -> 8;
            default -> -1;
        };
    }
}
