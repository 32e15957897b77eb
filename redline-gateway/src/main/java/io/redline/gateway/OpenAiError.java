package io.redline.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * An error the way OpenAI's API answers one, so OpenAI clients raise their usual exceptions:
 * {@code {"error": {"message": …, "type": …, "param": …, "code": …}}}. Thrown anywhere in the
 * gateway and rendered at the edge; {@code retryAfterSeconds} &gt; 0 adds {@code Retry-After}.
 */
public final class OpenAiError extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final long retryAfterSeconds;

    public OpenAiError(int status, String type, String code, String param, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static OpenAiError invalid(String param, String message) {
        return new OpenAiError(400, "invalid_request_error", null, param, message, 0);
    }

    public static OpenAiError contentFilter(String reasonCode) {
        return new OpenAiError(
                400,
                "invalid_request_error",
                "content_filter",
                null,
                "the prompt was refused by the content policy (reason: " + reasonCode + ")",
                0);
    }

    public static OpenAiError modelNotFound(String model) {
        return new OpenAiError(
                404,
                "invalid_request_error",
                "model_not_found",
                "model",
                "the model '" + model + "' does not exist or no upstream serves it",
                0);
    }

    public static OpenAiError rateLimited(String message, long retryAfterSeconds) {
        return new OpenAiError(
                429, "rate_limit_error", "rate_limit_exceeded", null, message, Math.max(1, retryAfterSeconds));
    }

    /** The gateway itself is too busy for this call now (503 with Retry-After, as OpenAI answers when overloaded). */
    public static OpenAiError overloaded(String message, long retryAfterSeconds) {
        return new OpenAiError(503, "api_error", "overloaded", null, message, Math.max(1, retryAfterSeconds));
    }

    public static OpenAiError badGateway(String message) {
        return new OpenAiError(502, "api_error", "upstream_error", null, message, 0);
    }

    public static OpenAiError gatewayTimeout(String message) {
        return new OpenAiError(504, "api_error", "upstream_timeout", null, message, 0);
    }

    /** An HTTP status and message from elsewhere (authentication, the router) in the OpenAI shape. */
    public static OpenAiError ofStatus(int status, String message) {
        return switch (status) {
            case 401 -> new OpenAiError(401, "invalid_request_error", "invalid_api_key", null, message, 0);
            case 403 -> new OpenAiError(403, "permission_error", "insufficient_permissions", null, message, 0);
            case 404 -> new OpenAiError(404, "invalid_request_error", "not_found", null, message, 0);
            case 429 -> new OpenAiError(429, "rate_limit_error", "rate_limit_exceeded", null, message, 1);
            default ->
                status >= 500
                        ? new OpenAiError(status, "api_error", null, null, message, 0)
                        : new OpenAiError(status, "invalid_request_error", null, null, message, 0);
        };
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ObjectNode body() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", getMessage());
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return root;
    }

    public byte[] bodyBytes() {
        return body().toString().getBytes(StandardCharsets.UTF_8);
    }
}
