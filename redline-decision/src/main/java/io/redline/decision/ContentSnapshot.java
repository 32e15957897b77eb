package io.redline.decision;

import io.redline.vocabulary.Surface;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The content fields a decision looks at, taken from intake's {@code Content}: a small pure value
 * so the decider, the backtest and the benchmarks need nothing of intake's storage.
 *
 * @param ai the author's AI declaration and the intake mark when intake stores them, else {@link AiSignals#NONE}
 */
public record ContentSnapshot(
        long id,
        Surface surface,
        String authorId,
        String title,
        String text,
        List<String> tags,
        Instant createdAt,
        AiSignals ai) {
    public ContentSnapshot {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(ai, "ai");
        tags = List.copyOf(tags);
    }
}
