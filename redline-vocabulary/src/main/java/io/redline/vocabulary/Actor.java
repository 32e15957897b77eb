package io.redline.vocabulary;

import java.util.Objects;

/**
 * Who acted, as the audit log records it (docs/audit.md): a token id and the role it acted in, or
 * {@code system:<job>} with role {@code system} for internal work (workers, sweeps, the CLI,
 * bootstrap). {@link #of} is the one place that turns a caller into an actor, so the same
 * principal is never recorded two ways.
 *
 * @param id   a token id ({@code tok_…}), a principal name, or {@code system:<job>}; 1–200 characters
 * @param role {@code [a-z][a-z0-9_]{0,31}}: admin, policy_editor, reviewer, auditor, creator, service or system
 */
public record Actor(String id, String role) {
    /** The token id internal principals share; their name tells them apart. */
    public static final String SYSTEM_TOKEN = "system";

    public static final String SYSTEM_ROLE = "system";
    private static final int ID_CHARS_MAX = 200;

    public Actor {
        Objects.requireNonNull(id, "actor.id");
        Objects.requireNonNull(role, "actor.role");
        if (id.isBlank() || id.length() > ID_CHARS_MAX) {
            throw new IllegalArgumentException("actor.id must be 1.." + ID_CHARS_MAX + " characters and not blank");
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i)))
                throw new IllegalArgumentException("actor.id must not contain control characters (index " + i + ")");
        }
        if (!LowerName.isName(role))
            throw new IllegalArgumentException(
                    "actor.role must match " + LowerName.NAME_PATTERN + ", was '" + role + "'");
    }

    /**
     * The actor for a caller: internal principals (token id {@value #SYSTEM_TOKEN}) become
     * {@code system:<name>} in role {@value #SYSTEM_ROLE} whatever role they run with; everyone
     * else is their token id in their role.
     */
    public static Actor of(String tokenId, String role, String name) {
        if (SYSTEM_TOKEN.equals(tokenId)) return system(name);
        return new Actor(tokenId, role);
    }

    /** An internal job, e.g. {@code system("decision-worker")}; a blank name is {@code system:redline}. */
    public static Actor system(String name) {
        return new Actor("system:" + (name == null || name.isBlank() ? "redline" : name), SYSTEM_ROLE);
    }

    public boolean isSystem() {
        return SYSTEM_ROLE.equals(role);
    }
}
