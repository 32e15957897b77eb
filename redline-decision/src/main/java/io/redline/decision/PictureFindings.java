package io.redline.decision;

import io.redline.media.scan.Box;
import io.redline.media.scan.FoundCode;
import io.redline.text.Hit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * The JSON shape of {@code redline media scan} and {@code /v1/media/inspect}'s {@code scan}:
     * {@code codes} (payload, kind, box), {@code text}, {@code hits} (category, detector,
     * term, box, confidence), and {@code notScanned} with the reason when the text was not read.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "codes",
                codes.stream()
                        .map(c -> {
                            Map<String, Object> code = new LinkedHashMap<>();
                            code.put("payload", c.payload());
                            code.put("kind", c.kind().wireName());
                            code.put("box", c.box().toList());
                            return code;
                        })
                        .toList());
        m.put("text", text);
        m.put(
                "hits",
                hits.stream()
                        .map(t -> {
                            Map<String, Object> hit = new LinkedHashMap<>();
                            hit.put("category", t.hit().category());
                            hit.put("detector", t.hit().detector());
                            hit.put("term", t.hit().term());
                            hit.put("box", t.box().toList());
                            hit.put("confidence", Math.round(t.confidence() * 100) / 100.0);
                            return hit;
                        })
                        .toList());
        if (notScannedBecause != null) m.put("notScanned", notScannedBecause);
        return m;
    }
}
