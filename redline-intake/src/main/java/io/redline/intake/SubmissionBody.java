package io.redline.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import java.io.IOException;
import java.util.List;

/**
 * One item as producers write it: the body of {@code POST /v1/contents} (and each of a batch's
 * items) and the value of a record on the Kafka contents topic. One class, so the two ways in
 * cannot drift apart; {@link Intake} validates the {@link Submission} it becomes.
 *
 * @param aiGenerated the author's declaration; absent means not declared
 * @param streamId    the live room or comment thread a {@code live} or {@code comment} item belongs to; optional
 */
public record SubmissionBody(
        String surface,
        String authorId,
        String externalId,
        String title,
        String text,
        List<String> tags,
        List<String> images,
        Boolean aiGenerated,
        String streamId) {

    private static final ObjectMapper STRICT = strict();

    public Submission toSubmission() {
        return new Submission(
                surface, authorId, externalId, title, text, tags, images, Boolean.TRUE.equals(aiGenerated), streamId);
    }

    /**
     * Reads one item with the HTTP API's strictness (no unknown fields, no duplicate keys, no "1"
     * for 1), for callers without the server's body reader (the Kafka workers).
     *
     * @throws IOException with a message that names what is wrong
     */
    public static SubmissionBody parse(byte[] json) throws IOException {
        if (json == null) throw new IOException("the record has no value (a tombstone)");
        SubmissionBody item = STRICT.readValue(json, SubmissionBody.class);
        if (item == null) throw new IOException("the value is JSON null, not an object");
        return item;
    }

    private static ObjectMapper strict() {
        ObjectMapper m = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }
}
