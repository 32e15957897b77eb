package io.redline.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The policy Redline ships with, documented in docs/policies.md. */
public final class DefaultPolicy {
    /** Classpath location of the YAML source. */
    public static final String RESOURCE = "/io/redline/policy/default-policy.yaml";

    private DefaultPolicy() {}

    /** The YAML source, read from this library's own jar. */
    public static String yaml() {
        try (InputStream in = DefaultPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default policy is missing from the classpath: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The compiled default policy; a shipped policy that does not validate is a build bug. */
    public static Policy load() {
        return PolicyParser.parse(yaml()).orThrow();
    }
}
