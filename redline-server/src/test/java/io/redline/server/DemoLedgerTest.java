package io.redline.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.ledger.DayReport;
import io.redline.server.admin.LedgerBooks;
import io.redline.server.demo.DemoData;
import io.redline.server.demo.DemoLedger;
import io.redline.store.TestClock;
import io.redline.store.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's ledger: the seed campaign settles end to end, and loading twice posts nothing. */
class DemoLedgerTest {

    @Test
    void theDemoSettlesTheSeedCampaignEndToEndAndAgainPostsNothing() {
        try (TestServer s = new TestServer(TestDatabases.sqliteConfig())) {
            LedgerBooks books = s.server().ledger();
            TestClock today = TestClock.fixed(Instant.parse("2026-12-02T10:00:00Z"));
            List<DayReport> days = DemoLedger.load(books, today);
            assertThat(days)
                    .hasSize(20)
                    .allSatisfy(d -> assertThat(d.campaignId()).isEqualTo(DemoLedger.DEMO_ID));
            assertThat(days).extracting(DayReport::status).containsOnly("settled");
            assertThat(days.getFirst().day()).isEqualTo(java.time.LocalDate.parse("2025-12-03"));
            assertThat(days.getFirst().accountsPaid()).isPositive();
            assertThat(days.stream().mapToLong(DayReport::bonusAccountsPaid).sum())
                    .isPositive();
            assertThat(books.ledger().balance(DemoData.CREATOR_AUTHOR_ID, "USDX"))
                    .hasValueSatisfying(b -> assertThat(b).isPositive());
            // The demo royalty campaign paid its daily pool every day, the demo creator among the creators.
            assertThat(books.settlement().days(DemoLedger.ROYALTY_ID))
                    .hasSize(20)
                    .allSatisfy(d -> assertThat(d.paidMinor()).isEqualTo(50_000_000L));
            assertThat(books.ledger()
                            .statement(DemoData.CREATOR_AUTHOR_ID, "USDX", 1_000)
                            .lines())
                    .filteredOn(l -> l.leg().equals("royalty"))
                    .hasSize(20);
            // The seed campaign is registered (its pool funded) and settles as its days end.
            assertThat(books.settlement().campaign("hold-to-earn-2026-12")).isPresent();
            // A later run names the same definitions: nothing new is posted.
            long transfers = books.ledger().verify().transfers();
            assertThat(DemoLedger.load(books, today))
                    .extracting(DayReport::status)
                    .containsOnly("already_settled");
            assertThat(books.ledger().verify().transfers()).isEqualTo(transfers);
            assertThat(books.ledger().verify().ok())
                    .as(books.ledger().verify().summary())
                    .isTrue();
        }
    }
}
