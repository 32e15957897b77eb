package io.redline.identity;

import java.time.Instant;

/** A token as listed to admins: everything but the secret. */
public record TokenInfo(
        String id, Role role, String authorId, String name, String createdBy, Instant createdAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
