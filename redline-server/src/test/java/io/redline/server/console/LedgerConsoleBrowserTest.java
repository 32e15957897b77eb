package io.redline.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.identity.Role;
import io.redline.ledger.CampaignYaml;
import io.redline.ledger.DayReport;
import io.redline.ledger.RoyaltyYaml;
import io.redline.server.LedgerApiTest;
import io.redline.server.admin.LedgerBooks;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.WebElement;

/**
 * The campaign and earnings pages in a real headless Chromium, in English and Chinese: staff see
 * each campaign's per-day totals, the pool remaining as a chart and the accounts paid; a creator
 * sees its own statement (rewards, bonus, royalties) and nobody else's.
 */
class LedgerConsoleBrowserTest {
    /** The labels the pages show, per browser language. */
    record Labels(String campaigns, String earnings, String settled, String reward, String royalty) {}

    static final Map<String, Labels> LABELS = Map.of(
            "en-US", new Labels("Campaigns", "My earnings", "settled", "reward", "royalty"),
            "zh-CN", new Labels("活动", "我的收益", "已结算", "收益", "版权收益"));

    private ConsoleFixture fx;
    private Browser browser;
    private List<DayReport> hold;
    private List<DayReport> royalty;

    @BeforeEach
    void settle() {
        fx = new ConsoleFixture();
        LedgerBooks books = fx.server.server().ledger();
        var actor = io.redline.vocabulary.Actor.system("test");
        books.imports()
                .accounts(
                        new StringReader(
                                "accountId,registeredAt\nalice,2026-11-04T00:00:00Z\nbob,2026-01-01T00:00:00Z\n"),
                        actor);
        books.imports()
                .balances(
                        new StringReader("accountId,timestamp,balance\nalice,2026-11-04T00:00:00Z,2500.5\n"
                                + "bob,2026-10-01T00:00:00Z,150000\n"),
                        "USDX",
                        6,
                        actor);
        books.imports()
                .usageCredits(new StringReader("day,creatorId,credits\n2026-11-01,alice,2\n2026-11-01,bob,1\n"), actor);
        hold = books.settlement()
                .settleThrough(CampaignYaml.parse(LedgerApiTest.NOVEMBER), LocalDate.parse("2026-11-05"), actor);
        royalty = books.royalties()
                .settleThrough(RoyaltyYaml.parse(LedgerApiTest.ROYALTIES), LocalDate.parse("2026-11-02"), actor);
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (fx != null) fx.close();
    }

    private static String units(long minor) {
        return CampaignYaml.units(BigInteger.valueOf(minor), 6);
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(org.openqa.selenium.By.tagName("td")).stream()
                .map(WebElement::getText)
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void staffSeeEachCampaignsDaysThePoolChartAndTheAccountsPaid(String language) {
        Labels l = LABELS.get(language);
        fx.user("ada", Role.ADMIN);
        browser = new Browser(fx.url(), language);
        browser.signInWithPassword("ada", ConsoleFixture.PASSWORD);
        browser.await("main");
        browser.open("/console/campaigns");
        assertThat(browser.textOf("main h1")).isEqualTo(l.campaigns());

        List<WebElement> days = browser.all("#campaign-hold-to-earn-2026-11 table.days tbody tr");
        assertThat(days).hasSize(hold.size());
        for (int i = 0; i < hold.size(); i++) {
            DayReport d = hold.get(i);
            assertThat(cells(days.get(i)).subList(0, 5))
                    .containsExactly(
                            d.day().toString(),
                            l.settled(),
                            Long.toString(d.accountsPaid()),
                            units(d.paidMinor()),
                            units(d.poolRemainingMinor()));
        }
        assertThat(hold).extracting(DayReport::accountsPaid).containsExactly(1L, 2L, 2L);
        // The chart: the full pool at the top left, one point per settled day, never rising.
        String points = browser.find("#campaign-hold-to-earn-2026-11 svg.chart polyline.pool")
                .getAttribute("points");
        int[] ys = Arrays.stream(points.trim().split(" "))
                .mapToInt(p -> Integer.parseInt(p.split(",")[1]))
                .toArray();
        assertThat(ys).hasSize(hold.size() + 1).startsWith(0).isSorted();

        List<WebElement> royaltyDays = browser.all("#campaign-royalties-2026-11 table.days tbody tr");
        assertThat(royaltyDays)
                .extracting(r -> cells(r).subList(0, 5))
                .containsExactly(
                        List.of("2026-11-01", l.settled(), "2", "10", "10"),
                        List.of("2026-11-02", l.settled(), "0", "0", "10"));
        assertThat(royalty).extracting(DayReport::paidMinor).containsExactly(10_000_000L, 0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void aCreatorSeesOnlyItsOwnStatementWithItsRewardsAndRoyalties(String language) {
        Labels l = LABELS.get(language);
        fx.user("alice", Role.CREATOR);
        browser = new Browser(fx.url(), language);
        browser.signInWithPassword("alice", ConsoleFixture.PASSWORD);
        browser.await("main");
        browser.open("/console/earnings");
        assertThat(browser.textOf("main h1")).isEqualTo(l.earnings());
        List<List<String>> usdx = browser.all("#statement-USDX tbody tr").stream()
                .map(LedgerConsoleBrowserTest::cells)
                .toList();
        // Newest posting first: the royalty of Nov 01 (2 of 3 credits of 10 USDX, settled last), then the rewards.
        assertThat(usdx).extracting(row -> row.get(2)).containsExactly(l.royalty(), l.reward(), l.reward());
        assertThat(usdx.getFirst().subList(0, 4))
                .containsExactly("2026-11-01", "royalties-2026-11", l.royalty(), "6.666667");
        assertThat(browser.find("#statement-BONUS .balance").getText()).isEqualTo("100000000");
        String page = browser.find("main").getText();
        assertThat(page).doesNotContain("bob").doesNotContain("3.333333");

        // Nothing on the page or in the address bar reaches another creator's statement.
        browser.open("/console/earnings?account=bob&accountId=bob");
        assertThat(browser.find("main").getText()).isEqualTo(page);
        browser.open("/console/campaigns");
        assertThat(browser.all("#campaign-hold-to-earn-2026-11")).isEmpty();
        assertThat(browser.find("main").getText()).doesNotContain("bob").doesNotContain("150000");
    }
}
