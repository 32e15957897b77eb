package io.redline.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a token may do. Wire names are lower-case ({@code policy_editor}). */
public enum Role {
    ADMIN,
    POLICY_EDITOR,
    REVIEWER,
    AUDITOR,
    /** Bound to one authorId; sees and submits only that author's content. */
    CREATOR,
    /** A host-platform backend submitting content on behalf of many authors. */
    SERVICE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String wire) {
        for (Role r : values()) {
            if (r.wireName().equals(wire)) return r;
        }
        throw new IllegalArgumentException("unknown role '" + wire + "': expected one of "
                + Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", ")));
    }
}
