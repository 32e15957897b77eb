package io.redline.server.demo;

import io.redline.identity.Principal;
import io.redline.ledger.CampaignYaml;
import io.redline.ledger.DayReport;
import io.redline.ledger.Settlement;
import io.redline.ledger.engine.Campaign;
import io.redline.server.admin.LedgerBooks;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's ledger: 2,000 holders (the demo creator among them) with a balance history, the seed
 * campaign's definition moved one year back (same tiers, snapshots, pools and 02:00 partial first
 * day; id {@value #DEMO_ID}) settled in full, and the seed campaign itself settled through
 * yesterday once its days have ended. The moved window is fixed, not relative to today, so every
 * run names the same definition: a second run imports and posts nothing.
 */
public final class DemoLedger {
    public static final String SEED_RESOURCE = "/campaigns/hold-to-earn-2026-12.yaml";
    public static final String DEMO_ID = "hold-to-earn-demo";
    private static final int HOLDERS = 2_000;

    private DemoLedger() {}

    public static String seedYaml() {
        try (InputStream in = Settlement.class.getResourceAsStream(SEED_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed definition moved one year back, under {@value #DEMO_ID}: a campaign whose days have all ended. */
    public static Campaign demoCampaign() {
        Campaign seed = CampaignYaml.parse(seedYaml());
        String moved = seedYaml()
                .replace("id: " + seed.id(), "id: " + DEMO_ID)
                .replace(
                        "\"" + seed.windowStart() + "\"",
                        "\""
                                + seed.windowStart()
                                        .atZone(ZoneOffset.UTC)
                                        .minusYears(1)
                                        .toInstant() + "\"")
                .replace(
                        "\"" + seed.windowEnd() + "\"",
                        "\""
                                + seed.windowEnd()
                                        .atZone(ZoneOffset.UTC)
                                        .minusYears(1)
                                        .toInstant() + "\"");
        return CampaignYaml.parse(moved);
    }

    public static List<DayReport> load(LedgerBooks books, Clock clock) {
        var actor = Principal.system("demo").actor();
        Campaign c = demoCampaign();
        Random rnd = new Random(20261203L);
        StringBuilder accounts = new StringBuilder("accountId,registeredAt\n");
        StringBuilder balances = new StringBuilder("accountId,timestamp,balance\n");
        for (int i = 0; i < HOLDERS; i++) {
            String id = "u" + (1000 + i);
            boolean newUser = i % 4 == 0;
            Instant registered = newUser
                    ? c.windowStart().plus(Duration.ofHours(rnd.nextInt(24 * 10)))
                    : c.windowStart().minus(Duration.ofDays(30 + rnd.nextInt(300)));
            accounts.append(id).append(',').append(registered).append('\n');
            Instant at = registered.isBefore(c.windowStart()) ? c.windowStart().minus(Duration.ofDays(1)) : registered;
            long units = i == 0 ? 12_000 : (long) rnd.nextInt(i % 10 == 0 ? 300_000 : 20_000);
            for (int change = 0; change < 6 && at.isBefore(c.windowEnd()); change++) {
                balances.append(id)
                        .append(',')
                        .append(at)
                        .append(',')
                        .append(units)
                        .append('.')
                        .append(String.format("%06d", rnd.nextInt(1_000_000)))
                        .append('\n');
                at = at.plus(Duration.ofHours(6 + rnd.nextInt(24 * 4)));
                units = Math.max(0, units + rnd.nextInt(4_000) - 1_500);
            }
        }
        books.imports().accounts(new StringReader(accounts.toString()), actor);
        books.imports().balances(new StringReader(balances.toString()), c.asset(), c.scale(), actor);
        LocalDate yesterday =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        List<DayReport> days = new ArrayList<>(books.settlement().settleThrough(c, yesterday, actor));
        // The seed itself: registered now, its days settled as they end (none before Dec 04 2026).
        days.addAll(books.settlement().settleThrough(CampaignYaml.parse(seedYaml()), yesterday, actor));
        royalties(books, actor);
        return days;
    }

    public static final String ROYALTY_ID = "royalties-demo";

    /** A royalty campaign over the same (past) days: 50 USDX a day split among 12 creators, the demo creator among them. */
    public static final String ROYALTY_YAML = """
            id: royalties-demo
            kind: royalty
            asset: USDX
            scale: 6
            window: { start: "2025-12-03T00:00:00Z", end: "2025-12-23T00:00:00Z" }
            dailyPool: "50"
            credits: imported
            """;

    private static void royalties(LedgerBooks books, io.redline.vocabulary.Actor actor) {
        var campaign = io.redline.ledger.RoyaltyYaml.parse(ROYALTY_YAML);
        Random rnd = new Random(20251203L);
        StringBuilder credits = new StringBuilder("day,creatorId,credits\n");
        for (LocalDate day : campaign.days()) {
            for (int i = 0; i < 12; i++) {
                if (i > 0 && rnd.nextInt(3) == 0) continue; // not every creator's items are used every day
                credits.append(day)
                        .append(",u")
                        .append(1000 + i)
                        .append(',')
                        .append(1 + rnd.nextInt(40))
                        .append('\n');
            }
        }
        books.imports().usageCredits(new StringReader(credits.toString()), actor);
        books.royalties().settleThrough(campaign, campaign.days().getLast(), actor);
    }
}
