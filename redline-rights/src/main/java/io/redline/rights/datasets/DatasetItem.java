package io.redline.rights.datasets;

/**
 * One item's line in a dataset's manifest: its provenance.
 *
 * @param consentRecordId the consent record in force at the export time (the item's or its creator's)
 * @param copyGroup       the id of the original its copy links lead to (its own id when it copies nothing)
 * @param contentSha256   SHA-256 of the item's line in its data shard
 */
public record DatasetItem(
        String id,
        String authorId,
        Long consentRecordId,
        String consentState,
        String licence,
        String contentSha256,
        String aiMark,
        String copyGroup) {}
