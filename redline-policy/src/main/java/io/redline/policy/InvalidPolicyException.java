package io.redline.policy;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link PolicyParseResult#orThrow()}; carries every error in the document. */
public final class InvalidPolicyException extends RuntimeException {
    private final transient List<PolicyError> errors;

    public InvalidPolicyException(List<PolicyError> errors) {
        super("invalid policy (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n"
                + errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PolicyError> errors() {
        return errors;
    }
}
