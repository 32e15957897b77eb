package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.ledger.engine.RoyaltyCampaign;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The royalty counterpart of {@link CrashResumeTest}: kills a process settling three days of a
 * royalty campaign (10,000 creators a day) at random points — while planning, between chunks,
 * inside a chunk's transaction — restarts it until it finishes, and compares the payouts byte for
 * byte with one clean run; every day still pays exactly its pool.
 */
class RoyaltyCrashResumeTest {
    private static final int CREATORS = 10_000;
    private static final int CHUNK = 500;
    private static final int KILLS = 4;
    private static final String YAML = RoyaltiesTest.YAML.replace("\"0.0001\"", "\"1234.567891\"");
    private static final long DAILY_POOL_MINOR = 1_234_567_891L;

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aRoyaltySettlementKilledAtRandomPointsAndResumedPaysExactlyWhatACleanRunPays(Supplier<Database> databases)
            throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        RoyaltyCampaign campaign = RoyaltyYaml.parse(YAML);
        LocalDate through = campaign.days().getLast();
        String credits = credits(new Random(seed ^ 0x5DEECE66DL), campaign.days());

        String clean;
        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(databases.get(), CHUNK, Settlement.Progress.NONE)) {
            b.imports().usageCredits(new StringReader(credits), LedgerRepositoryTest.ADMIN);
            RoyaltiesTest.royalties(b).settleThrough(campaign, through, LedgerRepositoryTest.ADMIN);
            clean = b.csv(campaign.id(), through);
        }
        assertThat(clean.lines().count()).isGreaterThan(2L * CREATORS); // three days, most creators each day
        clean.lines()
                .skip(1)
                .collect(java.util.stream.Collectors.groupingBy(
                        l -> l.substring(0, 10),
                        java.util.stream.Collectors.summingLong(
                                l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)))))
                .values()
                .forEach(paid -> assertThat(paid).isEqualTo(DAILY_POOL_MINOR));

        Database crashed = databases.get();
        StoreConfig config = crashed.config();
        try (LedgerRepositoryTest.Books b = LedgerRepositoryTest.Books.open(crashed, CHUNK, Settlement.Progress.NONE)) {
            b.imports().usageCredits(new StringReader(credits), LedgerRepositoryTest.ADMIN);
        }
        // ~54 chunks in all (18 a day); each kill comes after at most 7 chunks of its run, so the
        // four kills land anywhere from planning day one to the middle of day three.
        List<String> killedAfter =
                KillAndResume.run(config, random, seed, KILLS, 8, Integer.toString(CHUNK), through.toString(), YAML);

        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(Database.open(config), CHUNK, Settlement.Progress.NONE)) {
            String resumed = b.csv(campaign.id(), through);
            assertThat(resumed.equals(clean))
                    .as("royalties after kills at %s (seed %d) equal a clean run's, byte for byte", killedAfter, seed)
                    .isTrue();
            assertThat(b.ledger().verify().ok())
                    .as(b.ledger().verify().summary())
                    .isTrue();
            assertThat(b.audit().verify().ok()).isTrue();
            long transfers = b.count("ledger_transfers");
            RoyaltiesTest.royalties(b).settleThrough(campaign, through, LedgerRepositoryTest.ADMIN);
            assertThat(b.count("ledger_transfers")).isEqualTo(transfers);
        }
    }

    /** Each day, about nine in ten creators earned 0..9,999 credits. */
    private static String credits(Random random, List<LocalDate> days) {
        StringBuilder csv = new StringBuilder("day,creatorId,credits\n");
        for (LocalDate day : days) {
            for (int i = 0; i < CREATORS; i++) {
                if (random.nextInt(10) == 0) continue;
                csv.append(day)
                        .append(",creator")
                        .append(String.format("%06d", i))
                        .append(',')
                        .append(random.nextInt(10_000))
                        .append('\n');
            }
        }
        return csv.toString();
    }
}
