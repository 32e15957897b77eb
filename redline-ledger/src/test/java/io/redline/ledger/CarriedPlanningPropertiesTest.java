package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.ledger.engine.Campaign;
import io.redline.store.TestDatabases;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A run settling many days reads the balance history once and carries each account's balance from
 * day to day; a run per day reads the whole history each time. Both must pay the same, byte for
 * byte, for every basis, with accounts whose first record falls inside the window and records at
 * exactly midnight (the boundary between a day and the next).
 */
class CarriedPlanningPropertiesTest {

    @Property(tries = 12)
    void settlingManyDaysInOneRunPaysWhatADayPerRunPays(
            @ForAll @IntRange(min = 1, max = 30) int holders,
            @ForAll @IntRange(min = 1, max = 7) int throughDay,
            @ForAll @IntRange(min = 0, max = 2) int basisIndex,
            @ForAll @LongRange(min = 0, max = 3_000) long capUnits,
            @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder accounts = new StringBuilder("accountId,registeredAt\n");
        StringBuilder balances = new StringBuilder("accountId,timestamp,balance\n");
        Instant start = Instant.parse("2026-12-03T02:00:00Z");
        Instant midnight = Instant.parse("2026-12-04T00:00:00Z");
        for (int i = 0; i < holders; i++) {
            String id = "h" + i;
            accounts.append(id)
                    .append(',')
                    .append(start.plusSeconds(random.nextLong(-3 * 86_400L, 5 * 86_400L)))
                    .append('\n');
            Instant at = random.nextInt(4) == 0
                    ? midnight.plusSeconds(86_400L * random.nextInt(4)) // first record exactly at a midnight
                    : start.plusSeconds(random.nextLong(-3 * 86_400L, 4 * 86_400L));
            for (int k = random.nextInt(6); k >= 0; k--) {
                balances.append(id)
                        .append(',')
                        .append(at)
                        .append(',')
                        .append(random.nextLong(0, 300_000))
                        .append('\n');
                at = at.plusMillis(random.nextLong(1, 2 * 86_400_000L));
            }
        }
        String basis = switch (basisIndex) {
            case 0 -> "min_of_snapshots";
            case 1 -> "end_of_day";
            default -> "time_weighted_average";
        };
        Campaign c = CampaignYaml.parse(Seed.yaml()
                .replace("pool: { cap: \"100000000\" }", "pool: { cap: \"" + capUnits + "\" }")
                .replace("basis: min_of_snapshots", "basis: " + basis));
        LocalDate through = LocalDate.parse("2026-12-03").plusDays(throughDay);

        String oneRun;
        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(TestDatabases.sqlite(), 7, Settlement.Progress.NONE)) {
            b.imports().accounts(new StringReader(accounts.toString()), LedgerRepositoryTest.ADMIN);
            b.imports().balances(new StringReader(balances.toString()), "USDX", 6, LedgerRepositoryTest.ADMIN);
            b.settlement().settleThrough(c, through, LedgerRepositoryTest.ADMIN);
            oneRun = b.csv(c.id(), through);
        }
        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(TestDatabases.sqlite(), 7, Settlement.Progress.NONE)) {
            b.imports().accounts(new StringReader(accounts.toString()), LedgerRepositoryTest.ADMIN);
            b.imports().balances(new StringReader(balances.toString()), "USDX", 6, LedgerRepositoryTest.ADMIN);
            for (LocalDate d = LocalDate.parse("2026-12-03"); !d.isAfter(through); d = d.plusDays(1))
                b.settlement().settleThrough(c, d, LedgerRepositoryTest.ADMIN);
            assertThat(b.csv(c.id(), through)).isEqualTo(oneRun);
            assertThat(b.ledger().verify().ok()).isTrue();
        }
    }
}
