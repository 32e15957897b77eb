package io.redline.intake;

import io.redline.vocabulary.Surface;
import java.time.Instant;
import java.util.List;

/**
 * A stored piece of content. {@code id} is a time-ordered 63-bit id (sent as a string in JSON).
 *
 * @param aiMark   none, suspected, possible or confirmed: the strongest of the declaration and the uploaded images' labels
 * @param uploaded images uploaded with the item (stored copies carry the platform's propagation label)
 * @param streamId the live room or comment thread it was posted in, or null
 */
public record Content(
        long id,
        Surface surface,
        String authorId,
        String externalId,
        String title,
        String text,
        List<String> tags,
        List<String> images,
        String submittedBy,
        Instant createdAt,
        boolean aiDeclared,
        String aiMark,
        List<ContentImage> uploaded,
        String streamId) {}
