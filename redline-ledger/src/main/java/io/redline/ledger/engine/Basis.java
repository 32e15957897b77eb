package io.redline.ledger.engine;

import java.util.Locale;

/** Which balance of a day earns: see {@link DayBasis} for the exact rules and docs/campaigns.md for examples. */
public enum Basis {
    /** The minimum of the balances at the snapshot times inside the covered interval. */
    MIN_OF_SNAPSHOTS,
    /** The balance just before the covered interval ends. */
    END_OF_DAY,
    /** The balances weighted by how long each was held inside the covered interval, kept exact. */
    TIME_WEIGHTED_AVERAGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Basis parse(String wire) {
        for (Basis b : values()) {
            if (b.wireName().equals(wire)) return b;
        }
        throw new IllegalArgumentException(
                "unknown basis '" + wire + "': expected min_of_snapshots, end_of_day or time_weighted_average");
    }
}
