package io.redline.review;

import io.redline.intake.Surface;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The stored content fields a decision looks at, read from intake's {@code contents} table.
 * Decoupled from intake's {@code Content} record so the review capability depends only on the
 * table's columns it reads, not on every field intake adds.
 *
 * @param ai the author's AI declaration and the intake mark when intake stores them, else {@link AiSignals#NONE}
 */
public record ContentSnapshot(long id, Surface surface, String authorId, String title, String text, List<String> tags,
                              Instant createdAt, AiSignals ai) {
    public ContentSnapshot {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(ai, "ai");
        tags = List.copyOf(tags);
    }
}
