package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.audit.AuditLog;
import io.redline.ledger.engine.Campaign;
import io.redline.store.Database;
import io.redline.store.TestClock;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger and the settlement on SQLite and on a real PostgreSQL. */
class LedgerRepositoryTest {
    static final io.redline.vocabulary.Actor ADMIN = new io.redline.vocabulary.Actor("tok_admin", "admin");
    static final LocalDate DEC_03 = LocalDate.parse("2026-12-03");
    static final LocalDate DEC_05 = LocalDate.parse("2026-12-05");

    record Books(Database db, AuditLog audit, Ledger ledger, Imports imports, Settlement settlement, TestClock clock)
            implements AutoCloseable {
        static Books open(Supplier<Database> databases) {
            return open(databases.get(), Settlement.CHUNK_TRANSFERS, Settlement.Progress.NONE);
        }

        static Books open(Database db, int chunk, Settlement.Progress progress) {
            TestClock clock = TestClock.fixed(Instant.parse("2026-12-24T00:00:00Z"));
            AuditLog audit = AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, clock);
            Ledger ledger = Ledger.open(db, audit, clock);
            return new Books(db, audit, ledger, new Imports(ledger), new Settlement(ledger, chunk, progress), clock);
        }

        void load(int accounts) {
            imports.accounts(new StringReader(Histories.accountsCsv(accounts)), ADMIN);
            imports.balances(new StringReader(Histories.balancesCsv(accounts)), "USDX", 6, ADMIN);
        }

        String csv(String campaignId, LocalDate through) {
            StringWriter w = new StringWriter();
            try {
                settlement.writeCsv(campaignId, through, w);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return w.toString();
        }

        long count(String table) {
            return db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                            .mapTo(Long.class)
                            .one());
        }

        Map<String, Long> sumByAsset() {
            Map<String, Long> out = new java.util.TreeMap<>();
            db.jdbi()
                    .useHandle(
                            h -> h.createQuery("SELECT asset, SUM(balance_minor) FROM ledger_accounts GROUP BY asset")
                                    .map((rs, ctx) -> out.put(rs.getString(1), rs.getLong(2)))
                                    .list());
            return out;
        }

        @Override
        public void close() {
            db.close();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void settlingADayTwicePostsNothingTheSecondTimeAndPrintsTheSame(Supplier<Database> databases) {
        try (Books b = Books.open(databases)) {
            b.load(400);
            List<DayReport> first = b.settlement.settleThrough(Seed.campaign(), DEC_05, ADMIN);
            assertThat(first).extracting(DayReport::day).containsExactly(DEC_03, DEC_03.plusDays(1), DEC_05);
            assertThat(first).extracting(DayReport::status).containsOnly("settled");
            assertThat(first.getFirst().accountsPaid()).isPositive();
            assertThat(first.getFirst().bonusAccountsPaid()).isPositive();
            String csv = b.csv("hold-to-earn-2026-12", DEC_05);
            long transfers = b.count("ledger_transfers");
            long audits = b.count("audit_entries");

            List<DayReport> again = b.settlement.settleThrough(Seed.campaign(), DEC_05, ADMIN);
            assertThat(again).extracting(DayReport::status).containsOnly("already_settled");
            assertThat(again)
                    .extracting(DayReport::paidMinor)
                    .isEqualTo(first.stream().map(DayReport::paidMinor).toList());
            assertThat(b.count("ledger_transfers")).isEqualTo(transfers);
            assertThat(b.count("audit_entries")).isEqualTo(audits);
            assertThat(b.csv("hold-to-earn-2026-12", DEC_05)).isEqualTo(csv);
            assertThat(csv)
                    .startsWith("day,accountId,asset,amountMinor\n2026-12-03,u0000001,USDX,"); // u0000000 holds 0
            assertThat(csv.lines().skip(1).filter(l -> l.contains(",BONUS,")).count())
                    .isEqualTo(first.stream()
                            .mapToLong(DayReport::bonusAccountsPaid)
                            .sum());

            // Money is conserved: every asset's balances sum to zero (the issuer holds the negative side).
            assertThat(b.sumByAsset()).containsOnly(Map.entry("BONUS", 0L), Map.entry("USDX", 0L));
            long paid = first.stream().mapToLong(DayReport::paidMinor).sum();
            assertThat(b.ledger.balance(Settlement.poolAccount("hold-to-earn-2026-12"), "USDX"))
                    .contains(100_000_000_000_000L - paid);
            assertThat(b.ledger.verify().ok()).as(b.ledger.verify().summary()).isTrue();
            assertThat(b.audit.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aPoolThatRunsShortScalesThatDayAndPaysNothingAfter(Supplier<Database> databases) {
        try (Books b = Books.open(databases)) {
            b.load(300);
            Campaign small = Seed.with("pool: { cap: \"100000000\" }", "pool: { cap: \"8000\" }");
            List<DayReport> days = b.settlement.settleThrough(small, DEC_05, ADMIN);
            DayReport d3 = days.get(0);
            assertThat(d3.totalDueMinor()).isLessThanOrEqualTo(8_000_000_000L); // the first 22 h fit in the pool
            DayReport d4 = days.get(1);
            assertThat(d4.totalDueMinor()).isGreaterThan(8_000_000_000L - d3.paidMinor());
            assertThat(d4.poolExhausted()).isTrue();
            assertThat(d4.paidMinor()).isLessThanOrEqualTo(8_000_000_000L - d3.paidMinor());
            assertThat(d4.poolRemainingMinor()).isBetween(0L, (long) d4.accountsPaid() + 300);
            DayReport d5 = days.get(2);
            assertThat(d5.paidMinor()).isZero();
            assertThat(d5.accountsPaid()).isZero();
            assertThat(d5.poolRemainingMinor()).isEqualTo(d4.poolRemainingMinor());
            // Each scaled payout is due × remaining / totalDue, rounded down.
            long remainingBefore = 8_000_000_000L - d3.paidMinor();
            assertThat(d4.paidMinor()).isGreaterThan(remainingBefore - 300);
            assertThat(b.ledger.balance(Settlement.poolAccount("hold-to-earn-2026-12"), "USDX"))
                    .contains(d5.poolRemainingMinor());
            assertThat(b.ledger.verify().ok()).as(b.ledger.verify().summary()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aNewUserGetsTheBonusOnTheFirstDayItsBasisReachesTheMinimum(Supplier<Database> databases) {
        try (Books b = Books.open(databases)) {
            b.imports.accounts(
                    new StringReader(
                            "accountId,registeredAt\nnew1,2026-12-03T08:00:00Z\nold1,2026-11-01T00:00:00Z\nnew2,2026-12-04T01:00:00Z\n"),
                    ADMIN);
            b.imports.balances(
                    new StringReader("accountId,timestamp,balance\n"
                            + "new1,2026-12-03T08:00:00Z,500\n" // 06:00 snapshot sees 0 on Dec 03 → basis 0; Dec 04
                            // basis 500
                            + "old1,2026-12-01T00:00:00Z,500\n" // registered before the window: never a bonus
                            + "new2,2026-12-04T01:00:00Z,99.999999\n" // below minBasis on Dec 04
                            + "new2,2026-12-04T19:00:00Z,100\n"),
                    "USDX",
                    6,
                    ADMIN); // Dec 05: basis 100 → bonus
            b.settlement.settleThrough(Seed.campaign(), DEC_05, ADMIN);
            assertThat(b.csv("hold-to-earn-2026-12", DEC_05)
                            .lines()
                            .filter(l -> l.contains(",BONUS,"))
                            .toList())
                    .containsExactly("2026-12-04,new1,BONUS,100000000", "2026-12-05,new2,BONUS,100000000");
            assertThat(b.ledger.balance("new1", "BONUS")).contains(100_000_000L);
            assertThat(b.ledger.balance("old1", "BONUS")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aDifferentDefinitionUnderAnExistingIdIsRefusedSayingWhatDiffers(Supplier<Database> databases) {
        try (Books b = Books.open(databases)) {
            b.settlement.settleThrough(Seed.campaign(), DEC_03, ADMIN);
            assertThatThrownBy(() ->
                            b.settlement.settleThrough(Seed.with("apr: \"0.08\"", "apr: \"0.09\""), DEC_05, ADMIN))
                    .isInstanceOf(LedgerException.Conflict.class)
                    .hasMessageContaining("campaign id 'hold-to-earn-2026-12' already names another definition")
                    .hasMessageContaining("tiers[1].apr: 0.08 stored, 0.09 given");
            assertThat(b.settlement.days("hold-to-earn-2026-12")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aDayIsSettledOnlyAfterItEnds(Supplier<Database> databases) {
        try (Books b = Books.open(databases)) {
            b.clock.set(Instant.parse("2026-12-05T23:59:59Z"));
            assertThatThrownBy(() -> b.settlement.settleThrough(Seed.campaign(), DEC_05, ADMIN))
                    .isInstanceOf(LedgerException.Invalid.class)
                    .hasMessageContaining("day 2026-12-05 of campaign hold-to-earn-2026-12 has not ended");
            assertThat(b.count("ledger_transfers")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aMultiLegTransactionAppliesAllOrNothingAndAReplayPostsNothing(Supplier<Database> databases) {
        try (Books b = Books.open(databases)) {
            b.ledger.openAccount("reserve", "USDX", true);
            b.ledger.post(
                    "fund-1",
                    "manual",
                    List.of(new Transfer(
                            "fund-1/a", "issuer:USDX", "reserve", "USDX", 100, null, null, "manual", null)),
                    ADMIN);
            List<Transfer> overdraw = List.of(
                    new Transfer("pay-1/a", "reserve", "alice", "USDX", 60, null, null, "manual", null),
                    new Transfer("pay-1/b", "reserve", "bob", "USDX", 60, null, null, "manual", null));
            assertThatThrownBy(() -> b.ledger.post("pay-1", "manual", overdraw, ADMIN))
                    .isInstanceOf(LedgerException.Conflict.class)
                    .hasMessageContaining("reserve (USDX) may not go negative");
            assertThat(b.ledger.balance("reserve", "USDX")).contains(100L);
            assertThat(b.ledger.balance("alice", "USDX")).isEmpty();

            List<Transfer> fits = List.of(
                    overdraw.get(0), new Transfer("pay-1/b", "reserve", "bob", "USDX", 40, null, null, "manual", null));
            assertThat(b.ledger.post("pay-1", "manual", fits, ADMIN).replayed()).isFalse();
            assertThat(b.ledger.post("pay-1", "manual", fits, ADMIN).replayed()).isTrue();
            assertThatThrownBy(() -> b.ledger.post("pay-1", "manual", overdraw.subList(0, 1), ADMIN))
                    .isInstanceOf(LedgerException.Conflict.class)
                    .hasMessageContaining("already posted with other legs");
            assertThat(b.ledger.balance("reserve", "USDX")).contains(0L);
            assertThat(b.ledger.balance("bob", "USDX")).contains(40L);

            // A correction is a reversing transfer, never an edit; reversing twice posts once.
            assertThat(b.ledger.reverse("pay-1/b", "wrong payee", ADMIN).replayed())
                    .isFalse();
            assertThat(b.ledger.reverse("pay-1/b", "wrong payee", ADMIN).replayed())
                    .isTrue();
            assertThat(b.ledger.balance("bob", "USDX")).contains(0L);
            assertThat(b.ledger.balance("reserve", "USDX")).contains(40L);
            Statement s = b.ledger.statement("bob", "USDX", 100);
            assertThat(s.lines()).extracting(StatementLine::amountMinor).containsExactly(40L, -40L);
            assertThat(s.lines()).extracting(StatementLine::balanceMinor).containsExactly(40L, 0L);
            assertThat(b.ledger.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void reImportingTheSameFilesChangesNothing(Supplier<Database> databases) {
        try (Books b = Books.open(databases)) {
            Imports.Result first = b.imports.balances(new StringReader(Histories.balancesCsv(50)), "USDX", 6, ADMIN);
            Imports.Result again = b.imports.balances(new StringReader(Histories.balancesCsv(50)), "USDX", 6, ADMIN);
            assertThat(first.inserted()).isEqualTo(first.rows()).isPositive();
            assertThat(again.inserted()).isZero();
            assertThat(again.sha256()).isEqualTo(first.sha256());
            assertThat(b.count("ledger_balance_history")).isEqualTo(first.rows());
            assertThatThrownBy(() -> b.imports.balances(
                            new StringReader("accountId,timestamp,balance\nx,2026-12-01T00:00:00Z,1\n"),
                            "USDX",
                            2,
                            ADMIN))
                    .isInstanceOf(LedgerException.Conflict.class)
                    .hasMessageContaining("asset USDX has scale 6");
            assertThatThrownBy(() -> b.imports.balances(
                            new StringReader("accountId,timestamp,balance\nx,2026-12-01T00:00:00Z,1.0000001\n"),
                            "USDX",
                            6,
                            ADMIN))
                    .isInstanceOf(LedgerException.Invalid.class)
                    .hasMessageContaining("line 2: balance '1.0000001' has more than 6 decimals");
            assertThatThrownBy(() -> b.imports.accounts(new StringReader("id,registered\n"), ADMIN))
                    .hasMessageContaining("line 1 must be the header 'accountId,registeredAt'");
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void idsAndNumbersInOtherScriptsDigitsAreRefusedWithTheirLine(Supplier<Database> databases) {
        // Long.parseLong and new BigDecimal read "١٢٣" (Arabic-Indic) and "１２３" (full-width) as 123.
        try (Books b = Books.open(databases)) {
            assertThatThrownBy(() -> b.imports.usageCredits(
                            new StringReader("day,creatorId,credits\n2026-12-01,alice,3\n2026-12-01,bob,١٢٣\n"), ADMIN))
                    .isInstanceOf(LedgerException.Invalid.class)
                    .hasMessageContaining("line 3: credits '١٢٣' must be a whole number");
            assertThatThrownBy(() -> b.imports.usageCredits(
                            new StringReader("day,creatorId,credits\n2026-12-01,١٢٣,3\n"), ADMIN))
                    .isInstanceOf(LedgerException.Invalid.class)
                    .hasMessageContaining("line 2: accountId '١٢٣'");
            assertThatThrownBy(() -> b.imports.balances(
                            new StringReader("accountId,timestamp,balance\nx,2026-12-01T00:00:00Z,１２３\n"),
                            "USDX",
                            6,
                            ADMIN))
                    .isInstanceOf(LedgerException.Invalid.class)
                    .hasMessageContaining("line 2: balance '１２３'");
            assertThatThrownBy(() -> b.imports.accounts(
                            new StringReader("accountId,registeredAt\n١٢٣,2026-11-04T00:00:00Z\n"), ADMIN))
                    .isInstanceOf(LedgerException.Invalid.class)
                    .hasMessageContaining("line 2: accountId '١٢٣'");
            assertThat(b.count("ledger_usage_credits")).isZero();
            assertThat(b.count("ledger_balance_history")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aFailedImportLeavesNeitherItsRowsNorItsAuditEntry(Supplier<Database> databases) {
        Database db = databases.get();
        // The audit log refuses an entry dated before 1970: the import fails after every row was inserted.
        TestClock broken = TestClock.fixed(Instant.parse("1969-12-31T23:59:59Z"));
        Ledger ledger = Ledger.open(db, AuditLog.open(db, io.redline.audit.AuditRetention.DEFAULT, broken), broken);
        try (Books b = Books.open(db, Settlement.CHUNK_TRANSFERS, Settlement.Progress.NONE)) {
            assertThatThrownBy(() -> new Imports(ledger)
                            .balances(new StringReader(Histories.balancesCsv(1_200)), "USDX", 6, ADMIN))
                    .hasMessageContaining("occurredAt");
            assertThatThrownBy(() -> new Imports(ledger)
                            .usageCredits(new StringReader("day,creatorId,credits\n2026-12-01,alice,3\n"), ADMIN))
                    .hasMessageContaining("occurredAt");
            assertThat(b.count("ledger_balance_history")).isZero();
            assertThat(b.count("ledger_usage_credits")).isZero();
            assertThat(b.count("ledger_assets")).isZero();
            assertThat(b.count("audit_entries")).isZero();

            Imports.Result stored =
                    b.imports.balances(new StringReader(Histories.balancesCsv(1_200)), "USDX", 6, ADMIN);
            assertThat(b.count("ledger_balance_history")).isEqualTo(stored.rows());
            List<String> entries = b.db.jdbi()
                    .withHandle(h -> h.createQuery(
                                    "SELECT details FROM audit_entries WHERE action = 'ledger.import_balances'")
                            .mapTo(String.class)
                            .list());
            assertThat(entries).singleElement().asString().contains(stored.sha256(), "\"inserted\":" + stored.rows());
            assertThat(b.audit.verify().ok()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSettlementStoppedMidDayResumesToTheSamePayoutsAsACleanRun(Supplier<Database> databases) {
        String clean;
        try (Books b = Books.open(databases.get(), 97, Settlement.Progress.NONE)) {
            b.load(600);
            b.settlement.settleThrough(Seed.campaign(), DEC_05, ADMIN);
            clean = b.csv("hold-to-earn-2026-12", DEC_05);
        }
        Database db = databases.get();
        RuntimeException crash = new RuntimeException("simulated crash");
        try (Books b = Books.open(db, 97, (day, chunk, chunks) -> {
            if (day.equals(DEC_05.minusDays(1)) && chunk == 2) throw crash;
        })) {
            b.load(600);
            assertThatThrownBy(() -> b.settlement.settleThrough(Seed.campaign(), DEC_05, ADMIN))
                    .isSameAs(crash);
            assertThat(b.settlement.days("hold-to-earn-2026-12"))
                    .extracting(DayReport::status)
                    .containsExactly("settled", "running");
            Books resumed = Books.open(db, 97, Settlement.Progress.NONE);
            List<DayReport> reports = resumed.settlement.settleThrough(Seed.campaign(), DEC_05, ADMIN);
            assertThat(reports).extracting(DayReport::status).containsExactly("already_settled", "settled", "settled");
            assertThat(resumed.csv("hold-to-earn-2026-12", DEC_05)).isEqualTo(clean);
            assertThat(resumed.ledger.verify().ok())
                    .as(resumed.ledger.verify().summary())
                    .isTrue();
        }
    }
}
