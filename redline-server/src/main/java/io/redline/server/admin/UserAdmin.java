package io.redline.server.admin;

import io.redline.audit.AuditLog;
import io.redline.identity.ConsoleSessions;
import io.redline.identity.PasswordHash;
import io.redline.identity.Principal;
import io.redline.identity.UserInfo;
import io.redline.identity.UserRequest;
import io.redline.identity.Users;
import io.redline.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Console-user changes are privileged actions: each one and its audit entry commit together or
 * not at all, whether it comes from the API, the CLI or the demo. Passwords and their hashes never
 * reach the audit log. Passwords are hashed before the transaction opens, so the deliberately slow
 * hash does not hold SQLite's write lock.
 */
public final class UserAdmin {
    private final Database db;
    private final Users users;
    private final ConsoleSessions sessions;
    private final AuditLog audit;

    public UserAdmin(Database db, Users users, ConsoleSessions sessions, AuditLog audit) {
        this.db = db;
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * Creates a user with the given password (at least 12 characters).
     *
     * @throws IllegalArgumentException  when the request or the password is not acceptable
     * @throws Users.UsernameTaken       when the username is in use
     */
    public UserInfo create(UserRequest request, char[] password, Principal by) {
        String problem = request.problem();
        if (problem != null) throw new IllegalArgumentException(problem);
        PasswordHash hash = users.hashNew(password);
        return db.jdbi().inTransaction(h -> {
            UserInfo u = users.create(h, request, hash, by.actor().id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("username", u.username());
            details.put("role", u.role().wireName());
            if (u.authorId() != null) details.put("authorId", u.authorId());
            if (u.displayName() != null) details.put("displayName", u.displayName());
            audit.append(h, Actors.event(by, "user.create", "user", u.id(), details));
            return u;
        });
    }

    /** Disables a user and ends their console sessions; false (and nothing audited) when no active user has this id. */
    public boolean disable(String userId, Principal by) {
        return db.jdbi().inTransaction(h -> {
            if (!users.disable(h, userId)) return false;
            int ended = sessions.endAllFor(h, userId);
            audit.append(h, Actors.event(by, "user.disable", "user", userId, Map.of("sessionsEnded", ended)));
            return true;
        });
    }

    /**
     * Sets a new password, lifts any lockout and ends the user's console sessions (whoever knew
     * the old password is signed out); false (and nothing audited) when no active user has this id.
     */
    public boolean setPassword(String userId, char[] password, Principal by) {
        PasswordHash hash = users.hashNew(password);
        return db.jdbi().inTransaction(h -> {
            if (!users.setPassword(h, userId, hash)) return false;
            int ended = sessions.endAllFor(h, userId);
            audit.append(h, Actors.event(by, "user.password", "user", userId, Map.of("sessionsEnded", ended)));
            return true;
        });
    }

    public Users users() {
        return users;
    }
}
