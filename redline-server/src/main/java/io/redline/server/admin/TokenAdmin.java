package io.redline.server.admin;

import io.redline.audit.AuditLog;
import io.redline.identity.IssuedToken;
import io.redline.identity.Principal;
import io.redline.identity.TokenRequest;
import io.redline.identity.Tokens;
import io.redline.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token changes are privileged actions: each one and its audit entry commit together or not at
 * all, whether it comes from the API, the CLI, the demo or the first-start bootstrap.
 */
public final class TokenAdmin {
    private final Database db;
    private final Tokens tokens;
    private final AuditLog audit;

    public TokenAdmin(Database db, Tokens tokens, AuditLog audit) {
        this.db = db;
        this.tokens = tokens;
        this.audit = audit;
    }

    public IssuedToken issue(TokenRequest request, Principal by) {
        return db.jdbi().inTransaction(h -> {
            IssuedToken t = tokens.create(h, request, by.tokenId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("role", t.info().role().wireName());
            if (t.info().authorId() != null) details.put("authorId", t.info().authorId());
            details.put("name", t.info().name());
            audit.append(h, Actors.event(by, "token.create", "token", t.info().id(), details));
            return t;
        });
    }

    /** Returns false when no active token has this id (nothing is audited then: nothing changed). */
    public boolean revoke(String tokenId, Principal by) {
        return db.jdbi().inTransaction(h -> {
            boolean revoked = tokens.revoke(h, tokenId);
            if (revoked) audit.append(h, Actors.event(by, "token.revoke", "token", tokenId, Map.of()));
            return revoked;
        });
    }

    public Tokens tokens() {
        return tokens;
    }
}
