package io.redline.intake;

import io.redline.vocabulary.Surface;

/**
 * A page request over stored content, newest first.
 *
 * @param beforeId exclusive upper bound on id (decoded from the client's cursor), or null for the first page
 */
public record ContentQuery(String authorId, Surface surface, Long beforeId, int limit) {
    public static final int LIMIT_MAX = 200;

    public ContentQuery {
        if (limit < 1 || limit > LIMIT_MAX)
            throw new IllegalArgumentException("limit must be 1.." + LIMIT_MAX + ", was " + limit);
    }
}
