package io.redline.server.http;

import io.redline.gateway.Call;
import io.redline.gateway.Gateway;
import io.redline.gateway.OpenAiError;
import io.redline.gateway.Reply;
import io.redline.identity.Principal;
import io.redline.identity.Tokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own door: a Jetty handler ahead of Javalin that answers everything under
 * {@code /ai/v1} and passes every other request on to Javalin untouched.
 *
 * <p>Why: the gateway promises under 2 ms of added latency per request, and a proxy pays the HTTP
 * edge twice (its own and the upstream's). Javalin's routing, context, before-handlers, exception
 * mapping and result copy cost a few hundred microseconds a request (bench/gateway.sh measures a
 * bare Javalin proxy and a bare Jetty one side by side). The door keeps the edge's duties the same
 * way Javalin's routes do them: the route table ({@link GatewayEndpoints}, which also feeds the
 * OpenAPI and role checks), bearer authentication and role check ({@link HttpApi#authenticate}),
 * the body size limit, the request timer and log line ({@link HttpApi#record}), and errors in the
 * OpenAI shape through the one exception table ({@link ErrorStatus}).
 */
final class GatewayDoor extends HandlerWrapper {
    private static final Logger log = LoggerFactory.getLogger("redline.http");

    /** Where a finished request is timed and logged (the edge's own {@link HttpApi#record}). */
    interface RequestLog {
        void record(String method, String path, String route, int status, float ms, Principal caller);
    }

    private final Map<String, GatewayEndpoints.Route> routes;
    private final Gateway gateway;
    private final Tokens tokens;
    private final long bodyBytesMax;
    private final RequestLog requests;

    GatewayDoor(GatewayEndpoints endpoints, Tokens tokens, long bodyBytesMax, RequestLog requests) {
        this.routes = endpoints.routes();
        this.gateway = endpoints.gateway();
        this.tokens = tokens;
        this.bodyBytesMax = bodyBytesMax;
        this.requests = requests;
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse res)
            throws IOException, jakarta.servlet.ServletException {
        if (!target.startsWith(GatewayEndpoints.BASE + "/") && !target.equals(GatewayEndpoints.BASE)) {
            super.handle(target, base, req, res);
            return;
        }
        base.setHandled(true);
        long t0 = System.nanoTime();
        String method = req.getMethod();
        GatewayEndpoints.Route route = routes.get(method + ' ' + target);
        Principal caller = null;
        try {
            if (route == null) {
                throw ApiException.notFound(
                        "no route " + method + " " + target + "; the API is described at /openapi.json and /docs/api");
            }
            caller = HttpApi.authenticate(route.endpoint(), req.getHeader("Authorization"), tokens, res::setHeader);
            byte[] body = route.hasBody() ? body(req) : new byte[0];
            gateway.handle(new Call(route.operation(), caller, headers(req), body), new ServletReply(res));
        } catch (Exception e) {
            fail(res, target, e);
        } finally {
            requests.record(
                    method,
                    target,
                    route == null ? "unmatched" : route.endpoint().path(),
                    res.getStatus(),
                    (System.nanoTime() - t0) / 1e6f,
                    caller);
        }
    }

    /** The body, refused with 413 beyond the server's limit (as Javalin's {@code maxRequestSize} does). */
    private byte[] body(HttpServletRequest req) throws IOException {
        long declared = req.getContentLengthLong();
        if (declared > bodyBytesMax) throw tooLarge();
        InputStream in = req.getInputStream();
        if (declared >= 0) return in.readNBytes((int) declared);
        byte[] b = in.readNBytes((int) bodyBytesMax + 1);
        if (b.length > bodyBytesMax) throw tooLarge();
        return b;
    }

    private ApiException tooLarge() {
        return new ApiException(
                413, "Content Too Large", "the body is larger than the server accepts (" + bodyBytesMax + " bytes)");
    }

    private static Map<String, String> headers(HttpServletRequest req) {
        Map<String, String> out = new HashMap<>();
        for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            out.put(name.toLowerCase(Locale.ROOT), req.getHeader(name));
        }
        return out;
    }

    /** An error in the OpenAI shape, through the edge's one exception table; a response already started ends as it is. */
    private static void fail(HttpServletResponse res, String path, Exception e) throws IOException {
        Optional<Problem> known = ErrorStatus.problemOf(e);
        if (known.isEmpty()) log.atError().setCause(e).addKeyValue("path", path).log("unhandled error");
        if (res.isCommitted()) return;
        Problem p = known.orElse(
                Problem.of(500, "Internal Server Error", "an unexpected error occurred; it has been logged"));
        ErrorStatus.retryAfterSeconds(e).ifPresent(s -> res.setHeader("Retry-After", Integer.toString(s)));
        OpenAiError error = OpenAiError.ofStatus(p.status(), p.detail());
        new ServletReply(res).send(error.status(), Map.of(), "application/json", error.bodyBytes());
    }

    /** The gateway's answer straight onto the servlet response; a stream is flushed by the gateway as it goes. */
    private record ServletReply(HttpServletResponse res) implements Reply {
        @Override
        public void send(int status, Map<String, String> headers, String contentType, byte[] body) throws IOException {
            res.setStatus(status);
            headers.forEach(res::setHeader);
            res.setContentType(contentType);
            res.setContentLength(body.length);
            res.getOutputStream().write(body);
        }

        @Override
        public OutputStream stream(Map<String, String> headers) throws IOException {
            res.setStatus(200);
            headers.forEach(res::setHeader);
            res.setHeader("Cache-Control", "no-cache");
            res.setHeader("X-Accel-Buffering", "no"); // proxies in front must not hold the stream back
            res.setContentType("text/event-stream; charset=utf-8");
            OutputStream out = res.getOutputStream();
            out.flush(); // headers now: the client sees the stream open before the first chunk
            return out;
        }
    }
}
