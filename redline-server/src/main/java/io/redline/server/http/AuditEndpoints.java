package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.audit.Anchor;
import io.redline.audit.AuditEntry;
import io.redline.audit.AuditLog;
import io.redline.audit.AuditQuery;
import io.redline.audit.VerifyResult;
import io.redline.identity.Role;
import io.redline.server.admin.Actors;
import io.redline.vocabulary.AsciiDecimal;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /v1/audit}: search, verify, anchor and export the hash-chained audit log (auditors). */
public final class AuditEndpoints {
    private static final Set<Role> AUDITORS = EnumSet.of(Role.AUDITOR);
    private static final Set<Role> READERS = EnumSet.of(Role.AUDITOR, Role.ADMIN);

    private final AuditLog audit;
    private final ComputePool replay;

    /**
     * @param replay where chain verification runs: it hashes every entry since the anchor (or the
     *     start), seconds of CPU on a long chain, so it is admitted by the bounded replay pool
     *     (503 when full) instead of holding a carrier thread of the HTTP server
     */
    public AuditEndpoints(AuditLog audit, ComputePool replay) {
        this.audit = audit;
        this.replay = replay;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(HandlerType.GET, "/v1/audit", READERS, "Search the audit log, newest first", this::search),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/audit/verify",
                        AUDITORS,
                        "Verify the hash chain (optionally against an anchor)",
                        this::verify),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/audit/anchors",
                        AUDITORS,
                        "Record and return an anchor of the chain head",
                        this::anchor),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/audit/anchors",
                        AUDITORS,
                        "List recorded anchors, newest first",
                        this::anchors),
                Endpoint.of(
                        HandlerType.GET, "/v1/audit/export", AUDITORS, "Export a time range as JSONL", this::export));
    }

    record EntryView(
            long seq,
            String occurredAt,
            String actorId,
            String actorRole,
            String action,
            String targetType,
            String targetId,
            Object details,
            String prevHash,
            String hash) {
        static EntryView of(AuditEntry e) {
            var ev = e.event();
            return new EntryView(
                    e.seq(),
                    ev.occurredAt().toString(),
                    ev.actor().id(),
                    ev.actor().role(),
                    ev.action(),
                    ev.target().type(),
                    ev.target().id(),
                    ev.details(),
                    e.prevHash(),
                    e.hash());
        }
    }

    private void search(Context ctx) {
        AuditQuery q;
        try {
            q = new AuditQuery(
                    ctx.queryParam("action"),
                    ctx.queryParam("actor"),
                    ctx.queryParam("targetType"),
                    ctx.queryParam("targetId"),
                    instant(ctx, "from"),
                    instant(ctx, "to"),
                    ctx.queryParam("before") == null ? null : longParam(ctx, "before"),
                    QueryParams.limit(ctx, AuditQuery.LIMIT_DEFAULT, AuditQuery.LIMIT_MAX));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        List<EntryView> items = audit.search(q).stream().map(EntryView::of).toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put(
                "nextBefore",
                items.size() == q.limit() ? items.get(items.size() - 1).seq() : null);
        ctx.json(page);
    }

    private void verify(Context ctx) {
        String anchorJson = ctx.queryParam("anchor");
        VerifyResult result;
        if (anchorJson != null) {
            Anchor anchor;
            try {
                anchor = Anchor.parse(anchorJson);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid anchor: " + e.getMessage());
            }
            result = replay.call(HttpApi.principal(ctx).tokenId(), () -> audit.verifyAgainst(anchor));
        } else {
            result = replay.call(HttpApi.principal(ctx).tokenId(), audit::verify);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", result.ok());
        body.put("summary", result.summary());
        body.put("fromSeq", result.fromSeq());
        body.put("toSeq", result.toSeq());
        body.put("entriesChecked", result.entriesChecked());
        if (result instanceof VerifyResult.Broken b) {
            body.put("brokenSeq", b.seq());
            body.put("reason", b.reason().name());
        }
        ctx.json(body);
    }

    /**
     * 201 with every chain's head anchor in {@code anchors} (ordered by chain); chain 0's is also
     * at the top level, where clients of a single-chain log found it.
     */
    private void anchor(Context ctx) {
        List<Anchor> all = audit.anchor();
        audit.appendAll(Actors.anchored(HttpApi.principal(ctx), all));
        Map<String, Object> body = new LinkedHashMap<>(json(all.getFirst()));
        body.put("anchors", all.stream().map(AuditEndpoints::json).toList());
        ctx.status(201).json(body);
    }

    private void anchors(Context ctx) {
        ctx.json(audit.anchors(100).stream().map(AuditEndpoints::json).toList());
    }

    private static Map<String, Object> json(Anchor a) {
        return Map.of(
                "seq", a.seq(), "hash", a.hash(), "anchoredAt", a.anchoredAt().toString(), "anchor", a.toJson());
    }

    private void export(Context ctx) {
        Instant from = instant(ctx, "from");
        Instant to = instant(ctx, "to");
        if (from == null || to == null)
            throw ApiException.badRequest("from and to are required (ISO-8601 instants, e.g. 2026-11-01T00:00:00Z)");
        if (!from.isBefore(to)) throw ApiException.badRequest("from must be before to");
        audit.append(Actors.event(HttpApi.principal(ctx), "audit.export", "audit", from + "/" + to, Map.of()));
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"redline-audit-" + from + "-" + to + ".jsonl\"");
        try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            audit.export(from, to, out);
        } catch (IOException e) {
            throw new UncheckedIOException("audit export interrupted", e);
        }
    }

    /** Instants storage can hold as epoch milliseconds; java.time parses years up to ±999,999,999, which overflow them. */
    private static final Instant INSTANT_MIN = Instant.parse("0000-01-01T00:00:00Z");

    private static final Instant INSTANT_MAX = Instant.parse("9999-12-31T23:59:59Z");

    private static Instant instant(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null) return null;
        String shown = raw.length() > 60 ? raw.substring(0, 60) + "…" : raw;
        Instant parsed;
        try {
            parsed = Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, was '" + shown + "'");
        }
        if (parsed.isBefore(INSTANT_MIN) || parsed.isAfter(INSTANT_MAX)) {
            throw ApiException.badRequest(
                    name + " must be between " + INSTANT_MIN + " and " + INSTANT_MAX + ", was '" + shown + "'");
        }
        return parsed;
    }

    private static long longParam(Context ctx, String name) {
        return AsciiDecimal.parse(ctx.queryParam(name))
                .orElseThrow(() -> ApiException.badRequest(name + " must be a number"));
    }
}
