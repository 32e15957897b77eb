package io.redline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.media.AigcLabel;
import io.redline.media.C2paInfo;
import io.redline.media.C2paValidation;
import io.redline.media.Inspection;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import io.redline.media.TestCa;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** A generated image the gateway labels keeps the upstream's Content Credentials when it can sign. */
class AiLabelsTest {
    private static final TestCa CA = TestCa.create("Redline gateway");
    private static final GatewayConfig.Label LABEL = new GatewayConfig.Label("en", "", "", "AI-generated", "");
    private static final AigcLabel AIGC = AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "producer-1", "77");

    /** A real C2PA-signed JPEG (c2pa-rs's test fixture, redline-media's test resources). */
    private static byte[] signedUpstreamImage() throws IOException {
        try (InputStream in = AiLabelsTest.class.getResourceAsStream("/c2pa/CA.jpg")) {
            assertThat(in).as("redline-media's test jar on the classpath").isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void withASigningKeyTheUpstreamCredentialIsTheParentOfAManifestRecordingBothLabels() throws Exception {
        byte[] upstream = signedUpstreamImage();
        C2paInfo before =
                MediaInspector.inspect(upstream, MediaLimits.defaults()).c2pa();
        byte[] labelled = new AiLabels("producer-1", MediaLimits.defaults(), CA.signer()).image(upstream, LABEL, AIGC);

        Inspection after = MediaInspector.inspect(labelled, MediaLimits.defaults(), CA.trust());
        assertThat(after.aigc()).isEqualTo(AIGC);
        assertThat(after.c2pa()).as("the credential is kept").isNotNull();
        assertThat(after.c2pa().validation().status())
                .as("%s", after.c2pa().validation().findings())
                .isEqualTo(C2paValidation.Status.VALID);
        assertThat(after.c2pa().claimGenerator()).isEqualTo("Redline/0.1.0");
        assertThat(after.c2pa().ingredients())
                .extracting(C2paInfo.Ingredient::manifest)
                .contains(before.activeManifest());
    }

    @Test
    void withoutASigningKeyTheCredentialIsRemovedAndTheLabelsStillGoIn() throws Exception {
        byte[] labelled =
                new AiLabels("producer-1", MediaLimits.defaults(), null).image(signedUpstreamImage(), LABEL, AIGC);

        Inspection after = MediaInspector.inspect(labelled, MediaLimits.defaults());
        assertThat(after.aigc()).isEqualTo(AIGC);
        assertThat(after.c2pa())
                .as("no credential whose binding the labels broke")
                .isNull();
    }
}
