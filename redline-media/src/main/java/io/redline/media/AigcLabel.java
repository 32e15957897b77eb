package io.redline.media;

import io.redline.vocabulary.AiMark;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The implicit label: the seven string fields of the {@code AIGC} metadata value (GB 45438-2025
 * as we read it; see docs/aigc-labels.md). Fields are never null; absent fields are "".
 *
 * @param label "1" AI-generated, "2" possibly AI-generated, "3" suspected AI-generated; a value
 *     read from a foreign file may be anything, {@link #kind()} tells whether it is one of these
 * @param contentProducer code of the service that generated the content
 * @param produceId the producer's identifier of the content
 * @param reservedCode1 producer's reserved field (e.g. a signature), kept verbatim
 * @param contentPropagator code of the platform that distributed the content
 * @param propagateId the propagator's identifier of the content
 * @param reservedCode2 propagator's reserved field, kept verbatim
 */
public record AigcLabel(
        String label,
        String contentProducer,
        String produceId,
        String reservedCode1,
        String contentPropagator,
        String propagateId,
        String reservedCode2) {

    /** JSON key names in the order we serialise them. */
    static final String[] KEYS = {
        "Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID", "ReservedCode2"
    };

    /** What the {@code Label} value says. */
    public enum Kind {
        AI_GENERATED("1"),
        POSSIBLY_AI_GENERATED("2"),
        SUSPECTED_AI_GENERATED("3"),
        UNKNOWN("");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public AigcLabel {
        label = Objects.requireNonNullElse(label, "");
        contentProducer = Objects.requireNonNullElse(contentProducer, "");
        produceId = Objects.requireNonNullElse(produceId, "");
        reservedCode1 = Objects.requireNonNullElse(reservedCode1, "");
        contentPropagator = Objects.requireNonNullElse(contentPropagator, "");
        propagateId = Objects.requireNonNullElse(propagateId, "");
        reservedCode2 = Objects.requireNonNullElse(reservedCode2, "");
    }

    /** A producer's label (what a generation service writes): propagator fields empty. */
    public static AigcLabel produced(Kind kind, String contentProducer, String produceId) {
        if (kind == Kind.UNKNOWN) {
            throw new IllegalArgumentException("a produced label must say 1, 2 or 3, not UNKNOWN");
        }
        return new AigcLabel(kind.code(), contentProducer, produceId, "", "", "", "");
    }

    /**
     * The label a platform writes when it distributes content: the existing label with the
     * platform's propagator fields, or — when the file carried no label — a new one whose Label
     * follows the platform's mark (confirmed 1, possible 2, suspected 3) and whose producer fields
     * stay empty because the platform did not produce the content.
     *
     * @throws IllegalArgumentException when there is no existing label and the mark is NONE
     */
    public static AigcLabel forPropagation(
            AigcLabel existing, AiMark mark, String contentPropagator, String propagateId) {
        if (existing != null) {
            return existing.withPropagator(contentPropagator, propagateId);
        }
        Kind kind = switch (mark) {
            case CONFIRMED -> Kind.AI_GENERATED;
            case POSSIBLE -> Kind.POSSIBLY_AI_GENERATED;
            case SUSPECTED -> Kind.SUSPECTED_AI_GENERATED;
            case NONE ->
                throw new IllegalArgumentException(
                        "no existing label and mark NONE: nothing says this content is AI-generated");
        };
        return new AigcLabel(kind.code(), "", "", "", contentPropagator, propagateId, "");
    }

    /** This label with the propagator fields set; Label, producer fields and reserved codes kept. */
    public AigcLabel withPropagator(String contentPropagator, String propagateId) {
        return new AigcLabel(
                label, contentProducer, produceId, reservedCode1, contentPropagator, propagateId, reservedCode2);
    }

    public Kind kind() {
        return switch (label.trim()) {
            case "1" -> Kind.AI_GENERATED;
            case "2" -> Kind.POSSIBLY_AI_GENERATED;
            case "3" -> Kind.SUSPECTED_AI_GENERATED;
            default -> Kind.UNKNOWN;
        };
    }

    /** The seven fields by their JSON key, in serialisation order. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        String[] values = {
            label, contentProducer, produceId, reservedCode1, contentPropagator, propagateId, reservedCode2
        };
        for (int i = 0; i < KEYS.length; i++) {
            m.put(KEYS[i], values[i]);
        }
        return m;
    }

    /** The bare JSON object (no {@code {"AIGC":…}} wrapper), compact, keys in standard order. */
    public String toJson() {
        return AigcJson.write(fields());
    }

    /**
     * Parses the bare form {@code {"Label":"1",…}} or the wrapped form {@code {"AIGC":{…}}} (also
     * a wrapper whose value is the bare form as a JSON string). Unknown keys are ignored, missing
     * keys become "", numbers are kept as their literal text; duplicate keys, trailing garbage
     * and nesting beyond the wrapper are refused.
     *
     * @throws MediaFormatException (CORRUPT) when the text is not such an object or carries none
     *     of the seven keys
     */
    public static AigcLabel parse(String json) throws MediaFormatException {
        Map<String, Object> top = AigcJson.parseObject(json);
        Map<String, Object> body = top;
        Object wrapped = top.get("AIGC");
        if (wrapped instanceof Map<?, ?> inner) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cast = (Map<String, Object>) inner;
            body = cast;
        } else if (wrapped instanceof String s) {
            body = AigcJson.parseObject(s);
        }
        String[] v = new String[KEYS.length];
        boolean any = false;
        for (int i = 0; i < KEYS.length; i++) {
            Object o = body.get(KEYS[i]);
            if (o instanceof Map<?, ?>) {
                throw new MediaFormatException(
                        MediaFormatException.Kind.CORRUPT,
                        "AIGC field " + KEYS[i] + " must be a string, found an object");
            }
            v[i] = o == null ? "" : o.toString();
            any |= o != null;
        }
        if (!any) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.CORRUPT, "AIGC JSON carries none of the keys " + String.join(", ", KEYS));
        }
        return new AigcLabel(v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
