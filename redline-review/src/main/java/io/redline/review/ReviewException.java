package io.redline.review;

/** What a caller can get wrong with review tasks, appeals and reports; the server maps each case to a status (one table for API and console). */
public sealed class ReviewException extends RuntimeException {
    ReviewException(String message) {
        super(message);
    }

    /** A task or content item does not exist (HTTP 404). */
    public static final class NotFound extends ReviewException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The principal's role may not do this (HTTP 403). */
    public static final class Forbidden extends ReviewException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
