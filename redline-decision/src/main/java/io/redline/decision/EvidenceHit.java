package io.redline.decision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One detector hit, located in the field the author wrote, or in a picture they uploaded.
 *
 * @param field      {@code title}, {@code text}, {@code tags[i]}, or {@code images[i]} for a picture
 * @param start      UTF-16 offset into the original field (for a picture: into its recognised text), inclusive
 * @param end        UTF-16 offset, exclusive (a code in a picture: 0 and 0)
 * @param term       the lexicon term or canonical detected value (a code: its kind, e.g. {@code wechat_personal})
 * @param normalized what the engine saw in the span after normalisation (a code: its payload)
 * @param decisive   whether the winning rule's conditions relied on this hit
 * @param image      the picture's index among the uploaded images (the evidence kind {@code image}); null for text
 * @param box        where in the picture, {@code [x, y, w, h]} in its pixels; null for text
 * @param confidence how sure OCR was of the words the hit came from, 0..1; null for text and codes
 * @param earlier    for a hit assembled across a stream's items (a message split over several): the
 *                   author's earlier items it needed, oldest first (see {@link EarlierPart});
 *                   {@code start} and {@code end} are then the part in this item. Null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceHit(
        String field,
        String detector,
        String category,
        int severity,
        int start,
        int end,
        String term,
        String normalized,
        boolean decisive,
        Integer image,
        List<Integer> box,
        Double confidence,
        List<EarlierPart> earlier) {

    /**
     * An earlier item of the same stream that a hit needed.
     *
     * @param contentId the earlier item's id (a string, as ids are in JSON)
     * @param start     UTF-16 offset into its text where the hit's span begins there, inclusive; null
     *                  when the span does not reach into it but the hit is not found without it (the
     *                  cue {@code 加我V} before a WeChat id: a contact's span covers the id, not its cue)
     * @param end       UTF-16 offset, exclusive; null with {@code start}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EarlierPart(String contentId, Integer start, Integer end) {}

    public EvidenceHit {
        earlier = earlier == null ? null : List.copyOf(earlier);
    }

    /** A hit in one field or picture (not assembled across items). */
    public EvidenceHit(
            String field,
            String detector,
            String category,
            int severity,
            int start,
            int end,
            String term,
            String normalized,
            boolean decisive,
            Integer image,
            List<Integer> box,
            Double confidence) {
        this(field, detector, category, severity, start, end, term, normalized, decisive, image, box, confidence, null);
    }

    /** A hit in text. */
    public EvidenceHit(
            String field,
            String detector,
            String category,
            int severity,
            int start,
            int end,
            String term,
            String normalized,
            boolean decisive) {
        this(field, detector, category, severity, start, end, term, normalized, decisive, null, null, null);
    }

    /** {@code image} for a hit in a picture, {@code text} otherwise. */
    public String kind() {
        return image == null ? "text" : "image";
    }

    EvidenceHit asDecisive() {
        return decisive
                ? this
                : new EvidenceHit(
                        field,
                        detector,
                        category,
                        severity,
                        start,
                        end,
                        term,
                        normalized,
                        true,
                        image,
                        box,
                        confidence,
                        earlier);
    }
}
