package io.redline.server;

import io.redline.audit.AuditEvent;
import io.redline.identity.Principal;

import java.util.Map;

/** Builds audit events for what a principal did; one place so every entry names its actor the same way. */
public final class Actors {
    private Actors() {}

    public static AuditEvent.Actor of(Principal p) {
        // Internal actors (bootstrap, demo, cli, workers) share the token id "system"; their name tells them apart.
        String id = "system".equals(p.tokenId()) ? "system:" + p.name() : p.tokenId();
        return new AuditEvent.Actor(id, p.role().wireName());
    }

    public static AuditEvent event(Principal who, String action, String targetType, String targetId, Map<String, Object> details) {
        return AuditEvent.now(of(who), action, new AuditEvent.Target(targetType, targetId), details);
    }
}
