package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.ledger.engine.RoyaltyCampaign;
import io.redline.store.Database;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Royalty campaigns through the real ledger, on SQLite and on a real PostgreSQL. */
class RoyaltiesTest {
    static final String YAML = """
            id: royalties-2026-12
            kind: royalty
            asset: USDX
            scale: 6
            window: { start: "2026-12-01T00:00:00Z", end: "2026-12-04T00:00:00Z" }
            dailyPool: "0.0001"     # 100 minor units a day
            credits: imported
            """;
    static final LocalDate DEC_01 = LocalDate.parse("2026-12-01");
    static final LocalDate DEC_03 = LocalDate.parse("2026-12-03");

    static Royalties royalties(LedgerRepositoryTest.Books b) {
        return new Royalties(b.ledger(), b.settlement());
    }

    static void credits(LedgerRepositoryTest.Books b, String csv) {
        b.imports().usageCredits(new StringReader("day,creatorId,credits\n" + csv), LedgerRepositoryTest.ADMIN);
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void eachDaysPoolIsSplitByCreditsSummingExactlyAndACreatorSeesItInTheirStatement(Supplier<Database> databases) {
        try (LedgerRepositoryTest.Books b = LedgerRepositoryTest.Books.open(databases)) {
            // Dec 01: three equal creditors share 100 → 34, 33, 33 (the unit left goes to the first by id).
            // Dec 02: no credits → nothing paid, the day's pool stays. Dec 03: 3:1 → 75, 25.
            credits(
                    b,
                    "2026-12-01,carol,5\n2026-12-01,alice,5\n2026-12-01,bob,5\n2026-12-03,alice,3\n2026-12-03,bob,1\n");
            RoyaltyCampaign c = RoyaltyYaml.parse(YAML);
            List<DayReport> days = royalties(b).settleThrough(c, DEC_03, LedgerRepositoryTest.ADMIN);
            assertThat(days).extracting(DayReport::paidMinor).containsExactly(100L, 0L, 100L);
            assertThat(days).extracting(DayReport::poolRemainingMinor).containsExactly(200L, 200L, 100L);
            assertThat(b.csv(c.id(), DEC_03)).isEqualTo("""
                            day,accountId,asset,amountMinor
                            2026-12-01,alice,USDX,34
                            2026-12-01,bob,USDX,33
                            2026-12-01,carol,USDX,33
                            2026-12-03,alice,USDX,75
                            2026-12-03,bob,USDX,25
                            """);
            Statement alice = b.ledger().statement("alice", "USDX", 100);
            assertThat(alice.balanceMinor()).isEqualTo(109);
            assertThat(alice.lines())
                    .extracting(StatementLine::transferId, StatementLine::leg, StatementLine::amountMinor)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "royalties-2026-12/2026-12-01/alice/royalty", "royalty", 34L),
                            org.assertj.core.groups.Tuple.tuple(
                                    "royalties-2026-12/2026-12-03/alice/royalty", "royalty", 75L));
            assertThat(b.ledger().balance(Royalties.poolAccount(c.id()), "USDX"))
                    .contains(100L);
            assertThat(b.ledger().verify().ok())
                    .as(b.ledger().verify().summary())
                    .isTrue();
            assertThat(auditActions(b)).contains("ledger.campaign_create", "ledger.settle_chunk", "ledger.settle_day");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void settlingTwicePostsNothingAndADifferentDefinitionOrAnUnfinishedDayIsRefused(Supplier<Database> databases) {
        try (LedgerRepositoryTest.Books b = LedgerRepositoryTest.Books.open(databases)) {
            credits(b, "2026-12-01,alice,2\n2026-12-01,bob,1\n");
            RoyaltyCampaign c = RoyaltyYaml.parse(YAML);
            royalties(b).settleThrough(c, DEC_03, LedgerRepositoryTest.ADMIN);
            String csv = b.csv(c.id(), DEC_03);
            long transfers = b.count("ledger_transfers");
            long audits = b.count("audit_entries");
            List<DayReport> again = royalties(b).settleThrough(c, DEC_03, LedgerRepositoryTest.ADMIN);
            assertThat(again).extracting(DayReport::status).containsOnly("already_settled");
            assertThat(b.count("ledger_transfers")).isEqualTo(transfers);
            assertThat(b.count("audit_entries")).isEqualTo(audits);
            assertThat(b.csv(c.id(), DEC_03)).isEqualTo(csv);

            assertThatThrownBy(() -> royalties(b)
                            .settleThrough(
                                    RoyaltyYaml.parse(YAML.replace("\"0.0001\"", "\"0.0002\"")),
                                    DEC_03,
                                    LedgerRepositoryTest.ADMIN))
                    .isInstanceOf(LedgerException.Conflict.class)
                    .hasMessageContaining("dailyPool (minor units): 100 stored, 200 given");
            RoyaltyCampaign later = RoyaltyYaml.parse(YAML.replace("royalties-2026-12", "royalties-2027")
                    .replace("2026-12-04T00:00:00Z", "2027-01-05T00:00:00Z"));
            assertThatThrownBy(() -> royalties(b)
                            .settleThrough(later, LocalDate.parse("2027-01-04"), LedgerRepositoryTest.ADMIN))
                    .isInstanceOf(LedgerException.Invalid.class)
                    .hasMessageContaining("has not ended");

            // One id, one campaign, whatever its kind: a royalty campaign cannot take a hold campaign's id.
            b.settlement().register(Seed.campaign(), LedgerRepositoryTest.ADMIN);
            RoyaltyCampaign clash = RoyaltyYaml.parse(
                    YAML.replace("royalties-2026-12", Seed.campaign().id()));
            assertThatThrownBy(() -> royalties(b).register(clash, LedgerRepositoryTest.ADMIN))
                    .isInstanceOf(LedgerException.Conflict.class)
                    .hasMessageContaining("is already used by a hold campaign");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aRoyaltyDayStoppedMidwayResumesToTheSamePayoutsAsACleanRun(Supplier<Database> databases) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 50; i++)
            csv.append("2026-12-02,creator")
                    .append(i)
                    .append(',')
                    .append(1 + i * 7 % 13)
                    .append('\n');
        RoyaltyCampaign c = RoyaltyYaml.parse(YAML);
        String clean;
        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(databases.get(), 7, Settlement.Progress.NONE)) {
            credits(b, csv.toString());
            royalties(b).settleThrough(c, DEC_03, LedgerRepositoryTest.ADMIN);
            clean = b.csv(c.id(), DEC_03);
        }
        Database db = databases.get();
        RuntimeException crash = new RuntimeException("simulated crash");
        try (LedgerRepositoryTest.Books b = LedgerRepositoryTest.Books.open(db, 7, (day, chunk, chunks) -> {
            if (chunk == 3) throw crash;
        })) {
            credits(b, csv.toString());
            assertThatThrownBy(() -> royalties(b).settleThrough(c, DEC_03, LedgerRepositoryTest.ADMIN))
                    .isSameAs(crash);
            LedgerRepositoryTest.Books resumed = LedgerRepositoryTest.Books.open(db, 7, Settlement.Progress.NONE);
            assertThat(royalties(resumed).settleThrough(c, DEC_03, LedgerRepositoryTest.ADMIN))
                    .extracting(DayReport::status)
                    .containsExactly("already_settled", "settled", "settled");
            assertThat(resumed.csv(c.id(), DEC_03)).isEqualTo(clean);
            assertThat(resumed.ledger().verify().ok()).isTrue();
        }
    }

    static List<String> auditActions(LedgerRepositoryTest.Books b) {
        return b.db().jdbi()
                .withHandle(h -> h.createQuery("SELECT DISTINCT action FROM audit_entries")
                        .mapTo(String.class)
                        .list());
    }
}
