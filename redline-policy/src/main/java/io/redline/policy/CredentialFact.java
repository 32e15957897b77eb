package io.redline.policy;

import io.redline.vocabulary.CredentialStatus;
import java.util.Objects;

/**
 * One uploaded image's Content Credential as a policy sees it.
 *
 * @param status what validation found
 * @param sourceType the short IPTC digital source type its active manifest declares (the last
 *     segment of the IPTC URL, e.g. {@code digitalCapture}, {@code trainedAlgorithmicMedia}), or
 *     null when it declares none
 */
public record CredentialFact(CredentialStatus status, String sourceType) {
    public CredentialFact {
        Objects.requireNonNull(status, "status");
    }

    /** {@code http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture} → {@code digitalCapture}. */
    public static String shortSourceType(String iptc) {
        if (iptc == null || iptc.isBlank()) return null;
        String s = iptc.strip();
        int slash = s.lastIndexOf('/');
        return slash < 0 ? s : s.substring(slash + 1);
    }
}
