package io.redline.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with the JDK's PBKDF2-HMAC-SHA256; no cryptography of our own.
 *
 * <p>Encoded as {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>} so every stored hash
 * carries its own cost: raising {@link #iterations()} keeps old hashes verifiable and
 * {@link #needsRehash} tells the login path to upgrade them. The default, 600,000 iterations, is
 * OWASP's 2023 figure for PBKDF2-SHA256 (about 0.15 s on one core of the machines we measured);
 * PBKDF2 is chosen over Argon2 or scrypt because the JDK ships it and we add no crypto dependency.
 */
public final class Passwords {
    public static final int ITERATIONS_DEFAULT = 600_000;
    /** Refuses absurd costs in a stored hash, so a corrupt row cannot stall a login thread for minutes. */
    static final int ITERATIONS_MAX = 10_000_000;
    /** NIST SP 800-63B asks for at least 8; we ask 12 because console accounts can change policies. */
    public static final int PASSWORD_CHARS_MIN = 12;
    /** Bounds the work and memory of one login; longer input is refused, never truncated. */
    public static final int PASSWORD_CHARS_MAX = 1_024;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int GENERATED_BYTES = 18; // 144 bits, 24 base64url characters
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    /** Key derivations run by this instance; lets tests check that a miss costs a hash like a hit. */
    private final AtomicLong derivations = new AtomicLong();

    public Passwords(int iterations) {
        if (iterations < 1 || iterations > ITERATIONS_MAX) {
            throw new IllegalArgumentException("iterations must be 1.." + ITERATIONS_MAX + ", was " + iterations);
        }
        this.iterations = iterations;
    }

    public int iterations() {
        return iterations;
    }

    /** Hashes with a fresh random salt; the caller may clear {@code password} afterwards. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return encode(iterations, salt, derive(password, salt, iterations));
    }

    /** True when {@code password} matches; false for a wrong password or an encoding we do not understand. */
    public boolean verify(char[] password, String encoded) {
        Parsed p = parse(encoded);
        if (p == null || password == null) return false;
        byte[] actual = derive(password, p.salt(), p.iterations());
        return MessageDigest.isEqual(actual, p.hash());
    }

    /** True when the stored hash is weaker than what we would write today (or unreadable). */
    public boolean needsRehash(String encoded) {
        Parsed p = parse(encoded);
        return p == null || p.iterations() < iterations;
    }

    /** What is wrong with a new password, or null when it is acceptable. */
    public static String problem(char[] password) {
        if (password == null || password.length == 0) return "a password is required";
        if (password.length < PASSWORD_CHARS_MIN)
            return "the password is shorter than " + PASSWORD_CHARS_MIN + " characters";
        if (password.length > PASSWORD_CHARS_MAX)
            return "the password is longer than " + PASSWORD_CHARS_MAX + " characters";
        return null;
    }

    /** A strong random password (144 bits, base64url) for accounts whose creator did not choose one. */
    public static String generate() {
        byte[] raw = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Parsed parse(String encoded) {
        if (encoded == null) return null;
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) return null;
        try {
            int n = Integer.parseInt(parts[1]);
            if (n < 1 || n > ITERATIONS_MAX) return null;
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length == 0 || hash.length * 8 != HASH_BITS) return null;
            return new Parsed(n, salt, hash);
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            return null;
        }
    }

    private static String encode(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    long derivations() {
        return derivations.get();
    }

    private byte[] derive(char[] password, byte[] salt, int iterations) {
        derivations.incrementAndGet();
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return factory().generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 failed", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static SecretKeyFactory factory() {
        try {
            return SecretKeyFactory.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(ALGORITHM + " is required of every JDK", e);
        }
    }
}
