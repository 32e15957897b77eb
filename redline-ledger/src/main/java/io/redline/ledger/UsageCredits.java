package io.redline.ledger;

import java.time.LocalDate;
import java.util.SortedMap;

/**
 * Where a royalty campaign's weights come from: the usage credits each creator's items earned on a
 * day. The ledger ships {@link #imported} (the usage-credits CSV); the server can plug in another
 * source under another name (for example dataset usage from training runs) without the ledger
 * depending on the capability that counts it.
 *
 * <p>A source must answer the same for a day every time once the day is over: settlement fixes a
 * day's plan by its digest, and a resumed day whose credits changed is refused.
 */
public interface UsageCredits {
    /** Credits per creator id for the UTC day, creators in id order; creators with 0 credits may be left out. */
    SortedMap<String, Long> creditsOn(LocalDate day);

    /** The source name of {@link #imported}, as a royalty campaign's {@code credits:} names it. */
    String IMPORTED = "imported";

    /** Credits imported with {@link Imports#usageCredits} ({@code day,creatorId,credits}). */
    static UsageCredits imported(Ledger ledger) {
        return day -> {
            java.util.TreeMap<String, Long> out = new java.util.TreeMap<>();
            ledger.db()
                    .jdbi()
                    .useHandle(h -> h.createQuery(
                                    "SELECT creator_id, credits FROM ledger_usage_credits WHERE day = :d AND credits > 0")
                            .bind("d", day.toString())
                            .map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getLong(2)))
                            .forEach(e -> out.put(e.getKey(), e.getValue())));
            return out;
        };
    }
}
