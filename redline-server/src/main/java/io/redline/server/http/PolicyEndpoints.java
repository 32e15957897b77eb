package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.decision.ActivePolicy;
import io.redline.decision.Backtest;
import io.redline.decision.BacktestReport;
import io.redline.decision.Decisions;
import io.redline.decision.PolicyStore;
import io.redline.decision.RescreenReport;
import io.redline.decision.StoredPolicy;
import io.redline.identity.Role;
import io.redline.policy.PolicyError;
import io.redline.policy.PolicyParseResult;
import io.redline.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v1/policies}: author, validate, activate and backtest policies; {@code /v1/rescreen}. */
public final class PolicyEndpoints {
    static final Set<Role> EDITORS = EnumSet.of(Role.POLICY_EDITOR, Role.ADMIN);
    static final Set<Role> VIEWERS = EnumSet.of(Role.POLICY_EDITOR, Role.ADMIN, Role.REVIEWER, Role.AUDITOR);

    private final PolicyStore policies;
    private final Decisions decisions;
    private final Backtest backtest;
    private final Bodies bodies;
    private final double minutesPerReview;
    private final ComputePool replays;
    private final ComputePool parsing;

    /**
     * @param replays where backtests and rescreens run: one at a time off the HTTP carriers, 503 beyond
     * @param parsing where policy YAML is parsed and compiled (validate, save): a large body is
     *     tens of milliseconds of CPU, which must not hold a carrier thread of the HTTP server
     */
    public PolicyEndpoints(
            PolicyStore policies,
            Decisions decisions,
            Backtest backtest,
            Bodies bodies,
            double minutesPerReview,
            ComputePool replays,
            ComputePool parsing) {
        this.parsing = parsing;
        this.policies = policies;
        this.decisions = decisions;
        this.backtest = backtest;
        this.bodies = bodies;
        this.minutesPerReview = minutesPerReview;
        this.replays = replays;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/policies",
                        VIEWERS,
                        "List stored policy versions and the active one",
                        this::list),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/policies",
                        EDITORS,
                        "Store a policy version (YAML); invalid policies are refused with every error",
                        this::save),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/policies:validate",
                        EDITORS,
                        "Validate a policy (YAML) without storing it",
                        this::validate),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/policies/backtest",
                        EDITORS,
                        "Replay stored content through a candidate policy; nothing changes",
                        this::backtest),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/policies/{version}",
                        VIEWERS,
                        "Read one stored policy version",
                        this::get),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/policies/{version}/activate",
                        EDITORS,
                        "Make a stored version the active policy (audited)",
                        this::activate),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/rescreen",
                        EDITORS,
                        "Re-decide content created since a time with the current lexicon and policy",
                        this::rescreen));
    }

    record PolicyView(String version, String name, String createdAt, String createdBy, boolean active, String source) {
        static PolicyView of(StoredPolicy p, String activeVersion, boolean withSource) {
            return new PolicyView(
                    p.version(),
                    p.name(),
                    p.createdAt().toString(),
                    p.createdBy(),
                    p.version().equals(activeVersion),
                    withSource ? p.source() : null);
        }
    }

    private void list(Context ctx) {
        ActivePolicy active = policies.active();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "active",
                Map.of(
                        "version",
                        active.version(),
                        "activatedAt",
                        active.activatedAt().toString(),
                        "activatedBy",
                        active.activatedBy()));
        body.put(
                "items",
                policies.list().stream()
                        .map(p -> PolicyView.of(p, active.version(), false))
                        .toList());
        ctx.json(body);
    }

    private void get(Context ctx) {
        String version = ctx.pathParam("version");
        StoredPolicy p =
                policies.find(version).orElseThrow(() -> ApiException.notFound("no stored policy version " + version));
        ctx.json(PolicyView.of(p, policies.active().version(), true));
    }

    private void save(Context ctx) {
        String source = source(ctx);
        var by = HttpApi.principal(ctx);
        StoredPolicy p = parsing.call(by.tokenId(), () -> policies.save(source, by));
        ctx.status(201)
                .header("Location", "/v1/policies/" + p.version())
                .json(PolicyView.of(p, policies.active().version(), false));
    }

    private void validate(Context ctx) {
        String source = source(ctx);
        PolicyParseResult result = parsing.call(HttpApi.principal(ctx).tokenId(), () -> PolicyParser.parse(source));
        Map<String, Object> body = new LinkedHashMap<>();
        switch (result) {
            case PolicyParseResult.Valid v -> {
                body.put("valid", true);
                body.put("version", v.policy().version());
                body.put("rules", v.policy().ruleCount());
            }
            case PolicyParseResult.Invalid i -> {
                body.put("valid", false);
                body.put(
                        "errors",
                        i.errors().stream().map(PolicyEndpoints::problem).toList());
            }
        }
        ctx.json(body);
    }

    private void activate(Context ctx) {
        ActivePolicy a = policies.activate(ctx.pathParam("version"), HttpApi.principal(ctx));
        ctx.json(Map.of(
                "version", a.version(), "activatedAt", a.activatedAt().toString(), "activatedBy", a.activatedBy()));
    }

    record BacktestBody(String source, String version, String since, String until, Integer sample) {}

    private void backtest(Context ctx) {
        BacktestBody b = bodies.json(ctx, BacktestBody.class);
        if ((b.source() == null) == (b.version() == null)) {
            throw ApiException.unprocessable(
                    "send exactly one of 'source' (candidate policy YAML) or 'version' (a stored version)");
        }
        Instant now = Instant.now();
        Instant since = instant(b.since() == null ? "1d" : b.since(), now, "since");
        Instant until = b.until() == null ? now : instant(b.until(), now, "until");
        if (!since.isBefore(until)) throw ApiException.unprocessable("since must be before until");
        int sample = b.sample() == null ? 20 : b.sample();
        if (sample < 0 || sample > Backtest.SAMPLE_MAX)
            throw ApiException.unprocessable("sample must be 0.." + Backtest.SAMPLE_MAX);
        var stored = b.source() != null
                ? null
                : policies.compiled(b.version())
                        .orElseThrow(() -> ApiException.notFound("no stored policy version " + b.version()));
        BacktestReport report = replays.call(
                HttpApi.principal(ctx).tokenId(),
                () -> stored == null
                        ? backtest.run(b.source(), since, until, sample, minutesPerReview)
                        : backtest.run(stored, since, until, sample, minutesPerReview));
        ctx.json(report);
    }

    record RescreenBody(String since, Integer limit) {}

    private void rescreen(Context ctx) {
        RescreenBody b = bodies.json(ctx, RescreenBody.class);
        if (b.since() == null)
            throw ApiException.unprocessable(
                    "'since' is required: an instant (2026-11-01T00:00:00Z) or a span back from now (7d, 12h)");
        int limit = b.limit() == null ? 100_000 : b.limit();
        if (limit < 1 || limit > Decisions.RESCREEN_LIMIT_MAX)
            throw ApiException.unprocessable("limit must be 1.." + Decisions.RESCREEN_LIMIT_MAX);
        Instant since = instant(b.since(), Instant.now(), "since");
        var who = HttpApi.principal(ctx);
        RescreenReport report = replays.call(who.tokenId(), () -> decisions.rescreen(since, who, limit));
        ctx.json(report);
    }

    private static Instant instant(String value, Instant now, String name) {
        try {
            return TimeWindow.parse(value, now, name);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(e.getMessage());
        }
    }

    /** Policy YAML: the raw body, or {"source": "..."} when sent as JSON. */
    private String source(Context ctx) {
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/json")) {
            record SourceBody(String source) {}
            SourceBody b = bodies.json(ctx, SourceBody.class);
            if (b.source() == null)
                throw ApiException.unprocessable("field 'source' is required: the policy YAML as a string");
            return b.source();
        }
        byte[] raw = bodies.bytes(ctx);
        if (raw.length == 0) throw ApiException.badRequest("the request body is empty: send the policy YAML");
        return new String(raw, StandardCharsets.UTF_8);
    }

    static Problem.FieldProblem problem(PolicyError e) {
        return new Problem.FieldProblem(e.path(), e.message(), e.line(), e.column());
    }
}
