package io.redline.identity;

import java.time.Instant;

/** A console user as listed to admins: everything but the password hash and the lockout counters. */
public record UserInfo(
        String id,
        String username,
        Role role,
        String authorId,
        String displayName,
        String createdBy,
        Instant createdAt,
        Instant disabledAt) {
    public boolean active() {
        return disabledAt == null;
    }
}
