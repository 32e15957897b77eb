package io.redline.text;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

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
    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public Term {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("term text is empty");
        }
        text = text.strip();
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "term is longer than " + MAX_LENGTH + " characters: " + text.substring(0, 20) + "…");
        }
        if (category == null || !CATEGORY.matcher(category).matches()) {
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

    public boolean has(TermOption option) {
        return options.contains(option);
    }
}
