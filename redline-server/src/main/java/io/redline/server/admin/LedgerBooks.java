package io.redline.server.admin;

import io.redline.audit.AuditLog;
import io.redline.ledger.Imports;
import io.redline.ledger.Ledger;
import io.redline.ledger.Royalties;
import io.redline.ledger.Settlement;
import io.redline.ledger.UsageCredits;
import io.redline.rights.datasets.TrainingRuns;
import io.redline.store.Database;
import java.time.Clock;
import java.util.Map;

/**
 * The ledger capability as the server wires it: the ledger, its CSV imports, hold-to-earn
 * settlement and royalty settlement. Royalties read usage credits from one of two sources, by the
 * campaign's {@code credits:} name: {@code imported} (the usage-credits CSV) or {@code training}
 * (rights' training runs: 1 credit per dataset item per run, see {@link TrainingRuns}).
 */
public record LedgerBooks(Ledger ledger, Imports imports, Settlement settlement, Royalties royalties) {
    public static LedgerBooks open(Database db, AuditLog audit, Clock clock, TrainingRuns trainingRuns) {
        Ledger ledger = Ledger.open(db, audit, clock);
        Settlement settlement = new Settlement(ledger);
        Map<String, UsageCredits> sources = Map.of(
                UsageCredits.IMPORTED,
                UsageCredits.imported(ledger),
                TrainingRuns.CREDITS_SOURCE,
                trainingRuns::creditsOn);
        return new LedgerBooks(ledger, new Imports(ledger), settlement, new Royalties(ledger, settlement, sources));
    }
}
