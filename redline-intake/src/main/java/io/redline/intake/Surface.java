package io.redline.intake;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where on the host platform a piece of content appears. */
public enum Surface {
    NOTE, COMMENT, LIVE, PROFILE, PROMPT, OUTPUT;

    public static final String EXPECTED = Arrays.stream(values()).map(Surface::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Surface> parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wire)).findFirst();
    }

    /** Titles and tags belong to notes only; images to notes, profiles (avatars) and AI outputs. */
    boolean acceptsTitle() {
        return this == NOTE;
    }

    boolean acceptsImages() {
        return this == NOTE || this == PROFILE || this == OUTPUT;
    }
}
