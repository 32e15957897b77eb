package io.redline.server;

import io.redline.gateway.Exchange;
import io.redline.gateway.ExchangeLog;
import io.redline.gateway.GatewayRecords;
import io.redline.intake.Content;
import io.redline.intake.Intake;
import io.redline.intake.Submission;
import io.redline.policy.Policy;
import io.redline.review.Decision;
import io.redline.review.Decisions;
import io.redline.review.PolicyStore;
import org.jdbi.v3.core.HandleConsumer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's one door to intake, decisions and policies: every use the gateway makes of them
 * is in this class, so moving those capabilities is a change here and nowhere else.
 *
 * <p>An exchange is stored as one intake batch (the prompt, and the output when there is one,
 * with the end user as author and {@code gw-<exchange id>} as external id), their first decisions
 * and {@code content.decide} audit entries (decided by the decision capability from the stored
 * text), and the gateway's own exchange row linking them — all in one transaction. With
 * {@code gateway.storeFullText} off, the contents hold only the text's SHA-256.
 */
final class GatewayRecordsOnIntake implements GatewayRecords {
    private final Intake intake;
    private final Decisions decisions;
    private final PolicyStore policies;
    private final ExchangeLog log;
    private final boolean storeFullText;

    GatewayRecordsOnIntake(Intake intake, Decisions decisions, PolicyStore policies, ExchangeLog log, boolean storeFullText) {
        this.intake = intake;
        this.decisions = decisions;
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
        items.add(new Submission("prompt", e.endUser(), "gw-" + e.id(), null, stored(e.prompt()), List.of(), List.of(), false));
        if (e.output() != null) {
            items.add(new Submission("output", e.endUser(), "gw-" + e.id(), null, stored(e.output()), List.of(), List.of(), true));
        }
        Map<Long, Decision> decided = new HashMap<>();
        Intake.Companion decide = decisions.firstDecisions(e.caller(), decided);
        Intake.Companion withExchange = contents -> {
            HandleConsumer<RuntimeException> first = decide.prepare(contents);
            Long promptId = contents.get(0).id();
            Long outputId = contents.size() > 1 ? contents.get(1).id() : null;
            return h -> {
                first.useHandle(h);
                log.insert(h, e, promptId, outputId);
            };
        };
        intake.submitBatch(e.caller(), items, "gateway-exchange-" + e.id(), withExchange);
    }

    /** What a content row holds: the text (clipped to intake's limit), or only its hash. */
    private String stored(String text) {
        if (!storeFullText) return "sha256:" + ExchangeLog.sha256(text);
        if (text.isBlank()) return "(no text)";
        int max = intake.limits().textCharsMax();
        if (text.length() <= max) return text;
        int cut = max - 1;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
        return text.substring(0, cut) + "…";
    }

    /** The stored content of an exchange's prompt or output (for the console and tests). */
    Content content(long id) {
        return intake.find(id).orElse(null);
    }
}
