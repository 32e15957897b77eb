package io.redline.ledger;

import java.time.Instant;

/**
 * Deterministic holders and balance histories for tests, the crash test and the benchmark:
 * account {@code u0000042} and so on, a fifth of them registered inside the seed window, balances
 * spread over all three tiers, a third of them changing during the first days.
 */
public final class Histories {
    private Histories() {}

    public static String accountId(int i) {
        return String.format("u%07d", i);
    }

    public static void accountsCsv(int n, Appendable out) {
        try {
            out.append("accountId,registeredAt\n");
            for (int i = 0; i < n; i++) {
                Instant registered = i % 5 == 0
                        ? Instant.parse("2026-12-03T02:00:00Z").plusSeconds((i % 7) * 86_400L + (i % 13) * 3_600L)
                        : Instant.parse("2026-06-01T00:00:00Z").plusSeconds(i % 100_000);
                out.append(accountId(i))
                        .append(',')
                        .append(registered.toString())
                        .append('\n');
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Balances in USDX units (scale 6): one record before the window, and for a third a change on Dec 03 and Dec 05. */
    public static void balancesCsv(int n, Appendable out) {
        try {
            out.append("accountId,timestamp,balance\n");
            for (int i = 0; i < n; i++) {
                long units = (i * 7_919L) % 250_000;
                String id = accountId(i);
                out.append(id)
                        .append(",2026-12-01T00:00:00Z,")
                        .append(Long.toString(units))
                        .append('.')
                        .append(String.format("%06d", (i * 31L) % 1_000_000))
                        .append('\n');
                if (i % 3 == 0) {
                    out.append(id)
                            .append(",2026-12-03T09:17:00Z,")
                            .append(Long.toString(units / 2))
                            .append('\n');
                    out.append(id)
                            .append(",2026-12-05T20:00:00.250Z,")
                            .append(Long.toString(units + 150))
                            .append(".5\n");
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String accountsCsv(int n) {
        StringBuilder sb = new StringBuilder(n * 40);
        accountsCsv(n, sb);
        return sb.toString();
    }

    public static String balancesCsv(int n) {
        StringBuilder sb = new StringBuilder(n * 80);
        balancesCsv(n, sb);
        return sb.toString();
    }
}
