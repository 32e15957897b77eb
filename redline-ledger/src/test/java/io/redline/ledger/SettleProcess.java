package io.redline.ledger;

import io.redline.audit.AuditLog;
import io.redline.audit.AuditRetention;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import io.redline.store.TestClock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The settlement as a separate process for {@link CrashResumeTest}: {@code SettleProcess JDBC_URL
 * CHUNK THROUGH} settles the seed campaign through THROUGH, printing {@code started}, then
 * {@code chunk DAY N} after each committed chunk, then {@code done}. The test kills it at random
 * points with SIGKILL and starts it again.
 */
public final class SettleProcess {
    private SettleProcess() {}

    public static void main(String[] args) {
        TestClock clock = TestClock.fixed(Instant.parse("2026-12-24T00:00:00Z"));
        try (Database db = Database.open(new StoreConfig(args[0], null, null, 2))) {
            AuditLog audit = AuditLog.open(db, AuditRetention.DEFAULT, clock);
            Ledger ledger = Ledger.open(db, audit, clock);
            System.out.println("started");
            System.out.flush();
            Settlement settlement = new Settlement(ledger, Integer.parseInt(args[1]), (day, chunk, chunks) -> {
                System.out.println("chunk " + day + " " + chunk);
                System.out.flush();
            });
            settlement.settleThrough(Seed.campaign(), LocalDate.parse(args[2]), LedgerRepositoryTest.ADMIN);
            System.out.println("done");
            System.out.flush();
        }
    }
}
