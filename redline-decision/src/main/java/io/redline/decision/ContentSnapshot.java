package io.redline.decision;

import io.redline.text.stream.PriorLine;
import io.redline.vocabulary.Surface;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The content fields a decision looks at, taken from intake's {@code Content}: a small pure value
 * so the decider, the backtest and the benchmarks need nothing of intake's storage.
 *
 * @param ai the author's AI declaration and the intake mark when intake stores them, else {@link AiSignals#NONE}
 * @param pictures what the uploaded pictures show, screened; empty when there are none or the
 *     policy does not look at hits on this surface (then they cannot change the decision)
 * @param earlier the same author's earlier items in the same stream that the text is screened
 *     with (each {@link PriorLine#id()} a content id), oldest first; empty outside streams
 */
public record ContentSnapshot(
        long id,
        Surface surface,
        String authorId,
        String title,
        String text,
        List<String> tags,
        Instant createdAt,
        AiSignals ai,
        List<PictureFindings> pictures,
        List<PriorLine> earlier) {
    /** Content outside any stream. */
    public ContentSnapshot(
            long id,
            Surface surface,
            String authorId,
            String title,
            String text,
            List<String> tags,
            Instant createdAt,
            AiSignals ai,
            List<PictureFindings> pictures) {
        this(id, surface, authorId, title, text, tags, createdAt, ai, pictures, List.of());
    }

    /** Content whose pictures were not screened (none uploaded, or nothing looks at them). */
    public ContentSnapshot(
            long id,
            Surface surface,
            String authorId,
            String title,
            String text,
            List<String> tags,
            Instant createdAt,
            AiSignals ai) {
        this(id, surface, authorId, title, text, tags, createdAt, ai, List.of(), List.of());
    }

    public ContentSnapshot withPictures(List<PictureFindings> found) {
        return new ContentSnapshot(id, surface, authorId, title, text, tags, createdAt, ai, found, earlier);
    }

    /** The same content screened with these earlier items of its stream. */
    public ContentSnapshot withEarlier(List<PriorLine> items) {
        return new ContentSnapshot(id, surface, authorId, title, text, tags, createdAt, ai, pictures, items);
    }

    public ContentSnapshot {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(ai, "ai");
        tags = List.copyOf(tags);
        pictures = List.copyOf(pictures);
        earlier = List.copyOf(earlier);
    }
}
