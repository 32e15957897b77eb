package io.redline.rights.datasets;

import java.time.Instant;

/** One exported version of a dataset: its spec, export time and what it holds. */
public record DatasetVersion(
        String name,
        String version,
        String specJson,
        String specSha256,
        Instant at,
        int items,
        String cardSha256,
        Instant createdAt,
        String createdBy) {}
