package io.redline.ledger;

/** Errors a caller can cause and fix; the message says what to change. The server maps them to 4xx. */
public sealed class LedgerException extends RuntimeException {
    LedgerException(String message) {
        super(message);
    }

    /** Bad input: a malformed file, an unknown field, an amount finer than the asset's scale (HTTP 422). */
    public static final class Invalid extends LedgerException {
        public Invalid(String message) {
            super(message);
        }
    }

    /**
     * The request contradicts what is stored: a different definition under an existing campaign id,
     * a transaction id replayed with other legs, a no-negative account that would go below 0 (HTTP 409).
     */
    public static final class Conflict extends LedgerException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** No such campaign, account or transfer (HTTP 404). */
    public static final class NotFound extends LedgerException {
        public NotFound(String message) {
            super(message);
        }
    }
}
