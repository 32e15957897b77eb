package io.redline.server.admin;

import io.redline.audit.AuditLog;
import io.redline.ledger.Imports;
import io.redline.ledger.Ledger;
import io.redline.ledger.Settlement;
import io.redline.store.Database;
import java.time.Clock;

/** The ledger capability as the server wires it: the ledger, its CSV imports and campaign settlement. */
public record LedgerBooks(Ledger ledger, Imports imports, Settlement settlement) {
    public static LedgerBooks open(Database db, AuditLog audit, Clock clock) {
        Ledger ledger = Ledger.open(db, audit, clock);
        return new LedgerBooks(ledger, new Imports(ledger), new Settlement(ledger));
    }
}
