package io.redline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.media.TestCa;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code redline media label/inspect} on a real file with Content Credentials (c2pa-rs's CA.jpg). */
class MediaCliTest {

    @Test
    void labellingASignedFileNeedsTheConfiguredKeyOrAnExplicitDrop(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("CA.jpg");
        try (InputStream r = TestCa.class.getResourceAsStream("/c2pa/CA.jpg")) {
            Files.write(in, r.readAllBytes());
        }
        TestCa ca = TestCa.create("CLI");
        Path chain = Files.writeString(dir.resolve("chain.pem"), ca.chainPem());
        Path key = Files.writeString(dir.resolve("key.pem"), ca.keyPem());
        Path anchors = Files.writeString(dir.resolve("anchors.pem"), ca.rootPem());
        Path config = Files.writeString(
                dir.resolve("redline.yaml"),
                "media:\n  c2pa:\n    certChainFile: " + chain + "\n    keyFile: " + key + "\n    trustAnchorsFile: "
                        + anchors + "\n");
        Path out = dir.resolve("out.jpg");
        String[] label = {"media", "label", in.toString(), out.toString(), "--producer", "p1", "--content-id", "c1"};

        CliTest.Run refused = CliTest.run("", label);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains("carries a C2PA credential")
                .contains("media.c2pa.keyFile")
                .contains("--drop-provenance");
        assertThat(out).doesNotExist();

        CliTest.Run signed = CliTest.run("", concat(label, "--config", config.toString()));
        assertThat(signed.exit()).as(signed.err()).isZero();
        CliTest.Run inspect =
                CliTest.run("", "media", "inspect", out.toString(), "--format", "json", "--config", config.toString());
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out())
                .contains("\"status\" : \"valid\"")
                .contains("\"claimGenerator\" : \"Redline/0.1.0\"")
                .contains("\"manifest\" : \"contentauth:urn:uuid:c2677d4b-0a93-4444-876f-ed2f2d40b8cf\"");
        // Without the trust anchors the same credential is intact but untrusted.
        assertThat(CliTest.run("", "media", "inspect", out.toString(), "--format", "json")
                        .out())
                .contains("\"status\" : \"untrusted\"");

        // The visible mark changes the pixels: a second signed manifest records the drawing.
        CliTest.Run drawn = CliTest.run("", concat(label, "--config", config.toString(), "--explicit"));
        assertThat(drawn.exit()).as(drawn.err()).isZero();
        CliTest.Run drawnInspect =
                CliTest.run("", "media", "inspect", out.toString(), "--format", "json", "--config", config.toString());
        assertThat(drawnInspect.out())
                .contains("\"status\" : \"valid\"")
                .contains("\"manifest\" : \"contentauth:urn:uuid:c2677d4b-0a93-4444-876f-ed2f2d40b8cf\"");
        assertThat(CliTest.run("", concat(label, "--explicit")).err())
                .as("without a key the drawing is refused too")
                .contains("carries a C2PA credential");

        CliTest.Run dropped = CliTest.run("", concat(label, "--drop-provenance"));
        assertThat(dropped.exit()).as(dropped.err()).isZero();
        assertThat(CliTest.run("", "media", "inspect", out.toString(), "--format", "json")
                        .out())
                .contains("\"c2pa\" : null")
                .contains("\"mark\" : \"confirmed\"");
    }

    @Test
    void aBadKeyFileStopsWithTheSettingNamed(@TempDir Path dir) throws Exception {
        TestCa ca = TestCa.create("CLI");
        Path chain = Files.writeString(dir.resolve("chain.pem"), ca.chainPem());
        Path key =
                Files.writeString(dir.resolve("key.pem"), TestCa.create("Other").keyPem());
        Path config = Files.writeString(
                dir.resolve("redline.yaml"),
                "media:\n  c2pa:\n    certChainFile: " + chain + "\n    keyFile: " + key + "\n");
        CliTest.Run r = CliTest.run("", "media", "inspect", chain.toString(), "--config", config.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("media.c2pa").contains("does not belong to the first (leaf) certificate");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
