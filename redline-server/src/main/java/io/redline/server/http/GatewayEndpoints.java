package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.gateway.Call;
import io.redline.gateway.Gateway;
import io.redline.gateway.Operation;
import io.redline.gateway.Reply;
import io.redline.identity.Role;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAI-compatible routes under {@code /ai/v1}: translate HTTP to a {@link Call} and back.
 * Errors on these routes, including the edge's own (401, 403, 404), are in the OpenAI error
 * shape (see {@link HttpApi}), so OpenAI clients raise their usual exceptions.
 *
 * <p>The routes are in the route table like every other (OpenAPI, role checks), but requests reach
 * them through {@link GatewayDoor}, a Jetty handler ahead of Javalin that answers {@code /ai/v1}
 * with the same authentication, limits, request log and error shape and less work per request.
 * The Javalin handlers registered here answer the same way should a request ever get past it.
 */
public final class GatewayEndpoints {
    public static final String BASE = "/ai/v1";
    /** The API key is a Redline token of a host-platform backend. */
    static final Set<Role> CALLERS = Set.of(Role.SERVICE);

    private final Gateway gateway;

    public GatewayEndpoints(Gateway gateway) {
        this.gateway = gateway;
    }

    /** One route as the door dispatches it: the table's entry and the gateway operation behind it. */
    record Route(Endpoint endpoint, Operation operation) {
        boolean hasBody() {
            return operation != Operation.MODELS;
        }
    }

    /** The routes by {@code "METHOD /path"}. */
    Map<String, Route> routes() {
        Map<String, Route> out = new HashMap<>();
        for (Route r : table())
            out.put(r.endpoint().method().name() + ' ' + r.endpoint().path(), r);
        return Map.copyOf(out);
    }

    Gateway gateway() {
        return gateway;
    }

    public List<Endpoint> endpoints() {
        return table().stream().map(Route::endpoint).toList();
    }

    private List<Route> table() {
        return List.of(
                route(
                        HandlerType.POST,
                        Operation.CHAT,
                        "Chat completion (OpenAI-compatible; streaming with stream=true)"),
                route(
                        HandlerType.POST,
                        Operation.COMPLETIONS,
                        "Text completion (OpenAI-compatible; streaming with stream=true)"),
                route(HandlerType.GET, Operation.MODELS, "Models the caller may use (OpenAI-compatible)"),
                route(
                        HandlerType.POST,
                        Operation.IMAGES,
                        "Image generation (OpenAI-compatible; b64_json results are labelled)"));
    }

    private Route route(HandlerType method, Operation op, String summary) {
        return new Route(Endpoint.of(method, BASE + "/" + op.path(), CALLERS, summary, ctx -> handle(ctx, op)), op);
    }

    private void handle(Context ctx, Operation op) throws Exception {
        Map<String, String> headers = new HashMap<>();
        for (String name : ctx.headerMap().keySet()) headers.put(name.toLowerCase(Locale.ROOT), ctx.header(name));
        byte[] body = op == Operation.MODELS ? new byte[0] : ctx.bodyAsBytes();
        gateway.handle(new Call(op, HttpApi.principal(ctx), headers, body), new JavalinReply(ctx));
    }

    /** Writes the gateway's answer through Javalin; a stream goes straight to the servlet output, flushed per chunk. */
    private record JavalinReply(Context ctx) implements Reply {
        @Override
        public void send(int status, Map<String, String> headers, String contentType, byte[] body) {
            ctx.status(status);
            headers.forEach(ctx::header);
            ctx.contentType(contentType).result(body);
        }

        @Override
        public OutputStream stream(Map<String, String> headers) throws java.io.IOException {
            ctx.status(200);
            headers.forEach(ctx::header);
            ctx.header("Cache-Control", "no-cache");
            ctx.header("X-Accel-Buffering", "no"); // proxies in front must not hold the stream back
            ctx.contentType("text/event-stream; charset=utf-8");
            OutputStream out = ctx.res().getOutputStream();
            out.flush(); // headers now: the client sees the stream open before the first chunk
            return out;
        }
    }
}
