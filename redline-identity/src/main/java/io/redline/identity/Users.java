package io.redline.identity;

import io.redline.store.Database;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Console users: people who sign in to the web console with a username and password (API
 * clients use {@link Tokens}). A user acts with one role, like a token, and its principal's
 * {@code tokenId} is the user id ({@code usr_…}), so audit entries name the person.
 *
 * <p>Sign-in reveals nothing about which usernames exist: an unknown, disabled or locked-out
 * username costs the same one password hash (against a fixed dummy) and gives the same empty
 * answer as a wrong password. After {@link #FAILED_LOGINS_MAX} consecutive failures from one
 * client address a username is refused for {@link #LOCKOUT} from that address, even with the
 * right password; a success resets the count. Other addresses are not locked, so a stranger who
 * knows a username cannot lock its owner out ({@link SignInThrottle}).
 */
public final class Users {
    static final int FAILED_LOGINS_MAX = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final char[] DUMMY_PASSWORD = "redline-no-such-user".toCharArray();

    private final Database db;
    private final Clock clock;
    private final Passwords passwords;
    private final SignInThrottle throttle = new SignInThrottle(FAILED_LOGINS_MAX, LOCKOUT);
    private final SecureRandom random = new SecureRandom();
    /** Hashed lazily with the current cost, so a miss costs what a real check costs. */
    private volatile String dummyHash;

    /** A username is already in use (by an active or a disabled user: usernames are never reused). */
    public static final class UsernameTaken extends RuntimeException {
        public UsernameTaken(String username) {
            super("username '" + username + "' is already taken; usernames are case-insensitive and never reused");
        }
    }

    public Users(Database db, Clock clock, Passwords passwords) {
        this.db = db;
        this.clock = clock;
        this.passwords = passwords;
    }

    public Passwords passwords() {
        return passwords;
    }

    /** Checks and hashes a new password; do this before opening the transaction that stores it. */
    public PasswordHash hashNew(char[] password) {
        String problem = Passwords.problem(password);
        if (problem != null) throw new IllegalArgumentException(problem);
        return new PasswordHash(passwords.hash(password));
    }

    /** Creates a user inside the caller's transaction (so it is audited atomically); hashes inside it too. */
    public UserInfo create(Handle h, UserRequest request, char[] password, String createdBy) {
        requireValid(request);
        return create(h, request, hashNew(password), createdBy);
    }

    /** Creates a user with a password hashed beforehand by {@link #hashNew}. */
    public UserInfo create(Handle h, UserRequest request, PasswordHash password, String createdBy) {
        requireValid(request);
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        String id = "usr_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        String username = UserRequest.normalise(request.username());
        String displayName =
                request.displayName() == null || request.displayName().isBlank() ? null : request.displayName();
        Instant now = clock.instant();
        int inserted = h.createUpdate("""
                        INSERT INTO console_users (id, username, password_hash, role, author_id, display_name, created_by, created_at_ms)
                        VALUES (:id, :username, :hash, :role, :author, :display, :by, :at)
                        ON CONFLICT (username) DO NOTHING""")
                .bind("id", id)
                .bind("username", username)
                .bind("hash", password.encoded())
                .bind("role", request.role().wireName())
                .bind("author", request.authorId())
                .bind("display", displayName)
                .bind("by", createdBy)
                .bind("at", now.toEpochMilli())
                .execute();
        if (inserted == 0) throw new UsernameTaken(username);
        return new UserInfo(id, username, request.role(), request.authorId(), displayName, createdBy, now, null);
    }

    /**
     * The principal for a username and password, or empty — the same empty, after the same one
     * hash, whether the username is unknown, disabled, locked out or the password wrong.
     */
    public Optional<Principal> authenticate(String username, char[] password) {
        return authenticate(username, password, "local");
    }

    /**
     * {@link #authenticate(String, char[])} for a sign-in from {@code client} (the caller's
     * address): failures lock the username out for that client only.
     */
    public Optional<Principal> authenticate(String username, char[] password, String client) {
        String name = UserRequest.normalise(username);
        boolean plausible = name != null
                && name.length() <= UserRequest.USERNAME_CHARS_MAX
                && password != null
                && password.length > 0
                && password.length <= Passwords.PASSWORD_CHARS_MAX;
        Attempt attempt = plausible && throttle.reserve(name, client, clock.millis())
                ? db.jdbi().withHandle(h -> activeUser(h, name))
                : null;
        if (attempt == null) {
            passwords.verify(plausible ? password : DUMMY_PASSWORD, dummyHash());
            return Optional.empty();
        }
        // The hash runs outside any transaction: 0.15 s must not hold SQLite's write lock.
        if (!passwords.verify(password, attempt.hash())) return Optional.empty();
        throttle.succeeded(name, client);
        String upgraded = passwords.needsRehash(attempt.hash()) ? passwords.hash(password) : null;
        if (upgraded != null) {
            // Compare-and-set: a password changed meanwhile by an admin wins over this upgrade.
            db.jdbi()
                    .useHandle(h -> h.createUpdate(
                                    "UPDATE console_users SET password_hash = :new WHERE id = :id AND password_hash = :old")
                            .bind("new", upgraded)
                            .bind("id", attempt.principal().tokenId())
                            .bind("old", attempt.hash())
                            .execute());
        }
        return Optional.of(attempt.principal());
    }

    private record Attempt(Principal principal, String hash) {}

    /** The active user of this name and its hash; null when unknown or disabled. */
    private static Attempt activeUser(Handle h, String username) {
        return h.createQuery("""
                        SELECT id, username, role, author_id, password_hash FROM console_users
                         WHERE username = :username AND disabled_at_ms IS NULL""")
                .bind("username", username)
                .map((rs, ctx) -> new Attempt(principal(rs), rs.getString("password_hash")))
                .findOne()
                .orElse(null);
    }

    private String dummyHash() {
        String d = dummyHash;
        if (d == null) dummyHash = d = passwords.hash(DUMMY_PASSWORD);
        return d;
    }

    /** The principal of an active user, re-read from storage; empty when unknown or disabled. */
    public Optional<Principal> principal(String userId) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT id, username, role, author_id FROM console_users WHERE id = :id AND disabled_at_ms IS NULL")
                        .bind("id", userId)
                        .map((rs, ctx) -> principal(rs))
                        .findOne());
    }

    public List<UserInfo> list() {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM console_users ORDER BY created_at_ms, id")
                        .map((rs, ctx) -> info(rs))
                        .list());
    }

    public Optional<UserInfo> find(String id) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM console_users WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> info(rs))
                        .findOne());
    }

    /** Looks a user up by username, in any case. */
    public Optional<UserInfo> findByUsername(String username) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM console_users WHERE username = :username")
                        .bind("username", UserRequest.normalise(username))
                        .map((rs, ctx) -> info(rs))
                        .findOne());
    }

    /** Disables a user for good (the username stays taken); false when no active user has this id. */
    public boolean disable(Handle h, String userId) {
        return h.createUpdate("UPDATE console_users SET disabled_at_ms = :at WHERE id = :id AND disabled_at_ms IS NULL")
                        .bind("at", clock.millis())
                        .bind("id", userId)
                        .execute()
                > 0;
    }

    /** Sets a new password (hashing inside the caller's transaction) and lifts any lockout. */
    public boolean setPassword(Handle h, String userId, char[] password) {
        return setPassword(h, userId, hashNew(password));
    }

    /** Sets a password hashed beforehand and lifts any lockout; false when no active user has this id. */
    public boolean setPassword(Handle h, String userId, PasswordHash password) {
        boolean set = h.createUpdate("""
                                UPDATE console_users SET password_hash = :hash, failed_logins = 0, locked_until_ms = NULL
                                WHERE id = :id AND disabled_at_ms IS NULL""")
                        .bind("hash", password.encoded())
                        .bind("id", userId)
                        .execute()
                > 0;
        if (set) {
            h.createQuery("SELECT username FROM console_users WHERE id = :id")
                    .bind("id", userId)
                    .mapTo(String.class)
                    .findOne()
                    .ifPresent(throttle::forget);
        }
        return set;
    }

    private static void requireValid(UserRequest request) {
        String problem = request.problem();
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    private static Principal principal(ResultSet rs) throws SQLException {
        return new Principal(
                rs.getString("id"),
                Role.parse(rs.getString("role")),
                rs.getString("author_id"),
                rs.getString("username"));
    }

    private static UserInfo info(ResultSet rs) throws SQLException {
        long disabled = rs.getLong("disabled_at_ms");
        boolean active = rs.wasNull(); // must be asked right after reading the column
        return new UserInfo(
                rs.getString("id"),
                rs.getString("username"),
                Role.parse(rs.getString("role")),
                rs.getString("author_id"),
                rs.getString("display_name"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at_ms")),
                active ? null : Instant.ofEpochMilli(disabled));
    }
}
