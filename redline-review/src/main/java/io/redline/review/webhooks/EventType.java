package io.redline.review.webhooks;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a webhook announces; the wire code goes in {@code Redline-Event} and the payload's {@code type}. */
public enum EventType {
    /** A reviewer's verdict appended a decision (origin {@code review}): the content's final state after human review. */
    DECISION_FINAL("decision.final"),
    /** An appeal task was decided: the appeal's outcome (overturned or upheld) and the decision it appended (origin {@code appeal}). */
    APPEAL_RESOLVED("appeal.resolved");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException naming the known codes */
    public static EventType fromCode(String code) {
        for (EventType t : values()) {
            if (t.code.equals(code)) return t;
        }
        throw new IllegalArgumentException("unknown webhook event '" + code + "'; known events: "
                + Arrays.stream(values()).map(EventType::code).collect(Collectors.joining(", ")));
    }
}
