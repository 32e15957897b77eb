package io.redline.rights.datasets;

/** What a caller did wrong with a dataset; the message says what to fix. */
public abstract sealed class DatasetException extends RuntimeException {
    DatasetException(String message) {
        super(message);
    }

    /** A spec or request that cannot be exported as given (422). */
    public static final class Invalid extends DatasetException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The version exists with another spec (409). */
    public static final class Conflict extends DatasetException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** No such dataset version (404). */
    public static final class NotFound extends DatasetException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** Staff only (403). */
    public static final class Forbidden extends DatasetException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
