package io.redline.decision;

/**
 * One detector hit, located in the field the author wrote.
 *
 * @param field      {@code title}, {@code text} or {@code tags[i]}
 * @param start      UTF-16 offset into the original field, inclusive
 * @param end        UTF-16 offset into the original field, exclusive
 * @param term       the lexicon term or canonical detected value
 * @param normalized what the engine saw in the span after normalisation
 * @param decisive   whether the winning rule's conditions relied on this hit
 */
public record EvidenceHit(
        String field,
        String detector,
        String category,
        int severity,
        int start,
        int end,
        String term,
        String normalized,
        boolean decisive) {

    EvidenceHit asDecisive() {
        return decisive
                ? this
                : new EvidenceHit(field, detector, category, severity, start, end, term, normalized, true);
    }
}
