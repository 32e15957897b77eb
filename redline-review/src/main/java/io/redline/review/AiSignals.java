package io.redline.review;

import io.redline.policy.AiMark;

import java.util.Objects;

/**
 * What is known about whether content is AI-generated: the author's declaration and the mark
 * intake derived from it and from uploaded images' labels. Read from the {@code ai_declared} and
 * {@code ai_mark} columns of {@code contents} when intake's schema has them; {@link #NONE}
 * otherwise.
 */
public record AiSignals(boolean aiDeclared, AiMark aiMark) {
    public static final AiSignals NONE = new AiSignals(false, AiMark.NONE);

    public AiSignals {
        Objects.requireNonNull(aiMark, "aiMark");
    }
}
