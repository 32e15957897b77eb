package io.redline.review;

import io.redline.audit.AuditEvent;
import io.redline.identity.Principal;

/** Principals as audit actors: tokens by id and role, internal jobs as {@code system:<name>} (see docs/audit.md). */
final class Actors {
    private Actors() {}

    static AuditEvent.Actor of(Principal p) {
        if ("system".equals(p.tokenId())) {
            String name = p.name() == null || p.name().isBlank() ? "redline" : p.name();
            return new AuditEvent.Actor("system:" + name, "system");
        }
        return new AuditEvent.Actor(p.tokenId(), p.role().wireName());
    }
}
