package io.redline.server;

import io.redline.decision.DecidedIntake;
import io.redline.decision.PolicyStore;
import io.redline.gateway.Exchange;
import io.redline.gateway.ExchangeLog;
import io.redline.gateway.GatewayRecords;
import io.redline.intake.IntakeLimits;
import io.redline.intake.Receipt;
import io.redline.intake.Submission;
import io.redline.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's one door to intake, decisions and policies: every use the gateway makes of them
 * is in this class, so moving those capabilities is a change here and nowhere else.
 *
 * <p>An exchange is stored as one intake batch (the prompt, and the output when there is one,
 * with the end user as author and {@code gw-<exchange id>} as external id) with their first
 * decisions and {@code content.decide} audit entries, decided by the decision capability from the
 * stored text and committed in intake's transaction ({@link DecidedIntake} with {@code wait});
 * then the gateway's own exchange row linking them, in a transaction of its own (the decision
 * capability offers no hook into intake's transaction; a crash between the two leaves contents
 * that name their exchange by external id, without its row). With {@code gateway.storeFullText}
 * off, the contents hold only the text's SHA-256.
 */
final class GatewayRecordsOnIntake implements GatewayRecords {
    private final DecidedIntake intake;
    private final IntakeLimits limits;
    private final PolicyStore policies;
    private final ExchangeLog log;
    private final boolean storeFullText;

    GatewayRecordsOnIntake(
            DecidedIntake intake, IntakeLimits limits, PolicyStore policies, ExchangeLog log, boolean storeFullText) {
        this.intake = intake;
        this.limits = limits;
        this.policies = policies;
        this.log = log;
        this.storeFullText = storeFullText;
    }

    @Override
    public Policy policy() {
        return policies.active().policy();
    }

    @Override
    public void record(Exchange e) {
        List<Submission> items = new ArrayList<>(2);
        items.add(new Submission(
                "prompt", e.endUser(), "gw-" + e.id(), null, stored(e.prompt()), List.of(), List.of(), false));
        if (e.output() != null) {
            items.add(new Submission(
                    "output", e.endUser(), "gw-" + e.id(), null, stored(e.output()), List.of(), List.of(), true));
        }
        List<Receipt> receipts = intake.submitBatch(e.caller(), items, "gateway-exchange-" + e.id(), true)
                .receipts();
        log.insert(
                e,
                receipts.get(0).content().id(),
                receipts.size() > 1 ? receipts.get(1).content().id() : null);
    }

    /** What a content row holds: the text (clipped to intake's limit), or only its hash. */
    private String stored(String text) {
        if (!storeFullText) return "sha256:" + ExchangeLog.sha256(text);
        if (text.isBlank()) return "(no text)";
        int max = limits.textCharsMax();
        if (text.length() <= max) return text;
        int cut = max - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
        return text.substring(0, cut) + "…";
    }
}
