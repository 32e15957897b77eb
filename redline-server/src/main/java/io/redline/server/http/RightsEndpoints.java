package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.intake.Content;
import io.redline.intake.Intake;
import io.redline.rights.consent.Consent;
import io.redline.rights.consent.ConsentChange;
import io.redline.rights.consent.ConsentException;
import io.redline.rights.consent.ConsentRecord;
import io.redline.rights.consent.ConsentRegistry;
import io.redline.rights.consent.ConsentState;
import io.redline.rights.consent.CopyLink;
import io.redline.rights.consent.TrainingAssertions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /v1/rights/...}: training consent (a creator's default and per-item overrides, their
 * history, the consent in force with its CAWG assertion), copy links, and the site's TDMRep file.
 * A creator reads and changes only their own; staff and service clients read, never change.
 */
public final class RightsEndpoints {
    private static final int HISTORY_LIMIT_DEFAULT = 50;
    private static final String SURFACE = "api";

    private final ConsentRegistry registry;
    private final Intake intake;
    private final Bodies bodies;

    /** Checks a creator's exported items after each consent change; null when datasets are not wired. */
    private final io.redline.rights.datasets.Revocations revocations;

    public RightsEndpoints(ConsentRegistry registry, Intake intake, Bodies bodies) {
        this(registry, intake, bodies, null);
    }

    public RightsEndpoints(
            ConsentRegistry registry,
            Intake intake,
            Bodies bodies,
            io.redline.rights.datasets.Revocations revocations) {
        this.revocations = revocations;
        this.registry = registry;
        this.intake = intake;
        this.bodies = bodies;
    }

    public List<Endpoint> endpoints() {
        var read = Endpoint.anyRole();
        var creator = EnumSet.of(Role.CREATOR);
        return List.of(
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/consent",
                        read,
                        "A creator's default training consent in force (?at=, staff name ?authorId=)",
                        this::getDefault),
                Endpoint.of(
                        HandlerType.PUT,
                        "/v1/rights/consent",
                        creator,
                        "Set your default training consent (creators only)",
                        this::putDefault),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/consent/history",
                        read,
                        "Every consent change of a creator, newest first: who, when, from which surface",
                        this::history),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/consent/items/{id}",
                        read,
                        "The training consent in force for an item (?at=), with its CAWG training-and-data-mining assertion",
                        this::getItem),
                Endpoint.of(
                        HandlerType.PUT,
                        "/v1/rights/consent/items/{id}",
                        creator,
                        "Override the training consent of one of your items",
                        this::putItem),
                Endpoint.of(
                        HandlerType.DELETE,
                        "/v1/rights/consent/items/{id}",
                        creator,
                        "Clear an item's override so it follows your default again",
                        this::clearItem),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/rights/copies/{id}",
                        read,
                        "Copy links of an item: the original it copies and the items that copy it",
                        this::copies),
                Endpoint.open(
                        HandlerType.GET,
                        "/.well-known/tdmrep.json",
                        "TDMRep: text-and-data-mining rights are reserved site-wide (tdm-reservation, tdm-policy)",
                        this::tdmRep));
    }

    record ConsentBody(String state, String licenceTerms, String licenceExpiresAt) {}

    record ConsentView(
            String itemId,
            String authorId,
            String state,
            boolean trainable,
            String source,
            String recordId,
            String licenceTerms,
            String licenceExpiresAt,
            String copyOf,
            String at) {
        static ConsentView of(Consent c) {
            return new ConsentView(
                    c.itemId(),
                    c.authorId(),
                    c.state().wireName(),
                    c.trainable(),
                    c.source(),
                    c.recordId() == null ? null : Long.toString(c.recordId()),
                    c.licenceTerms(),
                    c.licenceExpiresAt() == null ? null : c.licenceExpiresAt().toString(),
                    c.copyOf(),
                    c.at().toString());
        }
    }

    record RecordView(
            String id,
            String authorId,
            String itemId,
            String state,
            String licenceTerms,
            String licenceExpiresAt,
            String changedAt,
            String changedBy,
            String changedByRole,
            String surface) {
        static RecordView of(ConsentRecord r) {
            return new RecordView(
                    Long.toString(r.id()),
                    r.authorId(),
                    r.itemId(),
                    r.state() == null ? "cleared" : r.state().wireName(),
                    r.licenceTerms(),
                    r.licenceExpiresAt() == null ? null : r.licenceExpiresAt().toString(),
                    r.changedAt().toString(),
                    r.changedBy(),
                    r.changedByRole(),
                    r.surface());
        }
    }

    record CopyView(
            String itemId,
            String authorId,
            String originalId,
            String originalAuthorId,
            double similarity,
            String linkedAt) {
        static CopyView of(CopyLink l) {
            return new CopyView(
                    l.itemId(),
                    l.authorId(),
                    l.originalId(),
                    l.originalAuthorId(),
                    l.similarity(),
                    l.linkedAt().toString());
        }
    }

    private void getDefault(Context ctx) {
        String author = author(ctx);
        ctx.json(ConsentView.of(registry.effectiveDefault(author, at(ctx))));
    }

    private void putDefault(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        ConsentChange change = change(bodies.json(ctx, ConsentBody.class));
        ConsentRecord record = guarded(() -> registry.setDefault(who, who.authorId(), change));
        revoked(who.authorId());
        ctx.json(RecordView.of(record));
    }

    private void history(Context ctx) {
        String author = author(ctx);
        int limit = QueryParams.limit(ctx, HISTORY_LIMIT_DEFAULT, ConsentRegistry.HISTORY_LIMIT_MAX);
        ctx.json(Map.of(
                "authorId",
                author,
                "changes",
                registry.history(author, limit).stream().map(RecordView::of).toList()));
    }

    private void getItem(Context ctx) {
        Content content = content(ctx);
        Consent consent = registry.effective(Long.toString(content.id()), content.authorId(), at(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("consent", ConsentView.of(consent));
        out.put("cawg", TrainingAssertions.cawg(consent));
        ctx.json(out);
    }

    private void putItem(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        Content content = content(ctx);
        ConsentChange change = change(bodies.json(ctx, ConsentBody.class));
        ConsentRecord record =
                guarded(() -> registry.setItem(who, content.authorId(), Long.toString(content.id()), change));
        revoked(content.authorId());
        ctx.json(RecordView.of(record));
    }

    private void clearItem(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        Content content = content(ctx);
        boolean cleared =
                guarded(() -> registry.clearItem(who, content.authorId(), Long.toString(content.id()), SURFACE));
        if (!cleared) throw ApiException.notFound("content " + content.id() + " has no consent override to clear");
        revoked(content.authorId());
        ctx.status(204);
    }

    private void copies(Context ctx) {
        Content content = content(ctx);
        String id = Long.toString(content.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("itemId", id);
        out.put("copyOf", registry.copyOf(id).map(CopyView::of).orElse(null));
        out.put("copies", registry.copiesOf(id).stream().map(CopyView::of).toList());
        ctx.json(out);
    }

    /** A withdrawal reaches every exported version at once: the creator's items there are checked now. */
    private void revoked(String authorId) {
        if (revocations != null) revocations.afterConsentChange(authorId);
    }

    private void tdmRep(Context ctx) {
        // The policy a miner reads: the API description, where the per-item consent route is listed.
        ctx.json(TrainingAssertions.tdmRep(origin(ctx) + "/docs/api"));
    }

    /** The item, if the caller may see it: a creator's request for another creator's item finds nothing (404, like contents). */
    private Content content(Context ctx) {
        long id = ContentEndpoints.parseId(ctx.pathParam("id"));
        return intake.find(HttpApi.principal(ctx), id).orElseThrow(() -> ApiException.notFound("no content " + id));
    }

    /** Whose consent: a creator always their own (an authorId naming someone else is refused); staff must name one. */
    private static String author(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        String asked = ctx.queryParam("authorId");
        if (who.role() == Role.CREATOR) {
            if (asked != null && !asked.equals(who.authorId())) {
                throw new ApiException(403, "Forbidden", "a creator reads only their own consent; leave authorId out");
            }
            return who.authorId();
        }
        if (asked == null || asked.isBlank())
            throw ApiException.badRequest("authorId is required: whose consent to read");
        if (asked.length() > 200) throw ApiException.badRequest("authorId must be at most 200 characters");
        return asked;
    }

    private static Instant at(Context ctx) {
        String raw = ctx.queryParam("at");
        if (raw == null) return Instant.now();
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("at must be an ISO-8601 instant such as 2026-12-01T00:00:00Z, got '"
                    + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "'");
        }
    }

    private static ConsentChange change(ConsentBody body) {
        ConsentState state;
        Instant expires = null;
        try {
            state = body.state() == null ? null : ConsentState.parse(body.state());
            if (body.licenceExpiresAt() != null) expires = Instant.parse(body.licenceExpiresAt());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ApiException.unprocessable(
                    e instanceof DateTimeParseException
                            ? "licenceExpiresAt must be an ISO-8601 instant such as 2027-01-01T00:00:00Z"
                            : e.getMessage());
        }
        return new ConsentChange(state, body.licenceTerms(), expires, SURFACE);
    }

    private static <T> T guarded(Supplier<T> change) {
        try {
            return change.get();
        } catch (ConsentException.Invalid e) {
            throw ApiException.unprocessable(e.getMessage());
        } catch (ConsentException.Forbidden e) {
            throw new ApiException(403, "Forbidden", e.getMessage());
        }
    }

    private static String origin(Context ctx) {
        String host = ctx.host();
        return ctx.scheme() + "://" + (host == null ? "localhost" : host);
    }
}
