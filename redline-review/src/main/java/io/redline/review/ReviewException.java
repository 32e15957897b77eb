package io.redline.review;

import io.redline.policy.PolicyError;

import java.util.List;
import java.util.stream.Collectors;

/** What a caller can get wrong with policies and decisions; the server maps each case to a status. */
public sealed class ReviewException extends RuntimeException {
    ReviewException(String message) {
        super(message);
    }

    /** The policy document does not validate (HTTP 422); carries every error with its line and column. */
    public static final class InvalidPolicy extends ReviewException {
        private final transient List<PolicyError> errors;

        public InvalidPolicy(List<PolicyError> errors) {
            super("invalid policy (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "): "
                    + errors.stream().limit(5).map(PolicyError::toString).collect(Collectors.joining("; ")));
            this.errors = List.copyOf(errors);
        }

        public List<PolicyError> errors() {
            return errors;
        }
    }

    /** A named policy version (or other object) does not exist (HTTP 404). */
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
}
