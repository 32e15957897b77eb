package io.redline.rights.datasets;

import java.time.Instant;
import java.util.List;

/**
 * Where a dataset export reads content and its decision. Contents belong to intake and decisions
 * to the decision capability, which rights does not depend on: rights declares this port and the
 * server implements it (the arrow stays one way).
 */
@FunctionalInterface
public interface Candidates {
    /**
     * A stored item as the export sees it at the export time.
     *
     * @param action the action of the item's decision in force at the export time (the latest decided at or
     *               before it), or null when it had none then
     */
    record Candidate(
            long id,
            String surface,
            String authorId,
            Instant createdAt,
            String title,
            String text,
            List<String> tags,
            String aiMark,
            String action) {
        public Candidate {
            tags = List.copyOf(tags);
        }
    }

    /**
     * Items created in {@code [from, until)} and at or before {@code at}, with id above
     * {@code afterId}, in id order, at most {@code limit}.
     */
    List<Candidate> page(long afterId, Instant from, Instant until, Instant at, int limit);
}
