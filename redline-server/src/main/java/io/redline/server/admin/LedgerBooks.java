package io.redline.server.admin;

import io.redline.audit.AuditLog;
import io.redline.ledger.Imports;
import io.redline.ledger.Ledger;
import io.redline.ledger.Royalties;
import io.redline.ledger.Settlement;
import io.redline.store.Database;
import java.time.Clock;

/**
 * The ledger capability as the server wires it: the ledger, its CSV imports, hold-to-earn
 * settlement and royalty settlement. Royalties read usage credits from the imported CSV; another
 * source (dataset usage from training runs) plugs in here as a further {@code UsageCredits} entry.
 */
public record LedgerBooks(Ledger ledger, Imports imports, Settlement settlement, Royalties royalties) {
    public static LedgerBooks open(Database db, AuditLog audit, Clock clock) {
        Ledger ledger = Ledger.open(db, audit, clock);
        Settlement settlement = new Settlement(ledger);
        return new LedgerBooks(ledger, new Imports(ledger), settlement, new Royalties(ledger, settlement));
    }
}
