package io.redline.identity;

/** What an admin asks for when creating a token. */
public record TokenRequest(Role role, String authorId, String name) {
    static final int NAME_CHARS_MAX = 100;
    static final int AUTHOR_ID_CHARS_MAX = 128;

    /** Checks the request and returns what is wrong, or null when it is acceptable. */
    public String problem() {
        if (role == null) return "role is required: one of admin, policy_editor, reviewer, auditor, creator, service";
        if (role == Role.CREATOR && (authorId == null || authorId.isBlank())) {
            return "a creator token must be bound to an authorId";
        }
        if (role != Role.CREATOR && authorId != null) return "only creator tokens take an authorId";
        if (authorId != null && authorId.length() > AUTHOR_ID_CHARS_MAX) {
            return "authorId is longer than " + AUTHOR_ID_CHARS_MAX + " characters";
        }
        if (name != null && name.length() > NAME_CHARS_MAX)
            return "name is longer than " + NAME_CHARS_MAX + " characters";
        return null;
    }
}
