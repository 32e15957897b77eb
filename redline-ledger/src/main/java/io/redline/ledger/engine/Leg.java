package io.redline.ledger.engine;

import java.util.Locale;

/** Which part of a campaign a payout comes from; part of every transfer id. */
public enum Leg {
    /** The main pool: accrual on the basis balance. */
    POOL,
    /** The new-user bonus pool. */
    BONUS,
    /** A royalty campaign's daily pool, split by usage credits. */
    ROYALTY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Leg parse(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
