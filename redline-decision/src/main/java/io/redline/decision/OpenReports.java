package io.redline.decision;

import java.sql.Connection;
import java.util.Collection;
import java.util.Map;

/**
 * The policy's {@code author.openReports} fact: user reports on an author's content that no
 * person has answered yet. Reports belong to the review capability, which depends on this one, so
 * review implements this port and the composition root passes it in; the arrow stays one way.
 */
@FunctionalInterface
public interface OpenReports {
    /**
     * Open reports per author, read on the caller's connection (a pooled one, or a handle's);
     * authors without any may be absent. At most 1,000 authors.
     */
    Map<String, Integer> count(Connection c, Collection<String> authorIds);

    /** No review capability wired (a decision capability used alone): nobody has open reports. */
    OpenReports NONE = (h, authors) -> Map.of();
}
