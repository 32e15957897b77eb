package io.redline.ledger.engine;

import java.time.LocalDate;

/** One amount a campaign pays one account for one day from one leg; always positive. */
public record Payout(LocalDate day, String accountId, Leg leg, String asset, long amountMinor) {
    public Payout {
        if (amountMinor <= 0) throw new IllegalArgumentException("a payout must be positive, was " + amountMinor);
    }
}
