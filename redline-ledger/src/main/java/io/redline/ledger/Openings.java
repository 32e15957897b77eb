package io.redline.ledger;

import java.util.Arrays;

/**
 * What the next day of a settlement run starts from: every account's last balance record before
 * {@link #endMs} and its registration time. A run settling many days reads the whole balance
 * history once, for its first day; each later day reads only the records inside it and takes the
 * balance it opens with from here, so planning is linear in the history, not in history × days.
 *
 * <p>Parallel arrays, not objects: a million accounts is ~100 MB as records and ~40 MB here
 * (the account id strings are shared with nothing else and dominate).
 */
final class Openings {
    /** No registration time known for the account (it was never imported as a holder). */
    static final long UNREGISTERED = Long.MIN_VALUE;

    private final long endMs;
    String[] accountIds = new String[1024];
    long[] atMs = new long[1024];
    long[] balanceMinor = new long[1024];
    long[] registeredAtMs = new long[1024];
    int size;

    Openings(long endMs) {
        this.endMs = endMs;
    }

    /** The instant the balances are "just before": the end of the day they were carried out of. */
    long endMs() {
        return endMs;
    }

    void add(String accountId, long registeredAtMs, long atMs, long balanceMinor) {
        if (size == accountIds.length) {
            int n = size * 2;
            accountIds = Arrays.copyOf(accountIds, n);
            this.atMs = Arrays.copyOf(this.atMs, n);
            this.balanceMinor = Arrays.copyOf(this.balanceMinor, n);
            this.registeredAtMs = Arrays.copyOf(this.registeredAtMs, n);
        }
        accountIds[size] = accountId;
        this.atMs[size] = atMs;
        this.balanceMinor[size] = balanceMinor;
        this.registeredAtMs[size] = registeredAtMs;
        size++;
    }

    /** Takes over the accounts of the previous day's openings (whose balances the caller moved on to this end). */
    void adopt(Openings previous) {
        accountIds = previous.accountIds;
        atMs = previous.atMs;
        balanceMinor = previous.balanceMinor;
        registeredAtMs = previous.registeredAtMs;
        size = previous.size;
    }
}
