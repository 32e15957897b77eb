package io.redline.gateway;

import io.redline.policy.Action;
import io.redline.policy.Verdict;

/**
 * What the gateway concluded about a prompt or an output.
 *
 * @param verdict the policy's verdict; null when the gateway stopped for its own reason (too long)
 * @param stops   whether the text must not reach its destination: the policy blocks it, or (minors' mode)
 *                would send it to review or limit its reach
 */
public record Judgement(Action action, String reasonCode, Verdict verdict, boolean stops) {
    public static final String TOO_LONG = "output_too_long";

    static Judgement tooLong(int charsMax) {
        return new Judgement(Action.BLOCK, TOO_LONG, null, true);
    }

    /** The OpenAI {@code finish_reason} of a stopped output. */
    public String finishReason() {
        return TOO_LONG.equals(reasonCode) ? "length" : "content_filter";
    }
}
