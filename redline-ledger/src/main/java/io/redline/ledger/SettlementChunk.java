package io.redline.ledger;

import io.redline.ledger.engine.Leg;
import io.redline.ledger.engine.Payout;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chunk of a settled day as the ledger writes it: transaction {@code txId}, and for every
 * payout a transfer with id {@code <campaign>/<day>/<account>/<leg>} from the leg's debit account
 * to the payout's account, tagged with the campaign, day and leg. Kept as the payouts plus what
 * they share, not as a {@link Transfer} per payout: a day is a million of them, and the writers
 * stream their columns straight into the database (COPY on PostgreSQL, shared parameters on SQLite).
 *
 * <p>Every transfer satisfies {@link Transfer}'s invariants: ids, accounts and assets come from
 * validated campaigns and imports, amounts are positive ({@link Payout}), and a payout to the
 * account it would be paid from is refused here.
 */
record SettlementChunk(
        String txId, String campaignId, String day, List<Payout> payouts, Map<Leg, String> debits, long nowMs) {
    SettlementChunk {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(day, "day");
        if (payouts.isEmpty()) throw new IllegalArgumentException("a chunk holds at least one payout");
        for (Payout p : payouts) {
            String debit = debits.get(p.leg());
            if (debit == null) throw new IllegalArgumentException("no debit account for leg " + p.leg());
            if (debit.equals(p.accountId()))
                throw new LedgerException.Invalid("payout " + transferId(p) + " would credit the account it debits");
        }
    }

    int size() {
        return payouts.size();
    }

    String debit(Payout p) {
        return debits.get(p.leg());
    }

    /** Exactly {@link Settlement#transferId}. */
    String transferId(Payout p) {
        return campaignId + "/" + day + "/" + p.accountId() + "/" + p.leg().wireName();
    }

    long totalMinor() {
        long total = 0;
        for (Payout p : payouts) total = Math.addExact(total, p.amountMinor());
        return total;
    }

    /** The same digest as {@link Digest#of} over the chunk's transfers, without building them. */
    String digest() {
        Digest d = new Digest();
        for (Payout p : payouts) {
            d.text(campaignId)
                    .ch('/')
                    .text(day)
                    .ch('/')
                    .text(p.accountId())
                    .ch('/')
                    .text(p.leg().wireName())
                    .ch(',')
                    .text(debit(p))
                    .ch(',')
                    .text(p.accountId())
                    .ch(',')
                    .text(p.asset())
                    .ch(',')
                    .number(p.amountMinor())
                    .ch('\n');
        }
        return d.hex();
    }
}
