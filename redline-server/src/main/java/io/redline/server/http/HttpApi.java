package io.redline.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.redline.identity.Principal;
import io.redline.identity.Tokens;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: registers the route table, authenticates and authorises every call against the
 * roles its {@link Endpoint} declares, renders every error as problem+json, and records request
 * metrics and structured request logs. Nothing below this class knows about HTTP.
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger("redline.http");
    static final String PRINCIPAL = "redline.principal";
    static final int RESPONSE_COPY_BUFFER_BYTES = 4_096;

    private final Javalin app;

    /** The edge without the gateway's door (its routes, if in the table, are then answered by Javalin). */
    public HttpApi(
            List<Endpoint> endpoints,
            Tokens tokens,
            ObjectMapper json,
            MeterRegistry metrics,
            long bodyBytesMax,
            long uploadBytesMax,
            long shutdownGraceMs) {
        this(endpoints, tokens, json, metrics, bodyBytesMax, uploadBytesMax, shutdownGraceMs, null);
    }

    /** @param gateway the gateway's routes, answered by {@link GatewayDoor} ahead of Javalin; null for none */
    public HttpApi(
            List<Endpoint> endpoints,
            Tokens tokens,
            ObjectMapper json,
            MeterRegistry metrics,
            long bodyBytesMax,
            long uploadBytesMax,
            long shutdownGraceMs,
            GatewayEndpoints gateway) {
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = true;
            config.http.maxRequestSize = bodyBytesMax;
            // Javalin copies every result into the response through a buffer of this size, allocated
            // per response; unset, it is Jetty's 32 KiB output buffer, zeroed for answers of a few
            // hundred bytes (7% of the server's CPU on the single-item path, JFR, bench/http.sh).
            config.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            // Multipart bodies bypass maxRequestSize, so bound them here: a few images per item.
            config.jetty.multipartConfig.maxFileSize(uploadBytesMax, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(bodyBytesMax + 4 * uploadBytesMax, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            config.jsonMapper(new JavalinJackson(json, false));
            config.jetty.modifyServer(server -> {
                // Javalin nests its handler inside this one; StatisticsHandler makes Server.stop()
                // wait for in-flight requests (up to the stop timeout) before closing connections.
                StatisticsHandler stats = new StatisticsHandler();
                // The gateway's door answers /ai/v1 ahead of Javalin (its latency budget); Javalin
                // attaches itself inside the innermost wrapper, so behind the door.
                if (gateway != null)
                    stats.setHandler(new GatewayDoor(
                            gateway,
                            tokens,
                            bodyBytesMax,
                            (method, path, route, status, ms, caller) ->
                                    record(method, path, route, status, ms, caller, metrics)));
                server.setHandler(stats);
                server.setStopTimeout(shutdownGraceMs);
                // Jetty's own refusals (431, 414, 400 before any route) in problem+json, not HTML.
                server.setErrorHandler(new ProblemErrorHandler(json));
            });
            config.requestLogger.http((ctx, ms) -> record(ctx, ms, metrics));
        });
        app.beforeMatched(ctx -> authorise(ctx, tokens));
        for (Endpoint e : endpoints) app.addHttpHandler(e.method(), e.path(), e.handler(), e);
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> problem(
                        ctx,
                        Problem.of(
                                e.getStatus(),
                                titleOf(e.getStatus()),
                                e.getStatus() == 404 ? notFound(ctx) : e.getMessage())));
        // Every other exception goes through the one table the console uses too.
        app.exception(Exception.class, (e, ctx) -> {
            Optional<Problem> known = ErrorStatus.problemOf(e);
            if (known.isEmpty()) {
                log.atError().setCause(e).addKeyValue("path", ctx.path()).log("unhandled error");
                problem(
                        ctx,
                        Problem.of(500, "Internal Server Error", "an unexpected error occurred; it has been logged"));
                return;
            }
            if (e instanceof ConnectionException) log.atError().setCause(e).log("storage unavailable");
            ErrorStatus.retryAfterSeconds(e).ifPresent(s -> ctx.header("Retry-After", Integer.toString(s)));
            problem(ctx, known.get());
        });
        // A handler that already answered (a problem, or a console error page) keeps its body.
        app.error(404, ctx -> {
            if (!answered(ctx)) problem(ctx, Problem.of(404, "Not Found", notFound(ctx)));
        });
        app.error(405, ctx -> {
            if (!answered(ctx))
                problem(ctx, Problem.of(405, "Method Not Allowed", ctx.method() + " is not allowed on " + ctx.path()));
        });
    }

    public Javalin javalin() {
        return app;
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new IllegalStateException("no principal on a protected route: " + ctx.path());
        return p;
    }

    private static void authorise(Context ctx, Tokens tokens) {
        Endpoint endpoint = endpointOf(ctx);
        if (endpoint == null || endpoint.isPublic()) return;
        ctx.attribute(PRINCIPAL, authenticate(endpoint, ctx.header("Authorization"), tokens, ctx::header));
    }

    /**
     * The caller of a protected {@code endpoint}: its bearer token, known and of one of the
     * endpoint's roles; otherwise a 401 (with {@code WWW-Authenticate} set through {@code header})
     * or 403. Shared by Javalin's routes and the gateway's door ({@link GatewayDoor}).
     */
    static Principal authenticate(
            Endpoint endpoint, String authorization, Tokens tokens, BiConsumer<String, String> header) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            header.accept("WWW-Authenticate", "Bearer realm=\"redline\"");
            throw new ApiException(
                    401, "Unauthorized", "this route needs an API token: send 'Authorization: Bearer rl_…'");
        }
        Principal principal = tokens.authenticate(authorization.substring(7).trim())
                .orElseThrow(() -> {
                    header.accept("WWW-Authenticate", "Bearer realm=\"redline\", error=\"invalid_token\"");
                    return new ApiException(401, "Unauthorized", "the API token is unknown or revoked");
                });
        if (!endpoint.roles().contains(principal.role())) {
            throw new ApiException(
                    403,
                    "Forbidden",
                    endpoint + " needs one of the roles "
                            + endpoint.roles().stream()
                                    .map(r -> r.wireName())
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + "; this token has role " + principal.role().wireName());
        }
        return principal;
    }

    private static Endpoint endpointOf(Context ctx) {
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof Endpoint e) return e;
        }
        return null;
    }

    private static void problem(Context ctx, Problem problem) {
        if (isOpenAiRoute(ctx)) { // OpenAI clients understand only OpenAI's error shape
            io.redline.gateway.OpenAiError e =
                    io.redline.gateway.OpenAiError.ofStatus(problem.status(), problem.detail());
            ctx.status(e.status()).contentType("application/json").result(e.bodyBytes());
            return;
        }
        Problem p = problem.instance() == null
                ? new Problem(
                        problem.type(),
                        problem.title(),
                        problem.status(),
                        problem.detail(),
                        ctx.path(),
                        problem.errors())
                : problem;
        ctx.status(p.status()).json(p).contentType(Problem.MEDIA_TYPE);
    }

    private static String notFound(Context ctx) {
        return "no route " + ctx.method() + " " + ctx.path() + "; the API is described at /openapi.json and /docs/api";
    }

    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null
                && (type.startsWith(Problem.MEDIA_TYPE)
                        || type.startsWith("text/html")
                        || (isOpenAiRoute(ctx) && type.startsWith("application/json")));
    }

    private static boolean isOpenAiRoute(Context ctx) {
        return ctx.path().startsWith(GatewayEndpoints.BASE + "/") || ctx.path().equals(GatewayEndpoints.BASE);
    }

    private static final java.time.Duration[] SLO_BUCKETS = {
        java.time.Duration.ofMillis(5),
        java.time.Duration.ofMillis(25),
        java.time.Duration.ofMillis(100),
        java.time.Duration.ofMillis(500),
        java.time.Duration.ofMillis(2_500)
    };

    /** Timers by method, route template and status: a bounded set, looked up without rebuilding meter ids per request. */
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    private void record(Context ctx, float ms, MeterRegistry metrics) {
        record(ctx.method().name(), ctx.path(), routeOf(ctx), ctx.statusCode(), ms, ctx.attribute(PRINCIPAL), metrics);
    }

    /** The request's timer ({@code http.server.requests} by method, route and status) and its structured log line. */
    void record(String method, String path, String route, int status, float ms, Principal p, MeterRegistry metrics) {
        timers.computeIfAbsent(
                        method + ' ' + route + ' ' + status,
                        k -> Timer.builder("http.server.requests")
                                .description("HTTP requests by route and status")
                                .tag("method", method)
                                .tag("route", route)
                                .tag("status", Integer.toString(status))
                                // A few latency buckets, not a percentile histogram (about 70 buckets per route and
                                // status,
                                // which made one scrape 1.7 MB and ~0.1 s of CPU): enough for SLO alerts and rough
                                // quantiles.
                                .serviceLevelObjectives(SLO_BUCKETS)
                                .register(metrics))
                .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
        var event = status >= 500 ? log.atWarn() : log.atInfo();
        event.addKeyValue("method", method)
                .addKeyValue("path", path)
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("ms", () -> String.format(java.util.Locale.ROOT, "%.2f", ms)) // formatted only when logged
                .addKeyValue("token", p == null ? "-" : p.tokenId())
                .log("request");
    }

    /** The matched route template (API or console); a bounded label set for metrics (raw paths would explode cardinality). */
    private static String routeOf(Context ctx) {
        for (RouteRole role : ctx.routeRoles()) {
            if (role instanceof RoutePath r) return r.path();
        }
        return "unmatched";
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
