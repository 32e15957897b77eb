package io.redline.vocabulary;

import java.util.OptionalLong;

/**
 * Numbers in request paths, query strings and id lists: ASCII digits only. Why: Java's
 * {@code Long.parseLong} also takes the digits of other scripts ({@code "١٢٣"}, full-width
 * {@code "１２３"}), so one resource answered under many URLs, and a proxy rule, cache key or log
 * search written for {@code /v1/contents/123} missed {@code /v1/contents/١٢٣} (found by the live
 * hostile pass, docs/reliability.md).
 */
public final class AsciiDecimal {
    /** Long.MAX_VALUE has 19 digits. */
    private static final int DIGITS_MAX = 19;

    private AsciiDecimal() {}

    /** The non-negative number {@code raw} spells in ASCII digits, or empty (also for a sign, spaces or overflow). */
    public static OptionalLong parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > DIGITS_MAX) return OptionalLong.empty();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(raw));
        } catch (NumberFormatException overflow) {
            return OptionalLong.empty();
        }
    }
}
