package io.redline.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * Reads request bodies safely: bounded in bytes whatever the client claims, strict UTF-8, strict
 * JSON types (no "1" for 1, no unknown fields, no duplicate keys), no unpaired surrogates in any
 * string (they have no UTF-8 form: storage would write them as '?' and the audit chain refuses
 * them), a JSON media type, and every failure a 4xx that names the problem.
 */
public final class Bodies {
    private final ObjectMapper strict;
    private final long bodyBytesMax;
    private final ObjectMapper base;
    /** One writer per response type, its root serializer resolved once (see {@link #reply}). */
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, ObjectWriter> writers =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Bodies(ObjectMapper base, long bodyBytesMax) {
        this.bodyBytesMax = bodyBytesMax;
        this.base = base;
        this.strict = base.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // {"text":"ok","text":"bad"} must not mean one thing to us and another to a proxy that screened it.
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("redline-strings")
                        .addDeserializer(String.class, new WholeStrings()));
        // A string where a list or number belongs is a client bug worth reporting, not coercing.
        strict.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }

    public long bodyBytesMax() {
        return bodyBytesMax;
    }

    /** The raw body, refusing more than the limit even when no Content-Length was sent. */
    public byte[] bytes(Context ctx) {
        return bytes(ctx, bodyBytesMax, "server.bodyBytesMax");
    }

    /** The raw body with a route-specific limit (uploads), named in the error so operators know what to raise. */
    public byte[] bytes(Context ctx, long bytesMax, String setting) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > bytesMax) throw tooLarge(declared, bytesMax, setting);
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                // The usual case: read exactly what was declared into one array of that size (reading
                // "up to the limit" starts from a buffer sized for the limit: 5% of the CPU per item).
                byte[] body = in.readNBytes((int) declared);
                if (body.length < declared) throw ApiException.badRequest("the request body ended early");
                return body;
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bytesMax + 1));
            if (body.length > bytesMax) throw tooLarge(-1, bytesMax, setting);
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Answers with {@code value} as JSON, as {@code ctx.json} does with the same mapper, but written
     * straight to UTF-8 bytes by a writer kept per type: {@code ctx.json} builds a String and then
     * encodes it again, on the path every screened item takes.
     */
    public void reply(Context ctx, Object value) {
        ObjectWriter writer = writers.computeIfAbsent(value.getClass(), base::writerFor);
        try {
            ctx.contentType(io.javalin.http.ContentType.APPLICATION_JSON).result(writer.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response view could not be written as JSON", e);
        }
    }

    /** A JSON body; a body sent with another media type (text/plain, a form) is refused with 415. */
    public <T> T json(Context ctx, Class<T> type) {
        String mediaType = ctx.contentType();
        if (mediaType != null && !isJson(mediaType)) {
            throw new ApiException(
                    415,
                    "Unsupported Media Type",
                    "this route takes a JSON body: send 'Content-Type: application/json', not '"
                            + (mediaType.length() > 80 ? mediaType.substring(0, 80) + "…" : mediaType) + "'");
        }
        return parse(bytes(ctx), type, "the request body");
    }

    /** application/json or any {@code +json} type, with or without parameters. */
    static boolean isJson(String contentType) {
        String base = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json"));
    }

    /** Strings without unpaired surrogates; the error names the field through Jackson's path. */
    static final class WholeStrings extends com.fasterxml.jackson.databind.deser.std.StringDeserializer {
        @Override
        public String deserialize(
                com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
                throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null) {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    } else if (Character.isSurrogate(c)) {
                        throw JsonMappingException.from(
                                p,
                                "contains an unpaired surrogate at index " + i
                                        + " (not a character; it has no UTF-8 form)");
                    }
                }
            }
            return value;
        }
    }

    /** A JSON document sent as a form field (multipart submissions). */
    public <T> T json(String formField, Class<T> type, String what) {
        if (formField == null) throw ApiException.badRequest(what + " is missing: send the item as JSON in it");
        return parse(formField.getBytes(java.nio.charset.StandardCharsets.UTF_8), type, what);
    }

    private <T> T parse(byte[] body, Class<T> type, String what) {
        if (body.length == 0) throw ApiException.badRequest(what + " is empty: send a JSON object");
        try {
            T value = strict.readValue(body, type);
            if (value == null) throw ApiException.badRequest(what + " is JSON null: send a JSON object");
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(
                    422,
                    "Unprocessable Content",
                    "unknown field '" + path(e) + "'; accepted fields: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw new ApiException(
                    422,
                    "Unprocessable Content",
                    "field '" + path(e) + "' has the wrong type: expected " + describe(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw new ApiException(
                    422,
                    "Unprocessable Content",
                    field.isEmpty()
                            ? what + " must be a JSON " + describe(e.getTargetType())
                            : "field '" + field + "' has the wrong type: expected " + describe(e.getTargetType()));
        } catch (java.io.CharConversionException e) {
            throw ApiException.badRequest("the request body is not valid UTF-8: " + e.getMessage());
        } catch (JsonParseException e) {
            throw ApiException.badRequest(
                    "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof java.io.CharConversionException
                    || String.valueOf(e.getOriginalMessage()).contains("Invalid UTF-8")) {
                throw ApiException.badRequest("the request body is not valid UTF-8: " + e.getOriginalMessage());
            }
            throw new ApiException(422, "Unprocessable Content", "field '" + path(e) + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    /**
     * Reads the multipart body through Jetty's parser, whose refusals (a part over
     * {@code media.fileBytesMax}, more than 1,000 parts, a body over the total) are client errors.
     */
    public static <T> T multipart(java.util.function.Supplier<T> read, long mediaBytesMax) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            String why = rootMessage(e);
            if (why.contains("exceeds max filesize") || why.contains("max file size")) {
                throw new ApiException(
                        413,
                        "Content Too Large",
                        "an uploaded file is larger than " + mediaBytesMax + " bytes (media.fileBytesMax)");
            }
            if (why.contains("too many parts") || why.contains("Too many parts")) {
                throw new ApiException(
                        413,
                        "Content Too Large",
                        "the form has too many parts; send the item and at most a few images");
            }
            if (why.contains("exceeds max") || why.contains("Request exceeds")) {
                throw new ApiException(
                        413, "Content Too Large", "the multipart body is larger than the server accepts");
            }
            if (why.contains("Illegal character")) {
                throw ApiException.badRequest(
                        "a part header of the multipart body contains a control character (in a file name?)");
            }
            throw ApiException.badRequest("the multipart body could not be read: " + why);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder all = new StringBuilder();
        while (t != null) {
            if (t.getMessage() != null) all.append(t.getMessage()).append("; ");
            t = t.getCause() == t ? null : t.getCause();
        }
        return all.isEmpty() ? e.getClass().getSimpleName() : all.substring(0, all.length() - 2);
    }

    private static ApiException tooLarge(long declared, long bytesMax, String setting) {
        return new ApiException(
                413,
                "Content Too Large",
                "the request body "
                        + (declared > 0 ? "is " + declared + " bytes" : "exceeds the limit") + "; the limit is "
                        + bytesMax
                        + " bytes (" + setting + ")"
                        + (setting.startsWith("server.") ? ". Split large batches into smaller ones." : ""));
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) return "value of another type";
        if (type == String.class) return "a string";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        return "object";
    }
}
