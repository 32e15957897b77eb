package io.redline.decision;

import io.redline.media.scan.Box;
import io.redline.media.scan.FoundCode;
import io.redline.text.Hit;
import java.util.List;

/**
 * What one uploaded picture shows, screened: its codes, its recognised text and the text engine's
 * hits in that text, each with the pixel box of the words it came from.
 *
 * @param index             the picture's place among the content's uploads
 * @param text              the recognised text ("" when not read)
 * @param notScannedBecause null when the text was read; else why not. Such a picture is "not
 *     scanned", never clean: the decision sees an {@code image_not_scanned} hit for it.
 */
public record PictureFindings(
        int index, List<FoundCode> codes, String text, List<TextHit> hits, String notScannedBecause) {
    public PictureFindings {
        codes = List.copyOf(codes);
        hits = List.copyOf(hits);
    }

    /** A text hit in the picture's recognised text, with where its words are and how sure OCR was. */
    public record TextHit(Hit hit, Box box, double confidence) {}

    public static PictureFindings notScanned(int index, String why) {
        return new PictureFindings(index, List.of(), "", List.of(), why);
    }

    public boolean scanned() {
        return notScannedBecause == null;
    }
}
