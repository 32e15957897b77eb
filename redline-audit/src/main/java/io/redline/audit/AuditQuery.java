package io.redline.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A search of the log, newest first. Every criterion is optional ({@code null} = any); pages are
 * keyed by seq: pass the last returned entry's seq as {@code beforeSeq} to get the next page.
 *
 * @param actionPrefix plain string prefix of the action ({@code "token."} = the token family)
 * @param from         inclusive lower bound on occurredAt
 * @param to           exclusive upper bound on occurredAt
 * @param beforeSeq    cursor: only entries with a smaller seq
 * @param limit        1..{@link #LIMIT_MAX}
 */
public record AuditQuery(
        String actionPrefix,
        String actorId,
        String targetType,
        String targetId,
        Instant from,
        Instant to,
        Long beforeSeq,
        int limit) {
    public static final int LIMIT_MAX = 500;
    public static final int LIMIT_DEFAULT = 50;

    public AuditQuery {
        if (limit < 1 || limit > LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be 1.." + LIMIT_MAX + ", was " + limit);
        }
        if (actionPrefix != null && !actionPrefix.matches("[a-z._]{1,100}")) {
            throw new IllegalArgumentException(
                    "action prefix '" + actionPrefix + "' may contain only a-z, '.' and '_'");
        }
        if (targetId != null && targetType == null) {
            throw new IllegalArgumentException("a target id needs its target type");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("time range is empty: from " + from + " is not before to " + to);
        }
        if (beforeSeq != null && beforeSeq < 1) {
            throw new IllegalArgumentException("beforeSeq must be >= 1, was " + beforeSeq);
        }
    }

    /** The newest {@link #LIMIT_DEFAULT} entries. */
    public static AuditQuery latest() {
        return new AuditQuery(null, null, null, null, null, null, null, LIMIT_DEFAULT);
    }

    public AuditQuery withActionPrefix(String prefix) {
        return new AuditQuery(prefix, actorId, targetType, targetId, from, to, beforeSeq, limit);
    }

    public AuditQuery withActor(String id) {
        return new AuditQuery(actionPrefix, id, targetType, targetId, from, to, beforeSeq, limit);
    }

    public AuditQuery withTarget(String type, String id) {
        return new AuditQuery(
                actionPrefix, actorId, Objects.requireNonNull(type, "type"), id, from, to, beforeSeq, limit);
    }

    public AuditQuery between(Instant fromInclusive, Instant toExclusive) {
        return new AuditQuery(
                actionPrefix, actorId, targetType, targetId, fromInclusive, toExclusive, beforeSeq, limit);
    }

    public AuditQuery before(long seq) {
        return new AuditQuery(actionPrefix, actorId, targetType, targetId, from, to, seq, limit);
    }

    public AuditQuery withLimit(int n) {
        return new AuditQuery(actionPrefix, actorId, targetType, targetId, from, to, beforeSeq, n);
    }
}
