package io.redline.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.policy.Action;
import io.redline.policy.Reach;
import io.redline.store.BulkInsert;
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

    /**
     * Every decided item runs these on the group-commit writer: plain JDBC ({@link HotStatements}),
     * one statement per table per group on PostgreSQL ({@link BulkInsert}, which answers a
     * replayed (content, seq) exactly as a row-by-row insert would).
     */
    private static final BulkInsert INSERT = BulkInsert.into(
            "decisions",
            "content_id, seq",
            "id int8",
            "content_id int8",
            "seq int4",
            "origin text",
            "action text",
            "reason_code text",
            "rule_id text",
            "matched_rule_ids_json text",
            "labels_json text",
            "review_queue text",
            "review_priority int4",
            "review_deadline_at_ms int8",
            "reach text",
            "evidence_json text",
            "evidence_total int4",
            "risk_score int4",
            "policy_version text",
            "engine_version text",
            "latency_micros int8",
            "decided_at_ms int8",
            "decided_by text");

    /** Inserts the decision unless its (content, seq) exists; true when this call stored it. */
    static boolean insert(Handle h, Decision d) {
        ReviewRoute r = d.review();
        return INSERT.insert(
                        h,
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

    private static final BulkInsert INSERT_HEAD = BulkInsert.into(
            "decision_heads",
            "content_id",
            "content_id int8",
            "author_id text",
            "seq int4",
            "action text",
            "reason_code text",
            "decided_at_ms int8");

    /**
     * Records the first decision as the head; a no-op when a head exists. Collected for the group
     * on PostgreSQL: a later decision of the same content in the same group finds no head to move
     * ({@link #advanceHead}) and fails the group's first run, which runs again write by write.
     */
    static void insertHead(Handle h, Decision d, String authorId) {
        INSERT_HEAD.insert(
                h,
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
