package io.redline.ledger;

import io.redline.ledger.engine.Campaign;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed campaign shipped as an example, and variations of it for tests. */
public final class Seed {
    private Seed() {}

    public static String yaml() {
        try (InputStream in = Seed.class.getResourceAsStream("/campaigns/hold-to-earn-2026-12.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Campaign campaign() {
        return CampaignYaml.parse(yaml());
    }

    /** The seed with one line replaced ({@code key: value} lines at the top level or inside the flow maps). */
    public static Campaign with(String from, String to) {
        String y = yaml();
        if (!y.contains(from)) throw new IllegalArgumentException("seed has no '" + from + "'");
        return CampaignYaml.parse(y.replace(from, to));
    }
}
