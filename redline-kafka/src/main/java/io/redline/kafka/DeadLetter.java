package io.redline.kafka;

/**
 * Why a record went to the dead-letter topic instead of being decided: the {@code
 * redline-dlt-reason} header (one of these codes) and {@code redline-dlt-detail} (what exactly).
 */
enum DeadLetter {
    /** Larger than {@code kafka.messageBytesMax}. */
    OVERSIZED("oversized"),
    /** Not the JSON of a submission. */
    UNPARSEABLE("unparseable"),
    /** Parsed, but intake refused it (a field error, a bad idempotency key). */
    INVALID("invalid"),
    /** An externalId already stored, or an idempotency key reused for other content. */
    CONFLICT("conflict"),
    /** A content id header naming content this database does not have. */
    UNKNOWN_CONTENT("unknown-content");

    static final String REASON_HEADER = "redline-dlt-reason";
    static final String DETAIL_HEADER = "redline-dlt-detail";
    static final String SOURCE_HEADER = "redline-dlt-source";
    static final int DETAIL_CHARS_MAX = 1_000;

    private final String code;

    DeadLetter(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }
}
