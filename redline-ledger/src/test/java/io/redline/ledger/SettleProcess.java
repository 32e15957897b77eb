package io.redline.ledger;

import io.redline.audit.AuditLog;
import io.redline.audit.AuditRetention;
import io.redline.store.Database;
import io.redline.store.StoreConfig;
import io.redline.store.TestClock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The settlement as a separate process for {@link CrashResumeTest} and {@link RoyaltyCrashResumeTest}:
 * {@code SettleProcess JDBC_URL CHUNK THROUGH [ROYALTY_YAML]} settles the seed campaign (or, given a
 * royalty definition, that royalty campaign) through THROUGH, printing {@code started}, then
 * {@code chunk DAY N} after each committed chunk, then {@code done}. The tests kill it at random
 * points with SIGKILL and start it again.
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
            LocalDate through = LocalDate.parse(args[2]);
            if (args.length > 3) {
                new Royalties(ledger, settlement)
                        .settleThrough(RoyaltyYaml.parse(args[3]), through, LedgerRepositoryTest.ADMIN);
            } else {
                settlement.settleThrough(Seed.campaign(), through, LedgerRepositoryTest.ADMIN);
            }
            System.out.println("done");
            System.out.flush();
        }
    }
}
