package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.ledger.engine.Campaign;
import io.redline.store.TestDatabases;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Random holders and histories through the real ledger (SQLite): settle(D) twice = once, money conserved, no pool negative. */
class SettlementPropertiesTest {

    @Property(tries = 12)
    void settlingTwiceIsSettlingOnceAndMoneyIsConserved(
            @ForAll @IntRange(min = 1, max = 40) int holders,
            @ForAll @IntRange(min = 0, max = 8) int throughDay,
            @ForAll @LongRange(min = 0, max = 20_000) long capUnits,
            @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder accounts = new StringBuilder("accountId,registeredAt\n");
        StringBuilder balances = new StringBuilder("accountId,timestamp,balance\n");
        Instant start = Instant.parse("2026-12-03T02:00:00Z");
        for (int i = 0; i < holders; i++) {
            String id = "h" + i;
            accounts.append(id)
                    .append(',')
                    .append(start.plusSeconds(random.nextLong(-5 * 86_400L, 5 * 86_400L)))
                    .append('\n');
            Instant at = start.minusSeconds(random.nextLong(0, 3 * 86_400L));
            for (int k = random.nextInt(5); k >= 0; k--) {
                balances.append(id)
                        .append(',')
                        .append(at)
                        .append(',')
                        .append(random.nextLong(0, 300_000))
                        .append('.')
                        .append(random.nextInt(1_000_000))
                        .append('\n');
                at = at.plusMillis(random.nextLong(1, 3 * 86_400_000L));
            }
        }
        Campaign c = Seed.with("pool: { cap: \"100000000\" }", "pool: { cap: \"" + capUnits + "\" }");
        LocalDate through = LocalDate.parse("2026-12-03").plusDays(throughDay);
        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(TestDatabases.sqlite(), 7, Settlement.Progress.NONE)) {
            b.imports().accounts(new StringReader(accounts.toString()), LedgerRepositoryTest.ADMIN);
            b.imports().balances(new StringReader(balances.toString()), "USDX", 6, LedgerRepositoryTest.ADMIN);
            List<DayReport> once = b.settlement().settleThrough(c, through, LedgerRepositoryTest.ADMIN);
            String csv = b.csv(c.id(), through);
            long transfers = b.count("ledger_transfers");
            long audits = b.count("audit_entries");
            List<DayReport> twice = b.settlement().settleThrough(c, through, LedgerRepositoryTest.ADMIN);
            assertThat(twice)
                    .extracting(DayReport::paidMinor)
                    .isEqualTo(once.stream().map(DayReport::paidMinor).toList());
            assertThat(b.count("ledger_transfers")).isEqualTo(transfers);
            assertThat(b.count("audit_entries")).isEqualTo(audits);
            assertThat(b.csv(c.id(), through)).isEqualTo(csv);

            Map<String, Long> sums = b.sumByAsset();
            sums.values()
                    .forEach(sum -> assertThat(sum)
                            .as("every asset's balances sum to 0: %s", sums)
                            .isZero());
            long pool =
                    b.ledger().balance(Settlement.poolAccount(c.id()), "USDX").orElseThrow();
            assertThat(pool).isNotNegative();
            assertThat(pool + once.stream().mapToLong(DayReport::paidMinor).sum())
                    .isEqualTo(capUnits * 1_000_000);
            assertThat(b.ledger()
                            .balance(Settlement.bonusAccount(c.id()), "BONUS")
                            .orElseThrow())
                    .isNotNegative();
            assertThat(b.ledger().verify().ok())
                    .as(b.ledger().verify().summary())
                    .isTrue();
        }
    }
}
