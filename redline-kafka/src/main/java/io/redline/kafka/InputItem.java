package io.redline.kafka;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import io.redline.intake.Submission;
import java.io.IOException;
import java.util.List;

/**
 * A record on the contents topic, read as {@code POST /v1/contents} reads its body: the same
 * fields, the same strictness (no unknown fields, no duplicate keys, no "1" for 1), so a producer
 * that writes to the topic directly gets the HTTP API's rules.
 */
record InputItem(
        String surface,
        String authorId,
        String externalId,
        String title,
        String text,
        List<String> tags,
        List<String> images,
        Boolean aiGenerated) {

    private static final ObjectMapper STRICT = strict();

    Submission toSubmission() {
        return new Submission(
                surface, authorId, externalId, title, text, tags, images, Boolean.TRUE.equals(aiGenerated));
    }

    /** @throws IOException with a message that names what is wrong (it goes into the dead letter's headers) */
    static InputItem parse(byte[] json) throws IOException {
        if (json == null) throw new IOException("the record has no value (a tombstone)");
        InputItem item = STRICT.readValue(json, InputItem.class);
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
