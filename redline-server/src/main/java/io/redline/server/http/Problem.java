package io.redline.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code detail} says what to fix; {@code errors} lists field-level
 * problems when there are several.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type, String title, int status, String detail, String instance, List<FieldProblem> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One problem; {@code line}/{@code column} (1-based) point into a submitted document such as a policy. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldProblem(String field, String message, Integer line, Integer column) {
        public FieldProblem(String field, String message) {
            this(field, message, null, null);
        }
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }
}
