package io.redline.server.console;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.redline.identity.Principal;
import io.redline.identity.Role;
import io.redline.ledger.CampaignYaml;
import io.redline.ledger.DayReport;
import io.redline.ledger.Statement;
import io.redline.ledger.StatementLine;
import io.redline.ledger.engine.Campaign;
import io.redline.ledger.engine.RoyaltyCampaign;
import io.redline.server.admin.LedgerBooks;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Campaigns for staff (per-day totals, the pool remaining as a server-rendered SVG chart — no
 * script, the CSP forbids inline ones — and the accounts paid) and a creator's own earnings
 * statement. A creator's ledger account is its author id, so the page cannot show anyone else's.
 */
public final class LedgerPages {
    static final int STATEMENT_LINES = 200;
    static final int CHART_WIDTH = 600;
    static final int CHART_HEIGHT = 160;

    private final Console console;
    private final LedgerBooks books;

    public LedgerPages(Console console, LedgerBooks books) {
        this.console = console;
        this.books = books;
    }

    public List<ConsoleRoute> routes() {
        return List.of(
                ConsoleRoute.of(
                        HandlerType.GET, "/console/campaigns", EnumSet.of(Role.ADMIN, Role.AUDITOR), this::campaigns),
                ConsoleRoute.of(HandlerType.GET, "/console/earnings", EnumSet.of(Role.CREATOR), this::earnings));
    }

    /** One settled day as the page shows it, amounts already in units. */
    public record DayRow(
            String day,
            String status,
            long accountsPaid,
            String paid,
            String poolRemaining,
            boolean poolEnded,
            long bonusAccountsPaid,
            String bonusPaid) {}

    /** A campaign with its days and the chart's polyline points ("x,y x,y …", y down from the cap). */
    public record CampaignView(
            String id,
            String asset,
            String cap,
            String bonusAsset,
            List<DayRow> days,
            String chartPoints,
            int chartWidth,
            int chartHeight,
            long accountsPaidTotal,
            String paidTotal) {}

    private void campaigns(Context ctx) {
        List<CampaignView> out = new ArrayList<>();
        for (Campaign c : books.settlement().campaigns())
            out.add(view(c, books.settlement().days(c.id())));
        for (RoyaltyCampaign r : books.royalties().campaigns())
            out.add(view(r, books.settlement().days(r.id())));
        console.render(ctx, "campaigns", Map.of("campaigns", out));
    }

    static CampaignView view(Campaign c, List<DayReport> days) {
        return view(
                c.id(),
                c.asset(),
                c.scale(),
                c.poolCapMinor(),
                c.days().size(),
                c.bonus() == null ? null : c.bonus().asset(),
                c.bonus() == null ? 0 : c.bonus().scale(),
                days);
    }

    /** A royalty campaign: the same page, no bonus columns; its pool is every day's pool. */
    static CampaignView view(RoyaltyCampaign r, List<DayReport> days) {
        return view(r.id(), r.asset(), r.scale(), r.poolCapMinor(), r.days().size(), null, 0, days);
    }

    private static CampaignView view(
            String id,
            String asset,
            int scale,
            BigInteger capMinor,
            int daysInWindow,
            String bonusAsset,
            int bonusScale,
            List<DayReport> days) {
        List<DayRow> rows = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        int total = Math.max(1, daysInWindow);
        double cap = Math.max(1, capMinor.doubleValue()); // chart geometry only; amounts shown are exact
        points.append("0,0");
        long accounts = 0;
        BigInteger paid = BigInteger.ZERO;
        for (int i = 0; i < days.size(); i++) {
            DayReport d = days.get(i);
            rows.add(new DayRow(
                    d.day().toString(),
                    d.status(),
                    d.accountsPaid(),
                    units(d.paidMinor(), scale),
                    units(d.poolRemainingMinor(), scale),
                    d.poolExhausted(),
                    d.bonusAccountsPaid(),
                    bonusAsset == null ? "" : units(d.bonusPaidMinor(), bonusScale)));
            long x = Math.round((i + 1) * (double) CHART_WIDTH / total);
            long y = Math.round((1 - d.poolRemainingMinor() / cap) * CHART_HEIGHT);
            points.append(' ').append(x).append(',').append(y);
            accounts += d.accountsPaid();
            paid = paid.add(BigInteger.valueOf(d.paidMinor()));
        }
        return new CampaignView(
                id,
                asset,
                CampaignYaml.units(capMinor, scale),
                bonusAsset,
                rows,
                points.toString(),
                CHART_WIDTH,
                CHART_HEIGHT,
                accounts,
                CampaignYaml.units(paid, scale));
    }

    /** One statement line as the page shows it. */
    public record LineView(String day, String campaign, String leg, String amount, String balance) {}

    public record StatementView(String asset, String balance, List<LineView> lines, boolean truncated) {}

    private void earnings(Context ctx) {
        Principal me = Console.principal(ctx);
        List<StatementView> out = new ArrayList<>();
        for (String asset : books.ledger().assetsOf(me.authorId())) {
            Statement s = books.ledger().statement(me.authorId(), asset, STATEMENT_LINES);
            List<LineView> lines = new ArrayList<>();
            for (StatementLine l : s.lines().reversed()) {
                lines.add(new LineView(
                        l.day() == null ? "" : l.day(),
                        l.campaignId() == null ? "" : l.campaignId(),
                        l.leg(),
                        units(l.amountMinor(), s.scale()),
                        units(l.balanceMinor(), s.scale())));
            }
            out.add(new StatementView(asset, units(s.balanceMinor(), s.scale()), lines, s.truncated()));
        }
        console.render(ctx, "earnings", Map.of("statements", out, "account", me.authorId()));
    }

    private static String units(long minor, int scale) {
        return CampaignYaml.units(BigInteger.valueOf(minor), scale);
    }
}
