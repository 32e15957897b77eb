package io.redline.decision;

import io.redline.policy.Action;
import java.time.Instant;
import java.util.Map;

/**
 * What a rescreen did.
 *
 * @param examined    decided items re-decided
 * @param changed     items that got a new decision (action or reason code changed)
 * @param undecided   items in the window with no decision yet (left to the worker)
 * @param keptHuman   items whose current decision a person made (review or appeal), left as they are
 * @param lost        changes not stored because a concurrent writer appended first
 * @param before      current actions of the examined items, before the rescreen
 * @param after       actions the rescreen reached for the examined items
 * @param transitions {@code "allow->review"} style counts for the changed items
 */
public record RescreenReport(
        Instant since,
        String policyVersion,
        String engineVersion,
        long examined,
        long changed,
        long undecided,
        long keptHuman,
        long lost,
        Map<Action, Long> before,
        Map<Action, Long> after,
        Map<String, Long> transitions,
        long elapsedMs) {
    public RescreenReport {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
        transitions = Map.copyOf(transitions);
    }
}
