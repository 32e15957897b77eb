package io.redline.rights.consent;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A requested change of consent, as a creator sends it.
 *
 * @param state            the new state
 * @param licenceTerms     for {@link ConsentState#LICENSED} only: the terms (text or a URL), required
 * @param licenceExpiresAt for {@link ConsentState#LICENSED} only: when the licence ends, required and in the future
 * @param surface          where the creator made the change ({@code api}, {@code console}, {@code cli}, …)
 */
public record ConsentChange(ConsentState state, String licenceTerms, Instant licenceExpiresAt, String surface) {
    public static final int LICENCE_TERMS_CHARS_MAX = 2_000;
    private static final Pattern SURFACE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** What is wrong with this change at {@code now}, or null when it is valid. */
    public String problem(Instant now) {
        if (state == null) return "state is required: denied, platform_models or licensed";
        if (surface == null || !SURFACE.matcher(surface).matches())
            return "surface must be lower-case [a-z][a-z0-9_]*, at most 32 characters";
        if (state == ConsentState.LICENSED) {
            if (licenceTerms == null || licenceTerms.isBlank())
                return "licensed consent needs licenceTerms (the terms or a URL to them)";
            if (licenceTerms.length() > LICENCE_TERMS_CHARS_MAX)
                return "licenceTerms must be at most " + LICENCE_TERMS_CHARS_MAX + " characters";
            if (licenceExpiresAt == null) return "licensed consent needs licenceExpiresAt (an ISO-8601 instant)";
            if (!licenceExpiresAt.isAfter(now))
                return "licenceExpiresAt must be in the future, was " + licenceExpiresAt;
        } else if (licenceTerms != null || licenceExpiresAt != null) {
            return "licenceTerms and licenceExpiresAt belong to licensed consent only, not " + state.wireName();
        }
        return null;
    }
}
