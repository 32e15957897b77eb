package io.redline.identity;

import java.util.Objects;

/**
 * A new password, already checked and hashed ({@link Users#hashNew}). Hashing takes about 0.15 s
 * on purpose, so callers hash first and then open the transaction that stores the result, instead
 * of holding SQLite's single write lock through the hash. Only this package can make one, so a
 * caller cannot store an arbitrary string as a hash.
 */
public final class PasswordHash {
    private final String encoded;

    PasswordHash(String encoded) {
        this.encoded = Objects.requireNonNull(encoded, "encoded");
    }

    String encoded() {
        return encoded;
    }

    @Override
    public String toString() {
        return "PasswordHash[***]";
    }
}
