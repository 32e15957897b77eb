package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.ledger.engine.Payout;
import io.redline.ledger.engine.RoyaltyCampaign;
import io.redline.store.Database;
import io.redline.store.TestDatabases;
import java.io.StringReader;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Royalty settlement properties: parts sum exactly to the daily pool, settle twice = once, a resumed run = one run. */
class RoyaltyPropertiesTest {

    @Property(tries = 200)
    void aDaysPartsSumExactlyToThePoolAndEachIsWithinOneUnitOfItsShare(
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long poolMinor,
            @ForAll @IntRange(min = 1, max = 60) int creators,
            @ForAll long seed) {
        Random random = new Random(seed);
        TreeMap<String, Long> credits = new TreeMap<>();
        for (int i = 0; i < creators; i++)
            credits.put("c" + i, random.nextLong(0, random.nextBoolean() ? 10 : 1L << 40));
        RoyaltyCampaign c = new RoyaltyCampaign(
                "r",
                "USDX",
                6,
                java.time.Instant.parse("2026-12-01T00:00:00Z"),
                java.time.Instant.parse("2026-12-02T00:00:00Z"),
                BigInteger.valueOf(poolMinor),
                "imported");
        List<Payout> payouts = c.payouts(LocalDate.parse("2026-12-01"), credits);
        BigInteger total = credits.values().stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        long sum = payouts.stream().mapToLong(Payout::amountMinor).sum();
        assertThat(sum).isEqualTo(total.signum() == 0 ? 0 : poolMinor);
        for (Payout p : payouts) {
            BigInteger exactFloor = BigInteger.valueOf(poolMinor)
                    .multiply(BigInteger.valueOf(credits.get(p.accountId())))
                    .divide(total);
            assertThat(p.amountMinor() - exactFloor.longValueExact()).isBetween(0L, 1L);
        }
        assertThat(payouts.stream().map(Payout::accountId).toList()).isSorted();
    }

    @Property(tries = 10)
    void settlingTwiceIsSettlingOnceAndAResumedRunIsOneRun(
            @ForAll @IntRange(min = 1, max = 40) int creators,
            @ForAll @IntRange(min = 1, max = 5) int days,
            @ForAll @LongRange(min = 1, max = 1_000_000) long dailyPoolMinor,
            @ForAll @IntRange(min = 0, max = 20) int crashAtChunk,
            @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("day,creatorId,credits\n");
        for (int d = 0; d < days; d++) {
            for (int i = 0; i < creators; i++) {
                if (random.nextInt(3) == 0) continue;
                csv.append(LocalDate.parse("2026-12-01").plusDays(d))
                        .append(",creator")
                        .append(i)
                        .append(',')
                        .append(random.nextLong(0, 1_000))
                        .append('\n');
            }
        }
        String yaml = RoyaltiesTest.YAML
                .replace("\"0.0001\"", "\"" + CampaignYaml.units(BigInteger.valueOf(dailyPoolMinor), 6) + "\"")
                .replace("2026-12-04T00:00:00Z", LocalDate.parse("2026-12-01").plusDays(days) + "T00:00:00Z");
        RoyaltyCampaign c = RoyaltyYaml.parse(yaml);
        LocalDate through = c.days().getLast();

        String clean;
        long transfers;
        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(TestDatabases.sqlite(), 5, Settlement.Progress.NONE)) {
            b.imports().usageCredits(new StringReader(csv.toString()), LedgerRepositoryTest.ADMIN);
            List<DayReport> once = RoyaltiesTest.royalties(b).settleThrough(c, through, LedgerRepositoryTest.ADMIN);
            clean = b.csv(c.id(), through);
            transfers = b.count("ledger_transfers");
            long audits = b.count("audit_entries");
            // Every day with any credit pays exactly the daily pool.
            Map<String, Long> paidByDay = clean.lines()
                    .skip(1)
                    .map(l -> l.split(","))
                    .collect(Collectors.groupingBy(
                            f -> f[0], TreeMap::new, Collectors.summingLong(f -> Long.parseLong(f[3]))));
            paidByDay.values().forEach(v -> assertThat(v).isEqualTo(dailyPoolMinor));
            assertThat(once.stream().mapToLong(DayReport::paidMinor).sum())
                    .isEqualTo(dailyPoolMinor * paidByDay.size());
            RoyaltiesTest.royalties(b).settleThrough(c, through, LedgerRepositoryTest.ADMIN);
            assertThat(b.count("ledger_transfers")).isEqualTo(transfers);
            assertThat(b.count("audit_entries")).isEqualTo(audits);
            assertThat(b.csv(c.id(), through)).isEqualTo(clean);
            assertThat(b.ledger().verify().ok())
                    .as(b.ledger().verify().summary())
                    .isTrue();
        }

        Database db = TestDatabases.sqlite();
        RuntimeException crash = new RuntimeException("crash");
        try (LedgerRepositoryTest.Books b = LedgerRepositoryTest.Books.open(db, 5, (day, chunk, chunks) -> {
            if (chunk == crashAtChunk) throw crash;
        })) {
            b.imports().usageCredits(new StringReader(csv.toString()), LedgerRepositoryTest.ADMIN);
            try {
                RoyaltiesTest.royalties(b).settleThrough(c, through, LedgerRepositoryTest.ADMIN);
            } catch (RuntimeException e) {
                assertThat(e).isSameAs(crash);
            }
            LedgerRepositoryTest.Books resumed = LedgerRepositoryTest.Books.open(db, 5, Settlement.Progress.NONE);
            RoyaltiesTest.royalties(resumed).settleThrough(c, through, LedgerRepositoryTest.ADMIN);
            assertThat(resumed.csv(c.id(), through)).isEqualTo(clean);
            assertThat(resumed.count("ledger_transfers")).isEqualTo(transfers);
            assertThat(resumed.ledger().verify().ok()).isTrue();
        }
        assertThatThrownBy(() -> RoyaltyYaml.parse(yaml.replace("credits: imported", "credits: imported\nextra: 1")))
                .hasMessageContaining("unknown key 'extra'");
    }
}
