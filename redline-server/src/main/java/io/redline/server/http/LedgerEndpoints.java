package io.redline.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.ledger.CampaignYaml;
import io.redline.ledger.DayReport;
import io.redline.ledger.Ledger;
import io.redline.ledger.LedgerException;
import io.redline.ledger.RoyaltyYaml;
import io.redline.ledger.Statement;
import io.redline.ledger.engine.Campaign;
import io.redline.ledger.engine.RoyaltyCampaign;
import io.redline.server.admin.LedgerBooks;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/ledger}: CSV imports, campaign settlement and payouts, statements and verification.
 * Staff (admin) import and settle; admins and auditors read campaigns and verify; a creator
 * token reads only the statement of its own account (its author id is its ledger account).
 */
public final class LedgerEndpoints {
    private static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.SERVICE);
    private static final Set<Role> SETTLERS = EnumSet.of(Role.ADMIN);
    private static final Set<Role> READERS = EnumSet.of(Role.ADMIN, Role.AUDITOR);
    private static final Set<Role> STATEMENT_READERS = EnumSet.of(Role.ADMIN, Role.AUDITOR, Role.CREATOR);

    private final LedgerBooks books;
    private final Bodies bodies;

    public LedgerEndpoints(LedgerBooks books, Bodies bodies) {
        this.books = books;
        this.bodies = bodies;
    }

    public List<Endpoint> endpoints() {
        return List.of(
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/ledger/accounts:import",
                        WRITERS,
                        "Import holders (CSV accountId,registeredAt)",
                        guard(this::importAccounts)),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/ledger/balances:import",
                        WRITERS,
                        "Import balance history (CSV accountId,timestamp,balance)",
                        guard(this::importBalances)),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/ledger/credits:import",
                        WRITERS,
                        "Import royalty usage credits (CSV day,creatorId,credits)",
                        guard(this::importCredits)),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/ledger/campaigns:settle",
                        SETTLERS,
                        "Settle a campaign (YAML body, hold-to-earn or royalty) through a day; report or CSV payouts",
                        guard(this::settle)),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/ledger/campaigns",
                        READERS,
                        "List campaigns with their settled days",
                        guard(this::campaigns)),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/ledger/campaigns/{id}",
                        READERS,
                        "A campaign's definition and settled days",
                        guard(this::campaign)),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/ledger/campaigns/{id}/payouts",
                        READERS,
                        "A campaign's payouts through a day as CSV",
                        guard(this::payouts)),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/ledger/accounts/{accountId}/statement",
                        STATEMENT_READERS,
                        "An account's statement (a creator: only its own)",
                        guard(this::statement)),
                Endpoint.of(
                        HandlerType.POST,
                        "/v1/ledger/reversals",
                        SETTLERS,
                        "Correct a transfer with a reversing transfer",
                        guard(this::reverse)),
                Endpoint.of(
                        HandlerType.GET,
                        "/v1/ledger/verify",
                        READERS,
                        "Check balances equal postings and pools respected their caps",
                        guard(this::verify)));
    }

    /** Ledger errors a caller can fix become 4xx problems here, so the HTTP edge needs no ledger-specific mapping. */
    private static Handler guard(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (LedgerException.Invalid e) {
                throw ApiException.unprocessable(e.getMessage());
            } catch (LedgerException.Conflict e) {
                throw new ApiException(409, "Conflict", e.getMessage());
            } catch (LedgerException.NotFound e) {
                throw ApiException.notFound(e.getMessage());
            }
        };
    }

    private InputStreamReader csv(Context ctx) {
        byte[] body = bodies.bytes(ctx);
        if (body.length == 0)
            throw ApiException.badRequest("the request body is empty: send the CSV (with its header line) as text/csv");
        return new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
    }

    private void importAccounts(Context ctx) {
        ctx.json(books.imports().accounts(csv(ctx), HttpApi.principal(ctx).actor()));
    }

    private void importCredits(Context ctx) {
        ctx.json(books.imports().usageCredits(csv(ctx), HttpApi.principal(ctx).actor()));
    }

    private void importBalances(Context ctx) {
        String asset = ctx.queryParam("asset");
        String scale = ctx.queryParam("scale");
        if (asset == null || scale == null || !scale.matches("\\d{1,2}")) {
            throw ApiException.badRequest("send ?asset=USDX&scale=6: the asset and its decimals (0..18)");
        }
        ctx.json(books.imports()
                .balances(
                        csv(ctx),
                        asset,
                        Integer.parseInt(scale),
                        HttpApi.principal(ctx).actor()));
    }

    private static LocalDate date(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) throw ApiException.badRequest("?" + name + "=YYYY-MM-DD is required");
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("?" + name + "='" + v + "' is not a date like 2026-12-05");
        }
    }

    private static boolean csvWanted(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("csv") && !format.equals("json"))
            throw ApiException.badRequest("?format must be json or csv");
        return "csv".equals(format);
    }

    private void settle(Context ctx) {
        LocalDate through = date(ctx, "through");
        boolean csv = csvWanted(ctx);
        String yaml = new String(bodies.bytes(ctx), StandardCharsets.UTF_8);
        String id;
        List<DayReport> days;
        if (CampaignYaml.KIND_ROYALTY.equals(CampaignYaml.kindOf(yaml))) {
            RoyaltyCampaign r = RoyaltyYaml.parse(yaml);
            id = r.id();
            days = books.royalties()
                    .settleThrough(r, through, HttpApi.principal(ctx).actor());
        } else {
            Campaign c = CampaignYaml.parse(yaml);
            id = c.id();
            days = books.settlement()
                    .settleThrough(c, through, HttpApi.principal(ctx).actor());
        }
        if (csv) {
            writeCsv(ctx, id, through);
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaign", id);
        out.put("through", through.toString());
        out.put("days", days);
        ctx.json(out);
    }

    private void writeCsv(Context ctx, String campaignId, LocalDate through) {
        StringWriter w = new StringWriter();
        try {
            books.settlement().writeCsv(campaignId, through, w);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not throw
        }
        ctx.contentType("text/csv; charset=utf-8").result(w.toString());
    }

    private Map<String, Object> view(Campaign c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("kind", CampaignYaml.KIND_HOLD);
        out.put("asset", c.asset());
        out.put("definition", CampaignYaml.canonicalJson(c));
        out.put("days", books.settlement().days(c.id()));
        return out;
    }

    private Map<String, Object> view(RoyaltyCampaign c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("kind", CampaignYaml.KIND_ROYALTY);
        out.put("asset", c.asset());
        out.put("definition", RoyaltyYaml.canonicalJson(c));
        out.put("days", books.settlement().days(c.id()));
        return out;
    }

    private void campaigns(Context ctx) {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        books.settlement().campaigns().forEach(c -> items.add(view(c)));
        books.royalties().campaigns().forEach(c -> items.add(view(c)));
        ctx.json(Map.of("items", items));
    }

    private void campaign(Context ctx) {
        String id = ctx.pathParam("id");
        var hold = books.settlement().campaign(id);
        if (hold.isPresent()) {
            ctx.json(view(hold.get()));
            return;
        }
        ctx.json(view(books.royalties().campaign(id).orElseThrow(() -> ApiException.notFound("no campaign " + id))));
    }

    private void payouts(Context ctx) {
        String id = ctx.pathParam("id");
        var hold = books.settlement().campaign(id);
        LocalDate last = hold.map(c -> c.days().getLast())
                .or(() -> books.royalties().campaign(id).map(r -> r.days().getLast()))
                .orElseThrow(() -> ApiException.notFound("no campaign " + id));
        LocalDate through = ctx.queryParam("through") == null ? last : date(ctx, "through");
        writeCsv(ctx, id, through);
    }

    private void statement(Context ctx) {
        Principal who = HttpApi.principal(ctx);
        String account = ctx.pathParam("accountId");
        if (!who.canActFor(account)) {
            // Like content, another account's existence is not revealed to a creator: 404, not 403.
            throw ApiException.notFound("no statement for account " + account + "; a creator token reads only its own ("
                    + who.authorId() + ")");
        }
        int limit = QueryParams.limit(ctx, 1_000, Ledger.STATEMENT_LINES_MAX);
        String asset = ctx.queryParam("asset");
        List<String> assets = asset == null ? books.ledger().assetsOf(account) : List.of(asset);
        if (assets.isEmpty()) throw ApiException.notFound("account " + account + " has no ledger entries");
        List<Statement> statements = assets.stream()
                .map(a -> books.ledger().statement(account, a, limit))
                .toList();
        ctx.json(Map.of("accountId", account, "statements", statements));
    }

    /** Transfer ids contain '/', which a path segment cannot carry, so the id comes in the body. */
    record ReversalRequest(String transferId, String reason) {}

    private void reverse(Context ctx) {
        ReversalRequest r = bodies.json(ctx, ReversalRequest.class);
        if (r.transferId() == null || r.transferId().isBlank()) throw ApiException.badRequest("transferId is required");
        ctx.json(books.ledger()
                .reverse(r.transferId(), r.reason(), HttpApi.principal(ctx).actor()));
    }

    private void verify(Context ctx) {
        var report = books.ledger().verify();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ok", report.ok());
        out.put("accounts", report.accounts());
        out.put("transfers", report.transfers());
        out.put("campaigns", report.campaigns());
        out.put("problems", report.problems());
        ctx.json(out);
    }
}
