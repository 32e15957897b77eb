package io.redline.policy;

import java.util.List;

/** Either a compiled policy or every error found in the document. */
public sealed interface PolicyParseResult {

    record Valid(Policy policy) implements PolicyParseResult {}

    /** @param errors every error found, ordered by position; never empty */
    record Invalid(List<PolicyError> errors) implements PolicyParseResult {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one error");
            }
        }
    }

    /** The policy, or an {@link InvalidPolicyException} carrying every error. */
    default Policy orThrow() {
        return switch (this) {
            case Valid v -> v.policy();
            case Invalid i -> throw new InvalidPolicyException(i.errors());
        };
    }
}
