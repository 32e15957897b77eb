package io.redline.ledger;

import java.util.List;

/** What {@code ledger verify} found; {@code ok()} when there are no problems. */
public record VerifyReport(long accounts, long transfers, long campaigns, List<String> problems) {
    /** At most this many problems are listed; more are summarised in the last line. */
    public static final int PROBLEMS_MAX = 100;

    public boolean ok() {
        return problems.isEmpty();
    }

    public String summary() {
        return ok()
                ? "ledger OK: " + accounts + " accounts, " + transfers + " transfers, " + campaigns
                        + " campaigns; balances equal postings, no pool over its cap"
                : "ledger BROKEN: " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems);
    }
}
