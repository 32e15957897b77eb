package io.redline.intake;

import java.util.List;
import java.util.Map;

/**
 * An uploaded image as stored: the copy on disk carries the platform's propagation fields in its
 * implicit label when the image is (possibly) AI-generated.
 *
 * @param aiMark   none, suspected, possible or confirmed (see docs/aigc-labels.md)
 * @param evidence where each AI signal was found, in words
 * @param aigc     the seven AIGC fields of the stored copy's label, or null when it carries none
 * @param credential the upload's Content Credential status as received ({@code valid}, {@code untrusted},
 *     {@code tampered}, {@code unsigned}, {@code unverifiable}), or null when it carries no C2PA store
 * @param credentialSourceType the IPTC digital source type the credential's active manifest declares, or null
 */
public record ContentImage(
        long contentId,
        int index,
        String mediaType,
        int width,
        int height,
        long bytes,
        String sha256,
        String aiMark,
        List<String> evidence,
        Map<String, String> aigc,
        String storedPath,
        String credential,
        String credentialSourceType) {}
