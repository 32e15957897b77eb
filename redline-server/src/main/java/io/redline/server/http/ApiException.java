package io.redline.server.http;

import java.util.List;

/** A client error raised by a handler; the server renders it as problem+json with this status. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<Problem.FieldProblem> errors;

    public ApiException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ApiException(int status, String title, String detail, List<Problem.FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "Bad Request", detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "Not Found", detail);
    }

    public static ApiException unprocessable(String detail) {
        return new ApiException(422, "Unprocessable Content", detail);
    }

    public Problem problem(String instance) {
        return new Problem("about:blank", title, status, getMessage(), instance, errors);
    }
}
