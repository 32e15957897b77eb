package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Kills a settling process (SIGKILL, no shutdown hooks) at random points of a 100,000-account
 * settlement — while planning, between chunks, inside a chunk's transaction — restarts it until
 * it finishes, and compares the payouts byte for byte with one clean, uninterrupted run.
 */
class CrashResumeTest {
    private static final int ACCOUNTS = 100_000;
    private static final int CHUNK = 5_000;
    private static final LocalDate THROUGH = LocalDate.parse("2026-12-04");
    private static final int KILLS = 4;

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aSettlementKilledAtRandomPointsAndResumedPaysExactlyWhatACleanRunPays(Supplier<Database> databases)
            throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String accounts = Histories.accountsCsv(ACCOUNTS);
        String balances = Histories.balancesCsv(ACCOUNTS);

        String clean;
        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(databases.get(), CHUNK, Settlement.Progress.NONE)) {
            b.imports().accounts(new StringReader(accounts), LedgerRepositoryTest.ADMIN);
            b.imports().balances(new StringReader(balances), "USDX", 6, LedgerRepositoryTest.ADMIN);
            b.settlement().settleThrough(Seed.campaign(), THROUGH, LedgerRepositoryTest.ADMIN);
            clean = b.csv("hold-to-earn-2026-12", THROUGH);
        }
        assertThat(clean.lines().count()).isGreaterThan(ACCOUNTS); // two days of ~all accounts, plus bonuses

        Database crashed = databases.get();
        StoreConfig config = crashed.config();
        try (LedgerRepositoryTest.Books b = LedgerRepositoryTest.Books.open(crashed, CHUNK, Settlement.Progress.NONE)) {
            b.imports().accounts(new StringReader(accounts), LedgerRepositoryTest.ADMIN);
            b.imports().balances(new StringReader(balances), "USDX", 6, LedgerRepositoryTest.ADMIN);
        }
        // Kill after the k-th progress line (k = 0: right after start, while planning).
        List<String> killedAfter =
                KillAndResume.run(config, random, seed, KILLS, 12, Integer.toString(CHUNK), THROUGH.toString());

        try (LedgerRepositoryTest.Books b =
                LedgerRepositoryTest.Books.open(Database.open(config), CHUNK, Settlement.Progress.NONE)) {
            String resumed = b.csv("hold-to-earn-2026-12", THROUGH);
            assertThat(resumed.equals(clean))
                    .as("payouts after kills at %s (seed %d) equal a clean run's, byte for byte", killedAfter, seed)
                    .isTrue();
            assertThat(b.ledger().verify().ok())
                    .as(b.ledger().verify().summary())
                    .isTrue();
            assertThat(b.audit().verify().ok()).isTrue();
            // Settling again after the resumed run posts nothing.
            long transfers = b.count("ledger_transfers");
            b.settlement().settleThrough(Seed.campaign(), THROUGH, LedgerRepositoryTest.ADMIN);
            assertThat(b.count("ledger_transfers")).isEqualTo(transfers);
        }
    }
}
