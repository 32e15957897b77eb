package io.redline.rights.consent;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a creator allows for training, from most to least restrictive. {@link #DENIED} is the
 * default: silence is never consent.
 */
public enum ConsentState {
    /** No model may train on the item. */
    DENIED("denied"),
    /** The platform's own models may train on it; nobody else. */
    PLATFORM_MODELS("platform_models"),
    /** Third parties may, under the recorded licence terms, until the licence expires. */
    LICENSED("licensed");

    private final String wireName;

    ConsentState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ConsentState parse(String s) {
        for (ConsentState c : values()) if (c.wireName.equals(s)) return c;
        throw new IllegalArgumentException("state must be one of "
                + Arrays.stream(values()).map(ConsentState::wireName).collect(Collectors.joining(", ")) + "; got '" + s
                + "'");
    }

    /** The more restrictive of two states (a copy can never allow more than its original). */
    public static ConsentState stricter(ConsentState a, ConsentState b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
