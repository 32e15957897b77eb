package io.redline.gateway;

import io.redline.identity.Principal;
import io.redline.text.Hit;
import java.time.Instant;
import java.util.List;

/**
 * One call through the gateway, as it is logged: who asked (token and end user), what was asked
 * and made, what the gateway decided about each, and how it ended.
 *
 * @param id              the exchange id (also the ProduceID of the implicit label)
 * @param output          everything the upstream produced (including text never released); null when none
 * @param outputJudgement null when the output was clean or there was none
 * @param upstream        name of the upstream that answered; null when none was called
 */
public record Exchange(
        long id,
        Instant at,
        Principal caller,
        String endUser,
        boolean minor,
        Operation operation,
        String model,
        String upstream,
        String prompt,
        Judgement promptJudgement,
        List<Hit> promptHits,
        String output,
        Judgement outputJudgement,
        List<Hit> outputHits,
        Outcome outcome,
        int status,
        long upstreamMicros,
        long addedMicros) {

    public Exchange {
        promptHits = List.copyOf(promptHits);
        outputHits = outputHits == null ? List.of() : List.copyOf(outputHits);
    }

    /** How an exchange ended. */
    public enum Outcome {
        /** The answer reached the client, labelled. */
        COMPLETED,
        /** The prompt was refused before any upstream saw it. */
        PROMPT_BLOCKED,
        /** A stream was stopped on a violation (or on length); the violating text was never sent. */
        OUTPUT_STOPPED,
        /** A whole answer violated the policy; the client got the safe message instead. */
        OUTPUT_REPLACED,
        /** The upstream failed or refused (the client got its 4xx, or 502/504). */
        UPSTREAM_FAILED,
        /** The client went away mid-stream; the upstream connection was closed. */
        CLIENT_GONE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
