package io.redline.media;

import java.util.Objects;

/**
 * The explicit label for generated text: a notice before and/or after it. The structured form
 * (a field such as {@code "aiGenerated": true} in API responses) is the caller's; this is the
 * perceivable part a reader sees in the text itself.
 *
 * @param prefix notice placed before the text, e.g. "【AI生成】"
 * @param suffix notice placed after the text, e.g. "\n（本内容由AI生成）"
 */
public record TextLabel(String prefix, String suffix) {

    /** A prefix notice in Chinese; platforms typically configure their own wording. */
    public static final TextLabel DEFAULT = new TextLabel("【AI生成】", "");

    public TextLabel {
        prefix = Objects.requireNonNullElse(prefix, "");
        suffix = Objects.requireNonNullElse(suffix, "");
        if (prefix.isEmpty() && suffix.isEmpty()) {
            throw new IllegalArgumentException("a text label needs a prefix or a suffix notice");
        }
    }

    /** The text with the notices; applying twice does not add them twice. */
    public String apply(String text) {
        String t = Objects.requireNonNullElse(text, "");
        if (!prefix.isEmpty() && !t.startsWith(prefix)) {
            t = prefix + t;
        }
        if (!suffix.isEmpty() && !t.endsWith(suffix)) {
            t = t + suffix;
        }
        return t;
    }

    /** Whether the text carries every configured notice. */
    public boolean isApplied(String text) {
        return text != null && text.startsWith(prefix) && text.endsWith(suffix);
    }

    /** The text without the notices (when present). */
    public String strip(String text) {
        String t = Objects.requireNonNullElse(text, "");
        if (!prefix.isEmpty() && t.startsWith(prefix)) {
            t = t.substring(prefix.length());
        }
        if (!suffix.isEmpty() && t.endsWith(suffix)) {
            t = t.substring(0, t.length() - suffix.length());
        }
        return t;
    }
}
