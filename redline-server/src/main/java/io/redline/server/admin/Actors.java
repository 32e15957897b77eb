package io.redline.server.admin;

import io.redline.audit.AuditEvent;
import io.redline.identity.Principal;
import java.util.Map;

/** Audit events for what a principal did now; the actor is {@link Principal#actor()}, the one mapping. */
public final class Actors {
    private Actors() {}

    public static AuditEvent event(
            Principal who, String action, String targetType, String targetId, Map<String, Object> details) {
        return AuditEvent.now(who.actor(), action, new AuditEvent.Target(targetType, targetId), details);
    }
}
