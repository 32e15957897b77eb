package io.redline.text.stream;

import io.redline.text.Hit;
import java.util.List;

/**
 * A hit assembled from several lines of one author in one stream, reported on the line that
 * completes it.
 *
 * @param hit   the hit, with start and end in the current line (the part of it written there);
 *              {@code normalized} is what the engine saw over all its lines
 * @param parts every line it uses, oldest first, each with the span it covers; the last is the current line
 */
public record CrossLineHit(Hit hit, List<LinePart> parts) {
    public CrossLineHit {
        parts = List.copyOf(parts);
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a cross-line hit uses at least two lines");
        }
    }

    /** The ids of the lines used, oldest first. */
    public List<String> lineIds() {
        return parts.stream().map(LinePart::lineId).toList();
    }
}
