package io.redline.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Objects;

/**
 * A witness of the chain head at one moment: "entry {@code seq} had hash {@code hash}". Kept
 * outside the database (printed, mailed to an auditor, timestamped by a third party), it lets
 * anyone detect later that history up to {@code seq} was rewritten, even if every hash after
 * the change was recomputed.
 */
public record Anchor(long seq, String hash, Instant anchoredAt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Anchor {
        if (seq < 0) throw new IllegalArgumentException("anchor seq must be >= 0, was " + seq);
        if (!HashChain.isHash(hash))
            throw new IllegalArgumentException("anchor hash must be 64 lower-case hex characters");
        Objects.requireNonNull(anchoredAt, "anchoredAt");
    }

    /** Canonical JSON: {@code {"anchoredAtMs":…,"hash":"…","seq":…}}. */
    public String toJson() {
        return "{\"anchoredAtMs\":" + anchoredAt.toEpochMilli() + ",\"hash\":\"" + hash + "\",\"seq\":" + seq + "}";
    }

    /** Reads what {@link #toJson()} wrote; fails with a message naming the missing or bad field. */
    public static Anchor parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("anchor is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("anchor must be a JSON object");
        JsonNode seq = node.get("seq");
        JsonNode hash = node.get("hash");
        JsonNode at = node.get("anchoredAtMs");
        if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong()) {
            throw new IllegalArgumentException("anchor needs an integer 'seq'");
        }
        if (hash == null || !hash.isTextual()) throw new IllegalArgumentException("anchor needs a string 'hash'");
        if (at == null || !at.canConvertToLong())
            throw new IllegalArgumentException("anchor needs an integer 'anchoredAtMs'");
        return new Anchor(seq.longValue(), hash.textValue(), Instant.ofEpochMilli(at.longValue()));
    }
}
