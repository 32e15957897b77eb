package io.redline.review;

import io.redline.policy.AiMark;

import java.util.Objects;

/**
 * What is known about whether content is AI-generated: the author's declaration and the media
 * engine's mark. The seam where media labelling plugs in; until it does, every decision uses
 * {@link #NONE}.
 */
public record AiSignals(boolean aiDeclared, AiMark aiMark) {
    public static final AiSignals NONE = new AiSignals(false, AiMark.NONE);

    public AiSignals {
        Objects.requireNonNull(aiMark, "aiMark");
    }
}
