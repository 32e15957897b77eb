package io.redline.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redline.store.Database;
import io.redline.text.Hit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The gateway's own table: one row per exchange (the only writer of {@code gateway_exchanges}). */
public final class ExchangeLog {
    public static final String CAPABILITY = "gateway";
    public static final int LIST_LIMIT_MAX = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;

    public ExchangeLog(Database db) {
        this.db = db;
        db.migrate(CAPABILITY);
    }

    /** An exchange as stored, with the ids of its prompt and output contents. */
    public record Row(
            long id,
            Instant at,
            String tokenId,
            String endUser,
            boolean minor,
            String operation,
            String model,
            String upstream,
            String outcome,
            int status,
            Long promptContentId,
            Long outputContentId,
            String promptSha256,
            String outputSha256,
            String promptAction,
            String promptReason,
            String outputAction,
            String outputReason,
            String evidenceJson,
            long upstreamMicros,
            long addedMicros) {}

    /** Inserts the exchange in a transaction of its own (idempotent: a retried exchange is stored once). */
    public void insert(Exchange e, Long promptContentId, Long outputContentId) {
        db.jdbi().useTransaction(h -> insert(h, e, promptContentId, outputContentId));
    }

    /** Inserts the exchange inside the caller's transaction. */
    public void insert(Handle h, Exchange e, Long promptContentId, Long outputContentId) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("prompt", hits(e.promptHits()));
        evidence.put("output", hits(e.outputHits()));
        String json;
        try {
            json = JSON.writeValueAsString(evidence);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        h.createUpdate("""
                        INSERT INTO gateway_exchanges (id, created_at_ms, token_id, end_user, minor, operation, model, upstream, outcome,
                            status, prompt_content_id, output_content_id, prompt_sha256, output_sha256, prompt_action, prompt_reason,
                            output_action, output_reason, evidence_json, upstream_micros, added_micros)
                        VALUES (:id, :at, :token, :user, :minor, :op, :model, :upstream, :outcome, :status, :promptId, :outputId,
                            :promptSha, :outputSha, :promptAction, :promptReason, :outputAction, :outputReason, :evidence, :up, :added)
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", e.id())
                .bind("at", e.at().toEpochMilli())
                .bind("token", e.caller().tokenId())
                .bind("user", e.endUser())
                .bind("minor", e.minor() ? 1 : 0)
                .bind("op", e.operation().code())
                .bind("model", e.model())
                .bind("upstream", e.upstream())
                .bind("outcome", e.outcome().code())
                .bind("status", e.status())
                .bind("promptId", promptContentId)
                .bind("outputId", outputContentId)
                .bind("promptSha", sha256(e.prompt()))
                .bind("outputSha", e.output() == null ? null : sha256(e.output()))
                .bind("promptAction", e.promptJudgement().action().code())
                .bind("promptReason", e.promptJudgement().reasonCode())
                .bind(
                        "outputAction",
                        e.outputJudgement() == null
                                ? null
                                : e.outputJudgement().action().code())
                .bind(
                        "outputReason",
                        e.outputJudgement() == null ? null : e.outputJudgement().reasonCode())
                .bind("evidence", json)
                .bind("up", e.upstreamMicros())
                .bind("added", e.addedMicros())
                .execute();
    }

    private static List<Map<String, Object>> hits(List<Hit> hits) {
        List<Map<String, Object>> out = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detector", h.detector());
            m.put("category", h.category());
            m.put("severity", h.severity());
            m.put("start", h.start());
            m.put("end", h.end());
            m.put("term", h.term());
            out.add(m);
        }
        return out;
    }

    /** An exchange whose stored texts are past their retention: the contents to reduce to their hashes. */
    public record TextsDue(long exchangeId, Long promptContentId, Long outputContentId) {}

    /** Up to {@code limit} exchanges older than {@code beforeId} whose texts are still kept, oldest first. */
    public List<TextsDue> textsDue(long beforeId, int limit) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("""
                                SELECT id, prompt_content_id, output_content_id FROM gateway_exchanges
                                WHERE text_expired_at_ms IS NULL AND id < :before ORDER BY id LIMIT :n""")
                        .bind("before", beforeId)
                        .bind("n", limit)
                        .map((rs, ctx) -> new TextsDue(
                                rs.getLong("id"),
                                nullableLong(rs, "prompt_content_id"),
                                nullableLong(rs, "output_content_id")))
                        .list());
    }

    /** Records that these exchanges' texts were reduced to their hashes. */
    public void textsExpired(List<Long> exchangeIds, Instant at) {
        if (exchangeIds.isEmpty()) return;
        db.jdbi()
                .useTransaction(
                        h -> h.createUpdate("UPDATE gateway_exchanges SET text_expired_at_ms = :at WHERE id IN (<ids>)")
                                .bind("at", at.toEpochMilli())
                                .bindList("ids", exchangeIds)
                                .execute());
    }

    /**
     * Deletes up to {@code limit} of the oldest exchange rows older than {@code beforeId}, inside
     * the caller's transaction (so its audit entry commits with it); returns how many went.
     */
    public int purge(Handle h, long beforeId, int limit) {
        return h.createUpdate("""
                        DELETE FROM gateway_exchanges WHERE id IN (
                            SELECT id FROM gateway_exchanges WHERE id < :before ORDER BY id LIMIT :n)""").bind("before", beforeId).bind("n", limit).execute();
    }

    /** Newest first, at most {@code limit}; {@code endUser} null for everyone. */
    public List<Row> recent(String endUser, int limit) {
        if (limit < 1 || limit > LIST_LIMIT_MAX)
            throw new IllegalArgumentException("limit must be 1.." + LIST_LIMIT_MAX);
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM gateway_exchanges"
                                + (endUser == null ? "" : " WHERE end_user = :user") + " ORDER BY id DESC LIMIT :n")
                        .bind("user", endUser)
                        .bind("n", limit)
                        .map((rs, ctx) -> new Row(
                                rs.getLong("id"),
                                Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                                rs.getString("token_id"),
                                rs.getString("end_user"),
                                rs.getInt("minor") != 0,
                                rs.getString("operation"),
                                rs.getString("model"),
                                rs.getString("upstream"),
                                rs.getString("outcome"),
                                rs.getInt("status"),
                                nullableLong(rs, "prompt_content_id"),
                                nullableLong(rs, "output_content_id"),
                                rs.getString("prompt_sha256"),
                                rs.getString("output_sha256"),
                                rs.getString("prompt_action"),
                                rs.getString("prompt_reason"),
                                rs.getString("output_action"),
                                rs.getString("output_reason"),
                                rs.getString("evidence_json"),
                                rs.getLong("upstream_micros"),
                                rs.getLong("added_micros")))
                        .list());
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
