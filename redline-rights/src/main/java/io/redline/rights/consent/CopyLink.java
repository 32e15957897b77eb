package io.redline.rights.consent;

import java.time.Instant;

/** An item linked as a near-copy of an earlier item by another author. */
public record CopyLink(
        String itemId,
        String authorId,
        String originalId,
        String originalAuthorId,
        double similarity,
        Instant linkedAt) {}
