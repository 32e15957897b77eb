package io.redline.server.admin;

import io.redline.audit.Anchor;
import io.redline.audit.AuditEvent;
import io.redline.identity.Principal;
import java.util.List;
import java.util.Map;

/** Audit events for what a principal did now; the actor is {@link Principal#actor()}, the one mapping. */
public final class Actors {
    private Actors() {}

    public static AuditEvent event(
            Principal who, String action, String targetType, String targetId, Map<String, Object> details) {
        return AuditEvent.now(who.actor(), action, new AuditEvent.Target(targetType, targetId), details);
    }

    /** One {@code audit.anchor} event per chain head a principal anchored, naming its seq and hash. */
    public static List<AuditEvent> anchored(Principal who, List<Anchor> anchors) {
        return anchors.stream()
                .map(a -> event(who, "audit.anchor", "audit", Long.toString(a.seq()), Map.of("hash", a.hash())))
                .toList();
    }
}
