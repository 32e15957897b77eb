package io.redline.identity;

import io.redline.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * API tokens: creation, authentication, revocation.
 *
 * <p>A secret is {@code rl_} plus 32 random bytes (base64url). Only its SHA-256 is stored: the
 * secret has 256 bits of entropy, so a fast hash is safe here (a slow password hash would only
 * cost latency on every request). A positive-lookup cache keeps authentication off the database
 * on the hot path; entries expire after {@link #CACHE_TTL_MS} so a revocation made by another
 * process takes effect within that time, and immediately in this one.
 */
public final class Tokens {
    public static final String SECRET_PREFIX = "rl_";
    static final long CACHE_TTL_MS = 10_000;
    /** {@code rl_} and 32 random bytes in unpadded base64url. */
    static final int SECRET_CHARS = SECRET_PREFIX.length() + 43;
    /**
     * Well-formed secrets found unknown, remembered for {@link #CACHE_TTL_MS} so one bogus value
     * replayed in a loop reads the database once per TTL; bounded (about 1 MB at most).
     */
    static final int UNKNOWN_CACHED_MAX = 10_000;

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> unknown = new ConcurrentHashMap<>();

    private record Cached(Principal principal, long expiresAtMs) {}

    public Tokens(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a token; the caller records the audit entry (it knows who asked and why). */
    public IssuedToken create(TokenRequest request, String createdBy) {
        String problem = request.problem();
        if (problem != null) throw new IllegalArgumentException(problem);
        return db.jdbi().inTransaction(h -> create(h, request, createdBy));
    }

    /** Creates a token inside the caller's transaction (so it can be audited atomically). */
    public IssuedToken create(Handle h, TokenRequest request, String createdBy) {
        String problem = request.problem();
        if (problem != null) throw new IllegalArgumentException(problem);
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        String id = "tok_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        Instant now = clock.instant();
        String name = request.name() == null || request.name().isBlank()
                ? request.role().wireName()
                : request.name();
        h.createUpdate("""
                INSERT INTO api_tokens (id, secret_sha256, role, author_id, name, created_by, created_at_ms)
                VALUES (:id, :hash, :role, :author, :name, :by, :at)""")
                .bind("id", id)
                .bind("hash", sha256(secret))
                .bind("role", request.role().wireName())
                .bind("author", request.authorId())
                .bind("name", name)
                .bind("by", createdBy)
                .bind("at", now.toEpochMilli())
                .execute();
        return new IssuedToken(
                new TokenInfo(id, request.role(), request.authorId(), name, createdBy, now, null), secret);
    }

    /** The principal for a bearer secret, or empty when unknown or revoked. */
    public Optional<Principal> authenticate(String secret) {
        if (!wellFormed(secret)) return Optional.empty();
        String hash = sha256(secret);
        long nowMs = clock.millis();
        Cached cached = cache.get(hash);
        if (cached != null && cached.expiresAtMs() > nowMs) return Optional.of(cached.principal());
        Long unknownUntil = unknown.get(hash);
        if (unknownUntil != null && unknownUntil > nowMs) return Optional.empty();
        Optional<Principal> found = db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT id, role, author_id, name FROM api_tokens WHERE secret_sha256 = :hash AND revoked_at_ms IS NULL")
                        .bind("hash", hash)
                        .map((rs, ctx) -> new Principal(
                                rs.getString("id"),
                                Role.parse(rs.getString("role")),
                                rs.getString("author_id"),
                                rs.getString("name")))
                        .findOne());
        found.ifPresentOrElse(p -> cache.put(hash, new Cached(p, nowMs + CACHE_TTL_MS)), () -> {
            cache.remove(hash);
            if (unknown.size() >= UNKNOWN_CACHED_MAX) unknown.clear(); // bounded: forgetting costs one read each
            unknown.put(hash, nowMs + CACHE_TTL_MS);
        });
        return found;
    }

    /**
     * Whether {@code secret} has the one shape {@link #create} issues: {@code rl_} and 43 base64url
     * characters. Anything else is refused without a database read, so a flood of bogus bearer
     * values costs a string check each.
     */
    static boolean wellFormed(String secret) {
        if (secret == null || secret.length() != SECRET_CHARS || !secret.startsWith(SECRET_PREFIX)) return false;
        for (int i = SECRET_PREFIX.length(); i < SECRET_CHARS; i++) {
            char c = secret.charAt(i);
            boolean base64url =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) return false;
        }
        return true;
    }

    /**
     * The principal of an active token by its id (not its secret), read from storage, not the
     * cache: console sessions signed in with a token re-check it on every use, so a revocation by
     * any process ends them at once. Empty when unknown or revoked.
     */
    public Optional<Principal> principal(String tokenId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT id, role, author_id, name FROM api_tokens WHERE id = :id AND revoked_at_ms IS NULL")
                        .bind("id", tokenId)
                        .map((rs, ctx) -> new Principal(
                                rs.getString("id"),
                                Role.parse(rs.getString("role")),
                                rs.getString("author_id"),
                                rs.getString("name")))
                        .findOne());
    }

    /** Revokes a token; returns false when no active token has that id. */
    public boolean revoke(Handle h, String id) {
        int changed = h.createUpdate(
                        "UPDATE api_tokens SET revoked_at_ms = :at WHERE id = :id AND revoked_at_ms IS NULL")
                .bind("at", clock.millis())
                .bind("id", id)
                .execute();
        cache.values().removeIf(c -> c.principal().tokenId().equals(id));
        return changed > 0;
    }

    public Optional<TokenInfo> find(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM api_tokens WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> info(rs))
                        .findOne());
    }

    public List<TokenInfo> list() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM api_tokens ORDER BY created_at_ms, id")
                        .map((rs, ctx) -> info(rs))
                        .list());
    }

    /** True when at least one active admin token exists. */
    public boolean hasActiveAdmin() {
        return db.jdbi()
                        .withHandle(h -> h.createQuery(
                                        "SELECT count(*) FROM api_tokens WHERE role = 'admin' AND revoked_at_ms IS NULL")
                                .mapTo(Long.class)
                                .one())
                > 0;
    }

    private static TokenInfo info(java.sql.ResultSet rs) throws java.sql.SQLException {
        long revoked = rs.getLong("revoked_at_ms");
        boolean active = rs.wasNull(); // must be asked right after reading the column
        return new TokenInfo(
                rs.getString("id"),
                Role.parse(rs.getString("role")),
                rs.getString("author_id"),
                rs.getString("name"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                active ? null : Instant.ofEpochMilli(revoked));
    }

    /**
     * Every authenticated request hashes its bearer secret, and {@code MessageDigest.getInstance}
     * walks the security providers and checks algorithm constraints each time (~2% of the server's
     * CPU per screened item): clone a prototype instead, which copies an engine in its initial
     * state. The hash, and so what is compared and cached, is unchanged.
     */
    private static final MessageDigest SHA_256_PROTOTYPE = sha256Prototype();

    private static final HexFormat HEX = HexFormat.of();

    static String sha256(String secret) {
        return HEX.formatHex(newSha256().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Prototype(); // a provider whose engine cannot be cloned: look it up each time
        }
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required of every JDK", e);
        }
    }
}
