package io.redline.decision;

import io.redline.vocabulary.AiMark;
import java.util.Objects;

/**
 * What is known about whether content is AI-generated: the author's declaration and the mark
 * intake derived from it and from uploaded images' labels (intake's {@code Content#aiDeclared}
 * and {@code Content#aiMark}); {@link #NONE} when neither says anything.
 */
public record AiSignals(boolean aiDeclared, AiMark aiMark) {
    public static final AiSignals NONE = new AiSignals(false, AiMark.NONE);

    public AiSignals {
        Objects.requireNonNull(aiMark, "aiMark");
    }
}
