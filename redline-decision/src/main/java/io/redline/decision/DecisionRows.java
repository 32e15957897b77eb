package io.redline.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.policy.Action;
import io.redline.policy.Reach;
import io.redline.store.HotStatements;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The SQL shape of {@link Decision}: insert, head maintenance and mapping. */
final class DecisionRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<EvidenceHit>> HITS = new TypeReference<>() {};

    private DecisionRows() {}

    private static final String INSERT = """
            INSERT INTO decisions (id, content_id, seq, origin, action, reason_code, rule_id, matched_rule_ids_json,
                labels_json, review_queue, review_priority, review_deadline_at_ms, reach, evidence_json, evidence_total,
                risk_score, policy_version, engine_version, latency_micros, decided_at_ms, decided_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (content_id, seq) DO NOTHING""";

    /**
     * Inserts the decision unless its (content, seq) exists; true when this call stored it. Plain
     * JDBC ({@link HotStatements}): every decided item runs it on the group-commit writer.
     */
    static boolean insert(Handle h, Decision d) {
        ReviewRoute r = d.review();
        return HotStatements.update(
                        h,
                        INSERT,
                        d.id(),
                        d.contentId(),
                        d.seq(),
                        d.origin().code(),
                        d.action().code(),
                        d.reasonCode(),
                        d.ruleId(),
                        json(d.matchedRuleIds()),
                        json(d.labels()),
                        r == null ? null : r.queue(),
                        r == null ? null : r.priority(),
                        r == null ? null : r.deadlineAt().toEpochMilli(),
                        d.reach() == null ? null : d.reach().code(),
                        json(d.evidence()),
                        d.evidenceTotal(),
                        d.riskScore(),
                        d.policyVersion(),
                        d.engineVersion(),
                        d.latencyMicros(),
                        d.decidedAt().toEpochMilli(),
                        d.decidedBy())
                == 1;
    }

    private static final String INSERT_HEAD = """
            INSERT INTO decision_heads (content_id, author_id, seq, action, reason_code, decided_at_ms)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (content_id) DO NOTHING""";

    /** Records the first decision as the head; a no-op when a head exists. */
    static void insertHead(Handle h, Decision d, String authorId) {
        HotStatements.update(
                h,
                INSERT_HEAD,
                d.contentId(),
                authorId,
                d.seq(),
                d.action().code(),
                d.reasonCode(),
                d.decidedAt().toEpochMilli());
    }

    /** Moves the head from {@code previousSeq} to {@code d}; false when someone else moved it first. */
    static boolean advanceHead(Handle h, Decision d, int previousSeq) {
        return h.createUpdate("""
                UPDATE decision_heads SET seq = :seq, action = :action, reason_code = :reason, decided_at_ms = :at
                WHERE content_id = :content AND seq = :previous""")
                        .bind("content", d.contentId())
                        .bind("seq", d.seq())
                        .bind("previous", previousSeq)
                        .bind("action", d.action().code())
                        .bind("reason", d.reasonCode())
                        .bind("at", d.decidedAt().toEpochMilli())
                        .execute()
                == 1;
    }

    static Decision map(ResultSet rs, StatementContext ctx) throws SQLException {
        String queue = rs.getString("review_queue");
        ReviewRoute route = queue == null
                ? null
                : new ReviewRoute(
                        queue, rs.getInt("review_priority"), Instant.ofEpochMilli(rs.getLong("review_deadline_at_ms")));
        String reach = rs.getString("reach");
        List<EvidenceHit> evidence = read(rs.getString("evidence_json"), HITS);
        // evidence_total is null on rows stored before evidence was capped: they kept every hit.
        return new Decision(
                rs.getLong("id"),
                rs.getLong("content_id"),
                rs.getInt("seq"),
                Origin.fromCode(rs.getString("origin")),
                Action.fromCode(rs.getString("action")),
                rs.getString("reason_code"),
                rs.getString("rule_id"),
                read(rs.getString("matched_rule_ids_json"), STRINGS),
                read(rs.getString("labels_json"), STRINGS),
                route,
                reach == null ? null : Reach.fromCode(reach),
                evidence,
                Math.max(evidence.size(), rs.getInt("evidence_total")),
                rs.getInt("risk_score"),
                rs.getString("policy_version"),
                rs.getString("engine_version"),
                rs.getLong("latency_micros"),
                Instant.ofEpochMilli(rs.getLong("decided_at_ms")),
                rs.getString("decided_by"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("decision fields always serialise", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt JSON in decisions row: " + e.getOriginalMessage(), e);
        }
    }
}
