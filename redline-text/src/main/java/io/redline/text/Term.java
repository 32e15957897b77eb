package io.redline.text;

import java.util.EnumSet;
import java.util.Set;

/**
 * One lexicon entry.
 *
 * @param text     what to find, as an author would write it plainly; it is normalised like the text
 * @param category an open set of lower-case names: drainage, gambling, fraud, drugs, adult, violence, ads, personal_data, custom…
 * @param severity 0–100; feeds the risk score
 * @param tags     free labels carried to the decision (e.g. a source list)
 * @param options  opt-in matching families
 */
public record Term(String text, String category, int severity, Set<String> tags, Set<TermOption> options) {
    public static final int MAX_LENGTH = 128;
    /** Longest category name. */
    private static final int CATEGORY_LENGTH_MAX = 40;

    public Term {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("term text is empty");
        }
        text = text.strip();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "term is longer than " + MAX_LENGTH + " characters: " + text.substring(0, 20) + "…");
        }
        if (!isCategoryName(category)) {
            throw new IllegalArgumentException(
                    "category '" + category + "' must be lower-case letters, digits or _ (e.g. drainage)");
        }
        if (severity < 0 || severity > 100) {
            throw new IllegalArgumentException("severity " + severity + " is outside 0–100");
        }
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        options = options == null || options.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(options));
    }

    public Term(String text, String category, int severity) {
        this(text, category, severity, Set.of(), Set.of());
    }

    public Term(String text, String category, int severity, Set<TermOption> options) {
        this(text, category, severity, Set.of(), options);
    }

    /**
     * Lower-case letter, then up to 39 lower-case letters, digits or {@code _}. A loop, not a
     * regular expression: a 64k-term lexicon checks it 64k times at start-up, and the regex's
     * matcher and its JIT compilation were about a tenth of compiling such a lexicon.
     */
    private static boolean isCategoryName(String c) {
        if (c == null || c.isEmpty() || c.length() > CATEGORY_LENGTH_MAX || c.charAt(0) < 'a' || c.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    public boolean has(TermOption option) {
        return options.contains(option);
    }
}
