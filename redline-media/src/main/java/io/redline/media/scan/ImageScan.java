package io.redline.media.scan;

import java.util.List;
import java.util.Objects;

/**
 * What one picture shows: its codes and, when it was read, its text.
 *
 * @param width            pixels, as uploaded
 * @param height           pixels, as uploaded
 * @param codes            every QR code and barcode found, at most {@link CodeScanner#CODES_MAX}
 * @param text             the recognised text; {@link OcrText#EMPTY} when it was not read
 * @param textNotScannedBecause null when the text was read; otherwise why not (OCR not installed,
 *     not asked for). A caller must treat such an image as not scanned, never as clean.
 */
public record ImageScan(int width, int height, List<FoundCode> codes, OcrText text, String textNotScannedBecause) {
    public ImageScan {
        codes = List.copyOf(codes);
        Objects.requireNonNull(text, "text");
    }

    public boolean textScanned() {
        return textNotScannedBecause == null;
    }
}
