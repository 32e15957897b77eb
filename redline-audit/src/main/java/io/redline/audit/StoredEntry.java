package io.redline.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.vocabulary.Actor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A row of {@code audit_entries} exactly as stored. Verification and export work on these raw
 * columns (no JSON parsing), which is what makes walking 100k entries take well under a second of CPU.
 */
record StoredEntry(
        long seq,
        long occurredAtMs,
        String actorId,
        String actorRole,
        String action,
        String targetType,
        String targetId,
        String detailsJson,
        String prevHash,
        String hash) {
    static final String COLUMNS =
            "seq, occurred_at_ms, actor_id, actor_role, action, target_type, target_id, details, prev_hash, hash";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    static StoredEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredEntry(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10));
    }

    String contentJson() {
        return HashChain.contentJson(seq, occurredAtMs, actorId, actorRole, action, targetType, targetId, detailsJson);
    }

    String jsonLine() {
        return HashChain.entryLine(
                seq, occurredAtMs, actorId, actorRole, action, targetType, targetId, detailsJson, prevHash, hash);
    }

    /** The typed entry; fails if the row was edited into something no append could have written. */
    AuditEntry toEntry() {
        Map<String, Object> details;
        try {
            details = JSON.readValue(detailsJson, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "audit entry " + seq + " has unreadable details (tampered?): " + e.getOriginalMessage(), e);
        }
        try {
            AuditEvent event = new AuditEvent(
                    new Actor(actorId, actorRole),
                    action,
                    new AuditEvent.Target(targetType, targetId),
                    Instant.ofEpochMilli(occurredAtMs),
                    details);
            return new AuditEntry(seq, event, prevHash, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "audit entry " + seq + " holds values no append could have written" + " (tampered?): "
                            + e.getMessage(),
                    e);
        }
    }
}
