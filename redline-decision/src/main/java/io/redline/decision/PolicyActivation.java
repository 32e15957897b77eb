package io.redline.decision;

import java.time.Instant;

/** One entry of the activation history; {@code previousVersion} is null for the first activation. */
public record PolicyActivation(
        long id, String version, String previousVersion, Instant activatedAt, String activatedBy) {}
