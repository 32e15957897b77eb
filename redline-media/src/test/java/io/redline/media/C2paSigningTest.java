package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.media.C2paValidation.Status;
import io.redline.vocabulary.AiMark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labelling a signed file adds a manifest we sign, keeping the original as its parent. */
class C2paSigningTest {

    static final TestCa CA = TestCa.create("Redline");
    static final AigcLabel LABEL = AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "producer-1", "item-42");

    static byte[] label(byte[] file) throws Exception {
        return ImplicitLabelWriter.write(file, LABEL, MediaLimits.defaults(), new Provenance.Sign(CA.signer()));
    }

    @Test
    void labellingASignedJpegAddsAValidManifestWithTheOriginalAsParent() throws Exception {
        for (String name : new String[] {"CA.jpg", "ocsp.jpg", "truepic-20230212-camera.jpg", "verify.jpeg"}) {
            byte[] original = C2paRealFilesTest.resource(name);
            Inspection before = MediaInspector.inspect(original, MediaLimits.defaults());
            byte[] labelled = label(original);
            Files.write(Path.of("target", "signed-" + name), labelled);
            Inspection after = MediaInspector.inspect(labelled, MediaLimits.defaults(), CA.trust());
            assertThat(after.aigc()).as(name).isEqualTo(LABEL);
            C2paInfo c = after.c2pa();
            assertThat(c.validation().status())
                    .as(name + " " + c.validation().findings())
                    .isEqualTo(Status.VALID);
            assertThat(c.claimGenerator()).isEqualTo("Redline/0.1.0");
            assertThat(c.validation().algorithm()).isEqualTo("ES256");
            assertThat(c.ingredients())
                    .extracting(C2paInfo.Ingredient::manifest)
                    .contains(before.c2pa().activeManifest());
            // The source type of the pixels travels with the new active manifest.
            assertThat(c.digitalSourceType()).isEqualTo(before.c2pa().digitalSourceType());
        }
    }

    /** The CA.jpg store carried in a PNG caBX chunk / WebP C2PA chunk (no real ones are public). */
    static byte[] pngWithStore() {
        return TestFiles.pngWith(TestFiles.png(16, 16), TestFiles.chunk("caBX", caStore()));
    }

    static byte[] webpWithStore() {
        return TestFiles.riff(
                TestFiles.webpChunk("VP8X", DetectionTest.vp8x(0)),
                TestFiles.webpChunk("VP8L", TestFiles.vp8l1x1()),
                TestFiles.webpChunk("C2PA", caStore()));
    }

    static byte[] caStore() {
        try {
            return MediaInspector.carriers(C2paRealFilesTest.resource("CA.jpg"), MediaLimits.defaults())
                    .c2pa
                    .getFirst()
                    .bytes();
        } catch (MediaFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pngAndWebpCarriersAreSignedTooAndLabellingTwiceChainsTheManifests() throws Exception {
        for (byte[] file : List.of(pngWithStore(), webpWithStore())) {
            byte[] once = label(file);
            byte[] twice = label(once);
            for (byte[] labelled : List.of(once, twice)) {
                Inspection in = MediaInspector.inspect(labelled, MediaLimits.defaults(), CA.trust());
                assertThat(in.c2pa().validation().status())
                        .as(in.format() + " " + in.c2pa().validation().findings())
                        .isEqualTo(Status.VALID);
                assertThat(in.aigc()).isEqualTo(LABEL);
            }
            Inspection second = MediaInspector.inspect(twice, MediaLimits.defaults(), CA.trust());
            assertThat(second.c2pa().ingredients()).hasSize(2); // the original and our first manifest
            assertThat(second.c2pa().ingredients().getLast().claimGenerator()).isEqualTo("Redline/0.1.0");
            // Only the credential's bytes changed besides the label: the image data is untouched.
            assertThat(MediaInspector.inspect(twice, MediaLimits.defaults()).width())
                    .isEqualTo(
                            MediaInspector.inspect(file, MediaLimits.defaults()).width());
        }
    }

    @Test
    void oneChangedByteAfterSigningBreaksTheBinding() throws Exception {
        byte[] labelled = label(C2paRealFilesTest.resource("CA.jpg"));
        labelled[labelled.length - 10] ^= 0x01;
        C2paValidation v = MediaInspector.inspect(labelled, MediaLimits.defaults(), CA.trust())
                .c2pa()
                .validation();
        assertThat(v.status()).isEqualTo(Status.TAMPERED);
        assertThat(v.findings()).anyMatch(f -> f.contains("c2pa.hash.data does not match"));
    }

    @Test
    void withoutAKeyLabellingASignedFileIsRefusedUnlessProvenanceIsDropped() throws Exception {
        byte[] ca = C2paRealFilesTest.resource("CA.jpg");
        assertThatThrownBy(() -> ImplicitLabelWriter.write(ca, LABEL, MediaLimits.defaults()))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("carries a C2PA credential")
                .hasMessageContaining("media.c2pa.keyFile")
                .satisfies(e -> assertThat(((MediaFormatException) e).kind())
                        .isEqualTo(MediaFormatException.Kind.SIGNED_CONTENT));
        byte[] dropped = ImplicitLabelWriter.write(ca, LABEL, MediaLimits.defaults(), Provenance.drop());
        Inspection in = MediaInspector.inspect(dropped, MediaLimits.defaults());
        assertThat(in.c2pa()).isNull();
        assertThat(in.aigc()).isEqualTo(LABEL);
        assertThat(in.mark()).isEqualTo(AiMark.CONFIRMED);
        // A file without a credential is labelled as before, whatever the choice.
        byte[] plain = TestFiles.jpeg(8, 8);
        assertThat(ImplicitLabelWriter.write(plain, LABEL, MediaLimits.defaults()))
                .isEqualTo(ImplicitLabelWriter.write(plain, LABEL, MediaLimits.defaults(), Provenance.drop()));
    }

    @Test
    void keyFilesAreCheckedWithMessagesThatSayWhatIsWrong() throws Exception {
        byte[] chain = CA.chainPem().getBytes(StandardCharsets.US_ASCII);
        TestCa other = TestCa.create("Other");
        assertThatThrownBy(() -> C2paSigner.fromPem(chain, other.keyPem().getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("does not belong to the first (leaf) certificate");
        assertThatThrownBy(() -> C2paSigner.fromPem(
                        chain, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n".getBytes()))
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() ->
                        C2paSigner.fromPem("nothing".getBytes(), CA.keyPem().getBytes()))
                .hasMessageContaining("certificate chain file");
        assertThat(CA.signer().chain()).hasSize(2);
    }

    @Test
    void drawingTheVisibleLabelOnASignedFileAddsAManifestBindingTheNewPixels() throws Exception {
        for (byte[] file : List.of(C2paRealFilesTest.resource("CA.jpg"), pngWithStore())) {
            byte[] drawn = ExplicitLabel.render(
                    file,
                    "AI",
                    ExplicitLabel.Corner.TOP_LEFT,
                    MediaLimits.defaults(),
                    new Provenance.Sign(CA.signer()));
            Inspection in = MediaInspector.inspect(drawn, MediaLimits.defaults(), CA.trust());
            assertThat(in.c2pa().validation().status())
                    .as(in.format() + " " + in.c2pa().validation().findings())
                    .isEqualTo(Status.VALID);
            assertThat(in.c2pa().ingredients())
                    .extracting(C2paInfo.Ingredient::manifest)
                    .contains(MediaInspector.inspect(file, MediaLimits.defaults())
                            .c2pa()
                            .activeManifest());
            assertThat(C2paRealFilesTest.activeAssertionText(drawn, "c2pa.actions"))
                    .contains("action=c2pa.opened")
                    .contains("action=c2pa.edited")
                    .contains("drew the visible label \"AI\" in the top-left corner");
            java.awt.image.BufferedImage before = TestFiles.decode(file);
            int target = ExplicitLabel.textHeightPx(before.getWidth(), before.getHeight());
            int pad = Math.max(3, Math.round(target * 0.35f));
            int x = 3 * pad, y = 2 * pad + target / 2; // inside the label's box
            assertThat(TestFiles.decode(drawn).getRGB(x, y))
                    .as("pixels changed under the label")
                    .isNotEqualTo(before.getRGB(x, y));
        }
        // Without a key, drawing on a signed file is refused; dropping provenance is explicit.
        byte[] ca = C2paRealFilesTest.resource("CA.jpg");
        assertThatThrownBy(() -> ExplicitLabel.render(
                        ca, "AI", ExplicitLabel.Corner.TOP_LEFT, MediaLimits.defaults(), new Provenance.Refuse()))
                .hasMessageContaining("drawing the visible label changes its pixels")
                .satisfies(e -> assertThat(((MediaFormatException) e).kind())
                        .isEqualTo(MediaFormatException.Kind.SIGNED_CONTENT));
        assertThat(MediaInspector.inspect(
                                ExplicitLabel.render(
                                        ca,
                                        "AI",
                                        ExplicitLabel.Corner.TOP_LEFT,
                                        MediaLimits.defaults(),
                                        Provenance.drop()),
                                MediaLimits.defaults())
                        .c2pa())
                .isNull();
    }
}
