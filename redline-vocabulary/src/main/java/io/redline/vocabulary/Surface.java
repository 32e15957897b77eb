package io.redline.vocabulary;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where on the host platform a piece of content appears: what intake accepts and what policies
 * scope rules by. Images are not a surface; they are part of a note, profile or AI output (an
 * image's findings are evidence about that content).
 */
public enum Surface {
    NOTE,
    COMMENT,
    LIVE,
    PROFILE,
    PROMPT,
    OUTPUT;

    private static final Surface[] VALUES = values();

    /** The wire names, comma-separated, for error messages. */
    public static final String EXPECTED =
            Arrays.stream(VALUES).map(Surface::wireName).collect(Collectors.joining(", "));

    /** The lower-case name used in JSON, YAML and the database, e.g. {@code live}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Surface> parse(String wire) {
        for (Surface s : VALUES) {
            if (s.wireName().equals(wire)) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** Titles and tags belong to notes only. */
    public boolean acceptsTitle() {
        return this == NOTE;
    }

    /**
     * Live-chat lines and comments come in streams (a live room, a comment thread): an item there may
     * name its stream, so a message one author splits over several items is screened as one.
     */
    public boolean acceptsStream() {
        return this == LIVE || this == COMMENT;
    }

    /** Images belong to notes, profiles (avatars) and AI outputs. */
    public boolean acceptsImages() {
        return this == NOTE || this == PROFILE || this == OUTPUT;
    }
}
