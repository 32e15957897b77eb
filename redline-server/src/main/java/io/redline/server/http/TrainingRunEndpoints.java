package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.rights.datasets.TrainingRuns;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/rights/training-runs} and {@code /v1/rights/credits}: a training job registers the
 * dataset version it used, which credits that version's creators; a creator reads their own
 * credits, staff name a creator.
 */
public final class TrainingRunEndpoints {
    static final EnumSet<Role> REGISTRARS = EnumSet.of(Role.ADMIN, Role.POLICY_EDITOR, Role.SERVICE);
    static final EnumSet<Role> READERS = EnumSet.of(Role.ADMIN, Role.POLICY_EDITOR, Role.AUDITOR, Role.SERVICE);
    /** Days one credits read covers at most. */
    private static final int DAYS_MAX = 366;

    private final TrainingRuns runs;
    private final Bodies bodies;

    public TrainingRunEndpoints(TrainingRuns runs, Bodies bodies) {
        this.runs = runs;
        this.bodies = bodies;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/rights/training-runs",
                        REGISTRARS,
                        "Register a training run and the dataset version it used: 1 usage credit per item to the work's author",
                        this::register),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/training-runs",
                        READERS,
                        "Training runs, newest registration first",
                        this::list),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/credits",
                        Endpoint.anyRole(),
                        "A creator's usage credits per training run and day (?from=&until=; staff name ?authorId=)",
                        this::credits));
    }

    record RegisterBody(String runId, String dataset, String version, String model) {}

    private void register(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        RegisterBody body = bodies.json(ctx, RegisterBody.class);
        TrainingRuns.Registered done = runs.register(who, body.runId(), body.dataset(), body.version(), body.model());
        ctx.status(done.created() ? 201 : 200).json(view(done.run()));
    }

    private void list(Context ctx) {
        int limit = QueryParams.limit(ctx, 50, 500);
        ctx.json(Map.of(
                "items",
                runs.runs(limit).stream().map(TrainingRunEndpoints::view).toList()));
    }

    /** A creator reads their own; staff and service clients name ?authorId=. */
    private void credits(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        String asked = ctx.queryParam("authorId");
        String author;
        if (who.role() == Role.CREATOR) {
            if (asked != null && !asked.equals(who.authorId()))
                throw new ApiException(403, "Forbidden", "a creator reads only their own credits; leave authorId out");
            author = who.authorId();
        } else {
            if (asked == null || asked.isBlank() || asked.length() > 200)
                throw ApiException.badRequest("authorId is required (1..200 characters): whose credits to read");
            author = asked;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate until = day(ctx, "until", today);
        LocalDate from = day(ctx, "from", until.minusDays(30));
        if (from.isAfter(until)) throw ApiException.badRequest("from must not be after until");
        if (from.plusDays(DAYS_MAX).isBefore(until))
            throw ApiException.badRequest("from..until covers at most " + DAYS_MAX + " days");
        List<TrainingRuns.Credit> credits = runs.creditsOf(author, from, until, QueryParams.limit(ctx, 100, 500));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("authorId", author);
        out.put("from", from.toString());
        out.put("until", until.toString());
        out.put(
                "total",
                credits.stream().mapToLong(TrainingRuns.Credit::credits).sum());
        out.put(
                "items",
                credits.stream()
                        .map(c -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("day", c.day().toString());
                            m.put("runId", c.runId());
                            m.put("dataset", c.dataset());
                            m.put("version", c.version());
                            m.put("model", c.model());
                            m.put("credits", c.credits());
                            return m;
                        })
                        .toList());
        ctx.json(out);
    }

    private static LocalDate day(Context ctx, String name, LocalDate dflt) {
        String v = ctx.queryParam(name);
        if (v == null) return dflt;
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date such as 2026-12-01");
        }
    }

    private static Map<String, Object> view(TrainingRuns.TrainingRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("dataset", r.dataset());
        m.put("version", r.version());
        m.put("model", r.model());
        m.put("day", r.day().toString());
        m.put("items", r.items());
        m.put("registeredAt", r.registeredAt().toString());
        m.put("registeredBy", r.registeredBy());
        return m;
    }
}
