package io.redline.text.stream;

import java.util.Objects;

/**
 * An earlier line by the same author in the same stream, as {@link StreamContext#prior} hands it
 * to {@link StreamScreening#across}.
 *
 * @param id     the caller's name for the line (a line number, an item id), repeated in the hits that use it
 * @param text   the line as written, or its last {@link StreamScreening#PRIOR_CHARS_MAX} characters
 * @param offset where {@code text} starts in the line (0 unless the line was longer)
 */
public record PriorLine(String id, String text, int offset) {
    public PriorLine {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
    }

    public PriorLine(String id, String text) {
        this(id, text, 0);
    }
}
