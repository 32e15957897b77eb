package io.redline.intake;

import java.util.List;

/** What a client can get wrong when submitting or reading content; the server maps each case to a status. */
public sealed class IntakeException extends RuntimeException {
    IntakeException(String message) {
        super(message);
    }

    /** The submission breaks one or more rules (HTTP 422). */
    public static final class Invalid extends IntakeException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(
                    errors.size() == 1
                            ? errors.get(0).field() + ": " + errors.get(0).message()
                            : errors.size() + " fields are invalid; first: "
                                    + errors.get(0).field() + ": "
                                    + errors.get(0).message());
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The request clashes with stored state, e.g. a reused key with another body (HTTP 409). */
    public static final class Conflict extends IntakeException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The caller may not act for this author (HTTP 403). */
    public static final class Forbidden extends IntakeException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
