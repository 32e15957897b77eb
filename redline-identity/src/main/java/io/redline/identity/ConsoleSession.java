package io.redline.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;

/**
 * A signed-in web console session.
 *
 * @param id        public id for logs and audit entries ({@code ses_…}); never the cookie secret
 * @param principal who is signed in, freshly re-loaded from its token or user
 * @param csrfToken the value forms and unsafe requests must echo; random per session
 * @param expiresAt the absolute end of the session; it ends sooner after the idle timeout
 */
public record ConsoleSession(String id, Principal principal, String csrfToken, Instant createdAt, Instant expiresAt) {
    public ConsoleSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }

    /** True when {@code candidate} (a form field or header) is this session's CSRF token; constant-time. */
    public boolean csrfMatches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(
                        csrfToken.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ConsoleSession[id=" + id + ", principal=" + principal + ", csrfToken=***, createdAt=" + createdAt
                + ", expiresAt=" + expiresAt + "]";
    }
}
