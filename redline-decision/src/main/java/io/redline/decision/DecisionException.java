package io.redline.decision;

import io.redline.policy.PolicyError;
import java.util.List;
import java.util.stream.Collectors;

/** What a caller can get wrong with policies and decisions; the server maps each case to a status (one table for API and console). */
public sealed class DecisionException extends RuntimeException {
    DecisionException(String message) {
        super(message);
    }

    /** The policy document does not validate (HTTP 422); carries every error with its line and column. */
    public static final class InvalidPolicy extends DecisionException {
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
    public static final class NotFound extends DecisionException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The principal's role may not do this (HTTP 403). */
    public static final class Forbidden extends DecisionException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
