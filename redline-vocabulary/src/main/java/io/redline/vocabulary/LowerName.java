package io.redline.vocabulary;

/**
 * The lower-case names the audit log records: roles ({@code policy_editor}), target types
 * ({@code content}) and the segments of actions ({@code content.decide}). Checked by hand rather
 * than by a regex because every decision's audit event checks three of them on the group-commit
 * writer, where the regex matchers were 5% of the samples (docs/benchmarks.md, session 10);
 * {@code LowerNameTest} holds both to the patterns below.
 */
public final class LowerName {
    /** A name: {@value}. */
    public static final String NAME_PATTERN = "[a-z][a-z0-9_]{0,31}";
    /** An action: {@value}. */
    public static final String ACTION_PATTERN = "[a-z]+(\\.[a-z_]+)+";

    private static final int NAME_CHARS_MAX = 32;

    private LowerName() {}

    /** Whether {@code s} matches {@link #NAME_PATTERN}. */
    public static boolean isName(String s) {
        int n = s.length();
        if (n == 0 || n > NAME_CHARS_MAX || !isLetter(s.charAt(0))) return false;
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
        }
        return true;
    }

    /** Whether {@code s} matches {@link #ACTION_PATTERN}: letters, then one or more dotted segments of letters and '_'. */
    public static boolean isAction(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isLetter(s.charAt(i))) i++;
        if (i == 0) return false;
        int segments = 0;
        while (i < n) {
            if (s.charAt(i++) != '.') return false;
            int from = i;
            while (i < n && (isLetter(s.charAt(i)) || s.charAt(i) == '_')) i++;
            if (i == from) return false;
            segments++;
        }
        return segments > 0;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
