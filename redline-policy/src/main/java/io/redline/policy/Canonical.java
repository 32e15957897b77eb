package io.redline.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Helpers for the canonical text a policy version hashes. */
final class Canonical {
    private Canonical() {}

    /** Quotes so that distinct strings (and null) always print differently. */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    static void outcome(
            Action action, String reasonCode, String label, Reach reach, ReviewRouting review, StringBuilder out) {
        out.append(";action=").append(action.code());
        out.append(";reasonCode=").append(quote(reasonCode));
        if (label != null) {
            out.append(";label=").append(quote(label));
        }
        if (reach != null) {
            out.append(";reach=").append(reach.code());
        }
        if (review != null) {
            out.append(";review=")
                    .append(quote(review.queue()))
                    .append(',')
                    .append(review.priority())
                    .append(',')
                    .append(review.deadline());
        }
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java runtime provides SHA-256", e);
        }
    }
}
