package io.redline.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own answers as problem+json: what Jetty refuses before any handler runs (a header block
 * over the limit is 431, a request line over it 414, anything that is not HTTP/1.1 400) and an
 * error Jetty raises outside Javalin's routes. Why: Jetty's default is a small HTML page, and a
 * client of this API parses problem+json for every error (docs/api.md), the gateway's clients
 * included, since such a request never reaches a route that could choose the OpenAI shape.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper json;

    ProblemErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    /** A request the HTTP parser refused; the connection closes after this answer. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) return ByteBuffer.allocate(0);
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(
            Request base, HttpServletRequest req, HttpServletResponse res, int status, String message)
            throws IOException {
        base.setHandled(true);
        res.setContentType(Problem.MEDIA_TYPE);
        byte[] body = body(status, message);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    private byte[] body(int status, String reason) {
        try {
            return json.writeValueAsBytes(Problem.of(status, HttpStatus.getMessage(status), detail(status, reason)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serialises", e);
        }
    }

    /** What to fix, in words; Jetty's reason (a fixed phrase of its parser) follows where it adds to that. */
    static String detail(int status, String reason) {
        String jetty = reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status))
                ? ""
                : " (" + reason + ")";
        return switch (status) {
            case 431 ->
                "the request's header fields are larger than the server accepts; send fewer or shorter headers" + jetty;
            case 414 ->
                "the request line is longer than the server accepts; send long data in the body, not the URI" + jetty;
            case 400 -> "the request is not valid HTTP/1.1" + jetty;
            default -> (reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason);
        };
    }
}
