package io.redline.decision;

import java.time.Instant;

/**
 * One immutable stored policy version.
 *
 * @param version   {@code Policy.version()}: SHA-256 of the canonical form, the key
 * @param source    the YAML exactly as first saved
 * @param createdBy actor id of whoever saved it first
 */
public record StoredPolicy(String version, String name, String source, Instant createdAt, String createdBy) {}
