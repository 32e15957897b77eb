package io.redline.vocabulary;

import java.util.Locale;

/**
 * The state of an uploaded image's Content Credential (the active manifest of its C2PA store),
 * as the media engine's validation found it (docs/aigc-labels.md, "What is verified"). An image
 * without a C2PA store has no status at all.
 */
public enum CredentialStatus {
    /** Intact, correctly signed, chain to a configured trust anchor, certificates valid at signing. */
    VALID,
    /** Intact and correctly signed, but the signer is not trusted here (or its certificate had expired). */
    UNTRUSTED,
    /** Changed after signing: a hash, the hard binding or the signature does not match. */
    TAMPERED,
    /** The active manifest carries no claim signature. */
    UNSIGNED,
    /** The checks could not run (unsupported algorithm or binding, store too large or undecodable). */
    UNVERIFIABLE;

    private static final CredentialStatus[] VALUES = values();

    /** The lower-case name used in JSON, YAML and the database, e.g. {@code tampered}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for a code, or {@code null} when the code is unknown (or null). */
    public static CredentialStatus fromCode(String code) {
        for (CredentialStatus s : VALUES) {
            if (s.code().equals(code)) return s;
        }
        return null;
    }
}
