package io.redline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.rights.datasets.Candidates;
import io.redline.rights.datasets.DatasetException;
import io.redline.rights.datasets.DatasetSpec;
import io.redline.rights.datasets.DatasetVersion;
import io.redline.rights.datasets.Datasets;
import io.redline.rights.datasets.Revocations;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/rights/datasets}: consent-clean dataset exports (staff only). An export runs on the
 * replay pool (one at a time, 503 beyond): it reads every candidate item and writes files.
 */
public final class DatasetEndpoints {
    static final EnumSet<Role> EXPORTERS = EnumSet.of(Role.ADMIN, Role.POLICY_EDITOR);
    static final EnumSet<Role> READERS = EnumSet.of(Role.ADMIN, Role.POLICY_EDITOR, Role.AUDITOR);

    private final Datasets datasets;
    private final Candidates candidates;
    private final Path outRoot;
    private final Bodies bodies;
    private final ComputePool pool;
    private final Revocations revocations;
    private final Revocations.CurrentActions actions;

    public DatasetEndpoints(
            Datasets datasets,
            Candidates candidates,
            Revocations revocations,
            Revocations.CurrentActions actions,
            Path outRoot,
            Bodies bodies,
            ComputePool pool) {
        this.revocations = revocations;
        this.actions = actions;
        this.datasets = datasets;
        this.candidates = candidates;
        this.outRoot = outRoot;
        this.bodies = bodies;
        this.pool = pool;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/rights/datasets",
                        EXPORTERS,
                        "Export a consent-clean dataset version: {spec, at}; the same spec and time give the same bytes",
                        this::export),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/datasets",
                        READERS,
                        "Dataset versions, newest export time first",
                        this::list),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/datasets/{name}/{version}",
                        READERS,
                        "One dataset version and a page of its manifest (?after=<item id>&limit=)",
                        this::get),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/rights/datasets/{name}/{version}/delta",
                        EXPORTERS,
                        "Revocation delta of a version: its items whose consent was withdrawn or that were removed since",
                        this::delta),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/revocations",
                        Endpoint.anyRole(),
                        "A creator's items found in dataset versions after withdrawing consent or removal (handled)",
                        this::revocations));
    }

    record ExportBody(JsonNode spec, String at) {}

    record VersionView(
            String name,
            String version,
            String at,
            int items,
            String specSha256,
            String cardSha256,
            String createdAt,
            String createdBy,
            JsonNode spec) {
        static VersionView of(DatasetVersion v) {
            try {
                return new VersionView(
                        v.name(),
                        v.version(),
                        v.at().toString(),
                        v.items(),
                        v.specSha256(),
                        v.cardSha256(),
                        v.createdAt().toString(),
                        v.createdBy(),
                        new com.fasterxml.jackson.databind.ObjectMapper().readTree(v.specJson()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void export(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        ExportBody body = bodies.json(ctx, ExportBody.class);
        if (body.spec() == null || !body.spec().isObject())
            throw ApiException.unprocessable(
                    "spec is required: an object such as {\"name\": \"notes-2026q4\", \"surfaces\": [\"note\"], ...}");
        Instant at;
        try {
            at = body.at() == null ? Instant.now() : Instant.parse(body.at());
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable("at must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
        DatasetSpec spec = DatasetSpec.parse(body.spec().toString());
        Datasets.Export done = pool.call(() -> datasets.export(who, spec, at, candidates, outRoot));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", VersionView.of(done.version()));
        out.put("files", done.files());
        out.put("excluded", done.excluded());
        ctx.status(201).json(out);
    }

    private void list(Context ctx) {
        int limit = QueryParams.limit(ctx, 50, 500);
        ctx.json(Map.of(
                "items", datasets.versions(limit).stream().map(VersionView::of).toList()));
    }

    private void delta(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        String name = ctx.pathParam("name"), version = ctx.pathParam("version");
        ctx.json(pool.call(() -> revocations.delta(who, name, version, actions)));
    }

    /** A creator reads their own; staff name ?authorId=. */
    private void revocations(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        String asked = ctx.queryParam("authorId");
        String author;
        if (who.role() == Role.CREATOR) {
            if (asked != null && !asked.equals(who.authorId()))
                throw new ApiException(
                        403, "Forbidden", "a creator reads only their own revocations; leave authorId out");
            author = who.authorId();
        } else {
            if (asked == null || asked.isBlank() || asked.length() > 200)
                throw ApiException.badRequest("authorId is required (1..200 characters): whose revocations to read");
            author = asked;
        }
        List<Revocations.Revoked> found = revocations.forAuthor(author, QueryParams.limit(ctx, 50, 500));
        ctx.json(Map.of(
                "authorId",
                author,
                "items",
                found.stream()
                        .map(r -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("itemId", r.itemId());
                            m.put("dataset", r.dataset());
                            m.put("version", r.version());
                            m.put("reason", r.reason());
                            m.put("foundAt", r.foundAt().toString());
                            m.put("status", "handled");
                            return m;
                        })
                        .toList()));
    }

    private void get(Context ctx) {
        String name = ctx.pathParam("name"), version = ctx.pathParam("version");
        DatasetVersion v = datasets.version(name, version)
                .orElseThrow(() -> new DatasetException.NotFound("no dataset " + name + " version " + version));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", VersionView.of(v));
        String after = ctx.queryParam("after");
        out.put(
                "manifest",
                datasets.items(name, version, after == null ? "" : after, QueryParams.limit(ctx, 100, 1_000)));
        ctx.json(out);
    }
}
