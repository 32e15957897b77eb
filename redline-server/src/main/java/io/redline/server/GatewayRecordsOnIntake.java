package io.redline.server;

import io.redline.audit.AuditEvent;
import io.redline.audit.AuditLog;
import io.redline.decision.DecidedIntake;
import io.redline.decision.PolicyStore;
import io.redline.gateway.Exchange;
import io.redline.gateway.ExchangeLog;
import io.redline.gateway.GatewayRecords;
import io.redline.identity.Principal;
import io.redline.intake.Intake;
import io.redline.intake.IntakeLimits;
import io.redline.intake.Receipt;
import io.redline.intake.Submission;
import io.redline.policy.Policy;
import io.redline.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 *
 * <p>Retention ({@link io.redline.gateway.GatewayRetention}) also comes through here: intake reduces
 * expired texts to their hashes (audited by intake), and the log purge commits with its audit entry.
 */
final class GatewayRecordsOnIntake implements GatewayRecords {
    private static final Principal RETENTION = Principal.system("gateway-retention");

    private final DecidedIntake intake;
    private final Intake contents;
    private final Database db;
    private final AuditLog audit;
    private final IntakeLimits limits;
    private final PolicyStore policies;
    private final ExchangeLog log;
    private final boolean storeFullText;

    GatewayRecordsOnIntake(
            DecidedIntake intake,
            Intake contents,
            Database db,
            AuditLog audit,
            IntakeLimits limits,
            PolicyStore policies,
            ExchangeLog log,
            boolean storeFullText) {
        this.intake = intake;
        this.contents = contents;
        this.db = db;
        this.audit = audit;
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

    @Override
    public int expireTexts(List<Long> contentIds) {
        return contents.redactBodies(RETENTION, "gateway.retention.textDays", contentIds);
    }

    @Override
    public int purgeLog(long beforeId, int limit) {
        return db.jdbi().inTransaction(h -> {
            int n = log.purge(h, beforeId, limit);
            if (n > 0) {
                audit.append(
                        h,
                        AuditEvent.now(
                                RETENTION.actor(),
                                "gateway.log_purge",
                                new AuditEvent.Target("gateway_exchanges", "below:" + beforeId),
                                Map.of("rows", n, "reason", "gateway.retention.logDays")));
            }
            return n;
        });
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
