package io.redline.decision;

import io.redline.policy.Policy;
import java.time.Instant;

/** The policy in force: its version and the compiled form every decision evaluates. */
public record ActivePolicy(String version, Policy policy, Instant activatedAt, String activatedBy) {
    public ActivePolicy {
        if (!policy.version().equals(version)) {
            throw new IllegalStateException("stored policy " + version + " compiles to version " + policy.version()
                    + "; the policy engine's canonical form changed without a migration");
        }
    }
}
