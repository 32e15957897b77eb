package io.redline.rights.consent;

/** Errors a caller of the consent registry can cause; the message says what to fix. */
public sealed class ConsentException extends RuntimeException {
    ConsentException(String message) {
        super(message);
    }

    /** The change is malformed (a 422 at the HTTP edge). */
    public static final class Invalid extends ConsentException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The caller may not change this consent: only the creator may, never staff (a 403). */
    public static final class Forbidden extends ConsentException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
