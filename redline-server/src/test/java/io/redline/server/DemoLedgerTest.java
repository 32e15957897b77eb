package io.redline.server;

import io.redline.ledger.DayReport;
import io.redline.server.demo.DemoData;
import io.redline.server.demo.DemoLedger;
import io.redline.store.TestClock;
import io.redline.store.TestDatabases;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's ledger: the seed campaign settles end to end, and loading twice posts nothing. */
class DemoLedgerTest {

    @Test
    void theDemoSettlesTheSeedCampaignEndToEndAndAgainPostsNothing() {
        try (TestServer s = new TestServer(TestDatabases.sqliteConfig())) {
            LedgerBooks books = s.server().ledger();
            // Before the seed's window: the seed definition moved to end today.
            TestClock before = TestClock.fixed(Instant.parse("2026-12-02T10:00:00Z"));
            List<DayReport> days = DemoLedger.load(books, before);
            assertThat(days).hasSize(20).allSatisfy(d -> assertThat(d.campaignId()).isEqualTo(DemoLedger.DEMO_ID));
            assertThat(days).extracting(DayReport::status).containsOnly("settled");
            assertThat(days.getFirst().accountsPaid()).isPositive();
            assertThat(days.stream().mapToLong(DayReport::bonusAccountsPaid).sum()).isPositive();
            assertThat(books.ledger().balance(DemoData.CREATOR_AUTHOR_ID, "USDX")).hasValueSatisfying(b -> assertThat(b).isPositive());
            assertThat(DemoLedger.load(books, before)).extracting(DayReport::status).containsOnly("already_settled");

            // Once the seed's own first day has ended, the demo settles the seed itself.
            assertThat(DemoLedger.campaign(TestClock.fixed(Instant.parse("2026-12-06T08:00:00Z"))).id()).isEqualTo("hold-to-earn-2026-12");
            assertThat(DemoLedger.campaign(TestClock.fixed(Instant.parse("2026-12-03T23:59:59Z"))).id()).isEqualTo(DemoLedger.DEMO_ID);
            assertThat(books.ledger().verify().ok()).as(books.ledger().verify().summary()).isTrue();
        }
    }
}
