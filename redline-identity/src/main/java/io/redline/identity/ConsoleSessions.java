package io.redline.identity;

import io.redline.store.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Server-side sessions of the web console, signed in with an API token or as a console user.
 *
 * <p>The browser holds only the secret (32 random bytes, base64url) in a cookie; storage holds
 * its SHA-256, so a copy of the database signs nobody in. Every {@link #find} re-loads the
 * principal through {@link Tokens} or {@link Users}, so revoking the token or disabling the user
 * ends its sessions on their next request, in every process. A session ends after
 * {@code idleTimeout} without use or {@code absoluteTimeout} after sign-in, whichever is first.
 * Sliding the idle timeout writes at most once per {@link #TOUCH_INTERVAL_MS} per session (a page
 * view is not worth a commit), so the idle timeout is honoured to within that interval.
 */
public final class ConsoleSessions {
    public static final Duration IDLE_TIMEOUT_DEFAULT = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE_TIMEOUT_DEFAULT = Duration.ofHours(12);
    static final long TOUCH_INTERVAL_MS = 60_000;
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_CHARS = 43; // 32 bytes in unpadded base64url

    private final Database db;
    private final Clock clock;
    private final Tokens tokens;
    private final Users users;
    private final long idleMs;
    private final long absoluteMs;
    private final SecureRandom random = new SecureRandom();

    /** A new session and its secret; the secret goes into the cookie and exists nowhere else. */
    public record Issued(String secret, ConsoleSession session) {
        @Override
        public String toString() {
            return "Issued[secret=***, " + session + "]";
        }
    }

    private enum Kind {
        TOKEN,
        USER;

        String wire() {
            return this == TOKEN ? "token" : "user";
        }
    }

    public ConsoleSessions(
            Database db, Clock clock, Tokens tokens, Users users, Duration idleTimeout, Duration absoluteTimeout) {
        if (idleTimeout.isNegative()
                || idleTimeout.isZero()
                || absoluteTimeout.isNegative()
                || absoluteTimeout.isZero()) {
            throw new IllegalArgumentException("session timeouts must be positive");
        }
        if (idleTimeout.compareTo(absoluteTimeout) > 0) {
            throw new IllegalArgumentException("the idle timeout (" + idleTimeout
                    + ") must not exceed the absolute timeout (" + absoluteTimeout + ")");
        }
        this.db = db;
        this.clock = clock;
        this.tokens = tokens;
        this.users = users;
        this.idleMs = idleTimeout.toMillis();
        this.absoluteMs = absoluteTimeout.toMillis();
    }

    /** Starts a session for a principal from {@link Tokens#authenticate} or {@link Users#authenticate}. */
    public Issued create(Principal principal) {
        Kind kind = kindOf(principal.tokenId());
        if (kind == null) {
            throw new IllegalArgumentException(
                    "only a token (tok_…) or a console user (usr_…) can sign in to the console, not "
                            + principal.tokenId());
        }
        String secret = randomText(SECRET_BYTES);
        String csrf = randomText(SECRET_BYTES);
        String id = "ses_" + randomText(9);
        long nowMs = clock.millis();
        long expiresMs = nowMs + absoluteMs;
        db.jdbi().useTransaction(h -> {
            purgeExpired(h, nowMs); // sign-ins are rare: a fine moment to drop what nobody can use any more
            h.createUpdate("""
                            INSERT INTO console_sessions (id, secret_sha256, csrf_token, principal_kind, principal_id,
                                                          created_at_ms, last_seen_at_ms, expires_at_ms)
                            VALUES (:id, :hash, :csrf, :kind, :principal, :now, :now, :expires)""")
                    .bind("id", id)
                    .bind("hash", Tokens.sha256(secret))
                    .bind("csrf", csrf)
                    .bind("kind", kind.wire())
                    .bind("principal", principal.tokenId())
                    .bind("now", nowMs)
                    .bind("expires", expiresMs)
                    .execute();
        });
        return new Issued(
                secret,
                new ConsoleSession(id, principal, csrf, Instant.ofEpochMilli(nowMs), Instant.ofEpochMilli(expiresMs)));
    }

    private record Row(
            String id, String csrf, Kind kind, String principalId, long createdMs, long lastSeenMs, long expiresMs) {}

    /**
     * The live session for a cookie secret, with its principal re-loaded; empty when the secret is
     * unknown, the session expired, or its token was revoked or its user disabled (the session is
     * then deleted). Slides the idle timeout.
     */
    public Optional<ConsoleSession> find(String secret) {
        if (!wellFormed(secret)) return Optional.empty();
        String hash = Tokens.sha256(secret);
        Optional<Row> found = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM console_sessions WHERE secret_sha256 = :hash")
                        .bind("hash", hash)
                        .map((rs, ctx) -> new Row(
                                rs.getString("id"),
                                rs.getString("csrf_token"),
                                "token".equals(rs.getString("principal_kind")) ? Kind.TOKEN : Kind.USER,
                                rs.getString("principal_id"),
                                rs.getLong("created_at_ms"),
                                rs.getLong("last_seen_at_ms"),
                                rs.getLong("expires_at_ms")))
                        .findOne());
        if (found.isEmpty()) return Optional.empty();
        Row row = found.get();
        long nowMs = clock.millis();
        if (nowMs >= row.expiresMs() || nowMs - row.lastSeenMs() >= idleMs) {
            delete(row.id());
            return Optional.empty();
        }
        Optional<Principal> principal = switch (row.kind()) {
            case TOKEN -> tokens.principal(row.principalId());
            case USER -> users.principal(row.principalId());
        };
        if (principal.isEmpty()) {
            delete(row.id());
            return Optional.empty();
        }
        if (nowMs - row.lastSeenMs() >= TOUCH_INTERVAL_MS) {
            // Compare-and-set on the old value: of several concurrent requests, one writes.
            db.jdbi()
                    .useHandle(h -> h.createUpdate(
                                    "UPDATE console_sessions SET last_seen_at_ms = :now WHERE id = :id AND last_seen_at_ms = :seen")
                            .bind("now", nowMs)
                            .bind("id", row.id())
                            .bind("seen", row.lastSeenMs())
                            .execute());
        }
        return Optional.of(new ConsoleSession(
                row.id(),
                principal.get(),
                row.csrf(),
                Instant.ofEpochMilli(row.createdMs()),
                Instant.ofEpochMilli(row.expiresMs())));
    }

    /** Signs out: the secret stops working at once. Unknown secrets are ignored. */
    public void end(String secret) {
        if (!wellFormed(secret)) return;
        db.jdbi()
                .useHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE secret_sha256 = :hash")
                        .bind("hash", Tokens.sha256(secret))
                        .execute());
    }

    /** Ends every session of a token or user id; returns how many there were. */
    public int endAllFor(String principalId) {
        return db.jdbi().inTransaction(h -> endAllFor(h, principalId));
    }

    /** Ends every session of a token or user id inside the caller's transaction (for example with a disable). */
    public int endAllFor(Handle h, String principalId) {
        return h.createUpdate("DELETE FROM console_sessions WHERE principal_id = :id")
                .bind("id", principalId)
                .execute();
    }

    /** Deletes sessions past either timeout; returns how many. */
    public int purgeExpired() {
        long nowMs = clock.millis();
        return db.jdbi().inTransaction(h -> purgeExpired(h, nowMs));
    }

    private int purgeExpired(Handle h, long nowMs) {
        return h.createUpdate(
                        "DELETE FROM console_sessions WHERE expires_at_ms <= :now OR last_seen_at_ms <= :idleCutoff")
                .bind("now", nowMs)
                .bind("idleCutoff", nowMs - idleMs)
                .execute();
    }

    private void delete(String id) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE id = :id")
                        .bind("id", id)
                        .execute());
    }

    private static Kind kindOf(String principalId) {
        if (principalId.startsWith("tok_")) return Kind.TOKEN;
        if (principalId.startsWith("usr_")) return Kind.USER;
        return null;
    }

    private static boolean wellFormed(String secret) {
        if (secret == null || secret.length() != SECRET_CHARS) return false;
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) return false;
        }
        return true;
    }

    private String randomText(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
