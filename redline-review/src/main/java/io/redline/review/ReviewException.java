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

    /** The caller did this too often in a short time (HTTP 429); retry after {@link #retryAfterSeconds()}. */
    public static final class TooMany extends ReviewException {
        private final long retryAfterSeconds;

        public TooMany(String message, long retryAfterSeconds) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /**
     * The content is stored but its first decision is not written yet (the worker decides within
     * about a quarter second, longer under load): nothing is wrong with the request, only its
     * timing, so the answer is HTTP 409 with {@code Retry-After}. Readers report what they see the
     * moment it appears (a live-chat line), so this is a normal answer, not an error to log.
     */
    public static final class NotDecidedYet extends ReviewException {
        public static final int RETRY_AFTER_SECONDS = 1;

        public NotDecidedYet(String message) {
            super(message);
        }
    }
}
