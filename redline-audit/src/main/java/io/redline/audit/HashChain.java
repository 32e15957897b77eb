package io.redline.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an entry is hashed and linked (the normative description is docs/audit.md):
 *
 * <pre>
 *   content = canonical JSON of {action, actor:{id, role}, details, occurredAtMs, seq, target:{id, type}}
 *   hash    = lower-case hex SHA-256 of UTF-8(prevHash) ‖ UTF-8(content)
 * </pre>
 *
 * where {@code prevHash} is the previous entry's {@code hash} as 64 hex characters, and
 * {@link #GENESIS_HASH} (64 zeros) before entry 1.
 */
public final class HashChain {
    public static final String GENESIS_HASH = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {}

    /** The canonical content of an entry; {@code detailsJson} must already be canonical. */
    public static String contentJson(
            long seq,
            long occurredAtMs,
            String actorId,
            String actorRole,
            String action,
            String targetType,
            String targetId,
            String detailsJson) {
        StringBuilder out = new StringBuilder(160 + detailsJson.length());
        // Keys in UTF-16 order: action < actor < details < occurredAtMs < seq < target; id < role < type.
        out.append("{\"action\":");
        CanonicalJson.appendString(out, action);
        out.append(",\"actor\":{\"id\":");
        CanonicalJson.appendString(out, actorId);
        out.append(",\"role\":");
        CanonicalJson.appendString(out, actorRole);
        out.append("},\"details\":").append(detailsJson);
        out.append(",\"occurredAtMs\":").append(occurredAtMs);
        out.append(",\"seq\":").append(seq);
        out.append(",\"target\":{\"id\":");
        CanonicalJson.appendString(out, targetId);
        out.append(",\"type\":");
        CanonicalJson.appendString(out, targetType);
        out.append("}}");
        return out.toString();
    }

    /**
     * The export line: the content plus {@code hash} and {@code prevHash}, still canonical (the
     * two keys sort between {@code details}/{@code occurredAtMs} and {@code occurredAtMs}/{@code seq}).
     */
    public static String entryLine(
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
        StringBuilder out = new StringBuilder(300 + detailsJson.length());
        out.append("{\"action\":");
        CanonicalJson.appendString(out, action);
        out.append(",\"actor\":{\"id\":");
        CanonicalJson.appendString(out, actorId);
        out.append(",\"role\":");
        CanonicalJson.appendString(out, actorRole);
        out.append("},\"details\":").append(detailsJson);
        out.append(",\"hash\":\"").append(hash).append('"');
        out.append(",\"occurredAtMs\":").append(occurredAtMs);
        out.append(",\"prevHash\":\"").append(prevHash).append('"');
        out.append(",\"seq\":").append(seq);
        out.append(",\"target\":{\"id\":");
        CanonicalJson.appendString(out, targetId);
        out.append(",\"type\":");
        CanonicalJson.appendString(out, targetType);
        out.append("}}");
        return out.toString();
    }

    public static String hash(String prevHash, String contentJson) {
        return hash(sha256(), prevHash, contentJson);
    }

    /** Same as {@link #hash(String, String)} reusing a digest (one per thread) on hot paths. */
    static String hash(MessageDigest sha256, String prevHash, String contentJson) {
        sha256.reset();
        sha256.update(prevHash.getBytes(StandardCharsets.UTF_8));
        sha256.update(contentJson.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha256.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }

    static boolean isHash(String s) {
        if (s == null || s.length() != 64) return false;
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }
}
