package io.redline.identity;

import io.redline.vocabulary.Actor;
import java.util.Objects;

/**
 * Who is calling: the token's id and role, and for creators the one author they act as.
 *
 * @param tokenId  stable id of the token (never the secret)
 * @param authorId the bound author for {@link Role#CREATOR}, else null
 */
public record Principal(String tokenId, Role role, String authorId, String name) {
    public Principal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(role, "role");
        if ((role == Role.CREATOR) != (authorId != null)) {
            throw new IllegalArgumentException("a creator principal needs exactly one authorId; other roles none");
        }
    }

    /** The actor for internal jobs (migrations, workers, the CLI) in audit records. */
    public static Principal system(String name) {
        return new Principal(Actor.SYSTEM_TOKEN, Role.ADMIN, null, name);
    }

    /**
     * This principal as the audit log records it. Internal principals run as admin but are
     * recorded as {@code system:<name>} in role {@code system}: the rule lives in {@link Actor#of}.
     */
    public Actor actor() {
        return Actor.of(tokenId, role.wireName(), name);
    }

    /** True when this principal may see or act on content of the given author. */
    public boolean canActFor(String contentAuthorId) {
        return role != Role.CREATOR || authorId.equals(contentAuthorId);
    }
}
