package io.redline.media.scan;

import java.util.Objects;

/**
 * One QR code or barcode in an image.
 *
 * @param payload what the code says, as decoded
 * @param format  ZXing's name of the symbology, e.g. {@code QR_CODE}, {@code EAN_13}
 * @param kind    what the payload leads to ({@link CodeKind#of})
 * @param box     where the code is, in the original image's pixels
 */
public record FoundCode(String payload, String format, CodeKind kind, Box box) {
    public FoundCode {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(box, "box");
    }
}
