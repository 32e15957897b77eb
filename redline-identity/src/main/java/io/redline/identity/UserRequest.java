package io.redline.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an admin asks for when creating a console user. Usernames are case-insensitive: they are
 * lower-cased before checking and storing, so {@code Alice} and {@code alice} are one account.
 */
public record UserRequest(String username, Role role, String authorId, String displayName) {
    static final int DISPLAY_NAME_CHARS_MAX = 100;
    static final int USERNAME_CHARS_MAX = 64;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");

    /** The username as stored and looked up: lower-cased, or null when absent. */
    public static String normalise(String username) {
        return username == null ? null : username.toLowerCase(Locale.ROOT);
    }

    /** Checks the request and returns what is wrong, or null when it is acceptable. */
    public String problem() {
        if (username == null || username.isEmpty())
            return "username is required: 3 to 64 of a-z, 0-9, '.', '_' and '-'";
        if (username.length() > USERNAME_CHARS_MAX)
            return "username is longer than " + USERNAME_CHARS_MAX + " characters";
        if (!USERNAME.matcher(normalise(username)).matches()) {
            return "username '" + username + "' must be 3 to 64 of a-z, 0-9, '.', '_' and '-'";
        }
        if (role == null) return "role is required: one of admin, policy_editor, reviewer, auditor, creator, service";
        if (role == Role.CREATOR && (authorId == null || authorId.isBlank())) {
            return "a creator user must be bound to an authorId";
        }
        if (role != Role.CREATOR && authorId != null) return "only creator users take an authorId";
        if (authorId != null && authorId.length() > TokenRequest.AUTHOR_ID_CHARS_MAX) {
            return "authorId is longer than " + TokenRequest.AUTHOR_ID_CHARS_MAX + " characters";
        }
        if (displayName != null && displayName.length() > DISPLAY_NAME_CHARS_MAX) {
            return "displayName is longer than " + DISPLAY_NAME_CHARS_MAX + " characters";
        }
        return null;
    }
}
