package io.redline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.redline.audit.VerifyResult;
import io.redline.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Liveness, readiness, metrics and the API description; all public. */
public final class SystemEndpoints {
    private final Database db;
    private final PrometheusMeterRegistry metrics;
    private final JsonNode openApi;
    private String apiPage;
    private final boolean metricsPublic;
    private final VerifyResult auditTail;
    private volatile Map<String, Object> pictures = Map.of("text", "not configured");

    /**
     * @param metricsPublic false: {@code /metrics} needs an admin, service or auditor token
     * @param auditTail     the start-up check of the audit chain's tail, shown by {@code /readyz}
     */
    public SystemEndpoints(
            Database db, PrometheusMeterRegistry metrics, boolean metricsPublic, VerifyResult auditTail) {
        this.db = db;
        this.auditTail = auditTail;
        this.metrics = metrics;
        this.metricsPublic = metricsPublic;
        this.openApi = loadOpenApi();
        this.apiPage = ApiPage.render(openApi);
    }

    /** What {@code /readyz} says about reading text in pictures (OCR): available or not, and why. */
    public void reportPictures(boolean ocrAvailable, String detail) {
        this.pictures = Map.of("text", ocrAvailable ? "read" : "not scanned", "detail", detail);
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.open(
                        HandlerType.GET,
                        "/healthz",
                        "Liveness: the process answers",
                        ctx -> ctx.json(Map.of("status", "ok"))),
                Endpoint.open(
                        HandlerType.GET, "/readyz", "Readiness: storage reachable and migrations applied", this::ready),
                metricsPublic
                        ? Endpoint.open(HandlerType.GET, "/metrics", "Prometheus metrics", this::metrics)
                        : Endpoint.of(
                                HandlerType.GET,
                                "/metrics",
                                java.util.EnumSet.of(
                                        io.redline.identity.Role.ADMIN,
                                        io.redline.identity.Role.SERVICE,
                                        io.redline.identity.Role.AUDITOR),
                                "Prometheus metrics",
                                this::metrics),
                Endpoint.open(
                        HandlerType.GET,
                        "/openapi.json",
                        "The OpenAPI 3.1 description of this API",
                        ctx -> ctx.json(openApi)),
                Endpoint.open(
                        HandlerType.GET, "/docs/api", "A human-readable page of the API", ctx -> ctx.html(apiPage())),
                Endpoint.open(
                        HandlerType.GET,
                        "/",
                        "Start page: links to the API description",
                        ctx -> ctx.redirect("/docs/api")));
    }

    private synchronized String apiPage() {
        return apiPage;
    }

    /**
     * Gives every documented operation the {@code operationId} of its route in the table: the names
     * come from {@link Endpoint#operationId()}, never from the YAML, so they cannot drift. Call once
     * with the whole table before the server starts.
     */
    public synchronized void describe(List<Endpoint> all) {
        for (Endpoint e : all) {
            JsonNode op =
                    openApi.path("paths").path(e.path()).path(e.method().name().toLowerCase(java.util.Locale.ROOT));
            if (op instanceof com.fasterxml.jackson.databind.node.ObjectNode o) o.put("operationId", e.operationId());
        }
        this.apiPage = ApiPage.render(openApi);
    }

    public JsonNode openApi() {
        return openApi;
    }

    private void ready(Context ctx) {
        boolean ready = db.isReady();
        // A broken chain is an incident for auditors, not a reason to stop moderating: reported, still ready.
        Map<String, Object> chain = new java.util.LinkedHashMap<>();
        chain.put("status", auditTail.ok() ? "intact" : "broken");
        chain.put("fromSeq", auditTail.fromSeq());
        chain.put("toSeq", auditTail.toSeq());
        chain.put("summary", auditTail.summary());
        ctx.status(ready ? 200 : 503)
                .json(Map.of(
                        "status",
                        ready ? "ready" : "not ready",
                        "database",
                        db.dialect().name().toLowerCase(),
                        "migrated",
                        db.migratedCapabilities(),
                        "auditChain",
                        chain,
                        "pictures",
                        pictures));
    }

    private void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
    }

    static JsonNode loadOpenApi() {
        try (InputStream in = SystemEndpoints.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the server jar");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.yaml does not parse", e);
        }
    }
}
