package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.media.C2paValidation.Status;
import io.redline.vocabulary.AiMark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real files nobody on the project made (test resources, origin and licence in
 * {@code src/test/resources/c2pa/NOTICE.md}): one test per finding of issue 18 and the
 * validation verdicts a C2PA validator gives them.
 */
class C2paRealFilesTest {

    static byte[] resource(String name) {
        try (InputStream in = C2paRealFilesTest.class.getResourceAsStream("/c2pa/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /c2pa/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Inspection inspect(byte[] file, C2paTrust trust) throws MediaFormatException {
        return MediaInspector.inspect(file, MediaLimits.defaults(), trust);
    }

    static Inspection inspect(String name) throws MediaFormatException {
        return inspect(resource(name), C2paTrust.none());
    }

    static C2paTrust c2paRsTestRoots() throws Exception {
        return C2paTrust.fromPem(resource("c2pa-rs-test-roots.pem"));
    }

    // ---- finding 2: the active manifest decides, ingredients are reported separately

    @Test
    void photoshopExportReportsItsActiveManifestsSourceTypeNotTheFireflyIngredients() throws Exception {
        Inspection in = inspect("ocsp.jpg");
        C2paInfo c = in.c2pa();
        assertThat(c.claimGenerator()).startsWith("Adobe_Photoshop/26.9.0");
        assertThat(c.digitalSourceType()).endsWith("/compositeWithTrainedAlgorithmicMedia");
        assertThat(c.ingredients()).singleElement().satisfies(i -> {
            assertThat(i.claimGenerator()).startsWith("Adobe_Firefly");
            assertThat(i.digitalSourceType()).endsWith("/trainedAlgorithmicMedia");
        });
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
        assertThat(in.evidence()).anyMatch(e -> e.contains("ingredient manifest") && e.contains("Adobe_Firefly"));
    }

    @Test
    void anIngredientsAlgorithmicMediaDoesNotMarkAFileWhoseActiveManifestDeclaresNone() throws Exception {
        Inspection in = inspect("ims_multiple_manifests.jpg");
        assertThat(in.c2pa().activeManifest()).isEqualTo("urn:uuid:6aba7a19-9f59-44c1-8e1f-1fb396aa06f8");
        assertThat(in.c2pa().digitalSourceType()).isNull();
        assertThat(in.c2pa().ingredients())
                .extracting(C2paInfo.Ingredient::digitalSourceType)
                .anyMatch(d -> d != null && d.endsWith("/algorithmicMedia"));
        assertThat(in.mark()).isEqualTo(AiMark.NONE);
    }

    // ---- finding 3: stores over 1 MiB are parsed, up to a configurable bound

    @Test
    void aPhotoshopStoreOfOnePointNineMegabytesIsParsedAndValidated() throws Exception {
        Inspection in = inspect("verify.jpeg");
        assertThat(in.c2pa().storeBytes()).isGreaterThan(1024 * 1024);
        assertThat(in.c2pa().parsed()).isTrue();
        assertThat(in.c2pa().claimGenerator()).startsWith("Adobe Photoshop 23.3.1");
        assertThat(in.c2pa().ingredients()).hasSize(2);
        assertThat(in.c2pa().validation().status()).isEqualTo(Status.UNTRUSTED);
        assertThat(in.warnings()).isEmpty();
    }

    @Test
    void aStoreOverTheConfiguredBoundIsReportedPresentAndNotRead() throws Exception {
        MediaLimits oneMiB = MediaLimits.defaults().withC2paStoreBytesMax(1024 * 1024);
        Inspection in = MediaInspector.inspect(resource("verify.jpeg"), oneMiB);
        assertThat(in.c2pa().parsed()).isFalse();
        assertThat(in.c2pa().validation().status()).isEqualTo(Status.UNVERIFIABLE);
        assertThat(in.warnings()).anyMatch(w -> w.contains("over the C2PA store limit"));
        assertThat(MediaLimits.defaults().c2paStoreBytesMax()).isEqualTo(32 * 1024 * 1024);
    }

    // ---- finding 4: ComfyUI's WebP EXIF graphs

    @Test
    void comfyUiWebpGraphsInExifMakeAndModelAreTraces() throws Exception {
        Inspection in = inspect("comfyui-style.webp");
        assertThat(in.generatorTraces())
                .extracting(GeneratorTrace::generator)
                .containsExactlyInAnyOrder("ComfyUI workflow graph", "ComfyUI prompt graph");
        assertThat(in.generatorTraces()).anyMatch(t -> t.where().startsWith("EXIF Make in WebP EXIF chunk"));
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
    }

    // ---- finding 6: a JPEG start with a broken first segment says so

    @Test
    void aFileStartingLikeAJpegIsCalledACorruptJpeg() {
        byte[] ca = resource("CA.jpg");
        ca[2] = (byte) 0xFE;
        assertThatThrownBy(() -> MediaInspector.inspect(ca, MediaLimits.defaults()))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("JPEG is corrupt")
                .hasMessageContaining("found FE at byte 2")
                .satisfies(e ->
                        assertThat(((MediaFormatException) e).kind()).isEqualTo(MediaFormatException.Kind.CORRUPT));
    }

    // ---- validation

    @Test
    void aCorrectlySignedFileIsUntrustedUntilItsRootIsConfiguredThenValid() throws Exception {
        Inspection untrusted = inspect("CA.jpg");
        assertThat(untrusted.c2pa().validation().status()).isEqualTo(Status.UNTRUSTED);
        assertThat(untrusted.c2pa().validation().algorithm()).isEqualTo("PS256");
        assertThat(untrusted.c2pa().validation().signer()).contains("C2PA Signer");
        Inspection valid = inspect(resource("CA.jpg"), c2paRsTestRoots());
        assertThat(valid.c2pa().validation().status()).isEqualTo(Status.VALID);
        assertThat(valid.c2pa().validation().findings()).isEmpty();
    }

    @Test
    void aTruepicCameraCaptureSignedWithEs256VerifiesAndIsNotAnAiSignal() throws Exception {
        Inspection in = inspect("truepic-20230212-camera.jpg");
        assertThat(in.c2pa().validation().algorithm()).isEqualTo("ES256");
        assertThat(in.c2pa().validation().status()).isEqualTo(Status.UNTRUSTED);
        assertThat(in.c2pa().validation().signer()).contains("Truepic");
        assertThat(in.mark()).isEqualTo(AiMark.NONE);
    }

    @Test
    void c2paRsTamperedFixturesAreTampered() throws Exception {
        C2paValidation sig =
                inspect(resource("E-sig-CA.jpg"), c2paRsTestRoots()).c2pa().validation();
        assertThat(sig.status()).isEqualTo(Status.TAMPERED);
        assertThat(sig.findings()).anyMatch(f -> f.contains("claim signature (PS256) does not verify"));
        C2paValidation data =
                inspect(resource("XCA.jpg"), c2paRsTestRoots()).c2pa().validation();
        assertThat(data.status()).isEqualTo(Status.TAMPERED);
        assertThat(data.findings()).anyMatch(f -> f.contains("c2pa.hash.data does not match"));
    }

    @Test
    void oneChangedByteAnywhereBreaksTheCredential() throws Exception {
        byte[] ca = resource("CA.jpg");
        // In the image data (covered by the hard binding) …
        byte[] pixels = ca.clone();
        pixels[pixels.length - 100] ^= 0x01;
        assertThat(inspect(pixels, c2paRsTestRoots()).c2pa().validation().findings())
                .anyMatch(f -> f.contains("c2pa.hash.data does not match"));
        // … in the claim generator text inside the signed claim …
        byte[] claim = ca.clone();
        int at = indexOf(claim, "make_test_images");
        claim[at] = 'M';
        C2paValidation v = inspect(claim, c2paRsTestRoots()).c2pa().validation();
        assertThat(v.status()).isEqualTo(Status.TAMPERED);
        assertThat(v.findings()).anyMatch(f -> f.contains("claim signature"));
        // … or in an assertion the claim references by hash.
        byte[] assertion = ca.clone();
        int actions = indexOf(assertion, "c2pa.opened");
        assertion[actions] = 'C';
        assertThat(inspect(assertion, c2paRsTestRoots()).c2pa().validation().findings())
                .anyMatch(f -> f.contains("was changed after signing"));
    }

    @Test
    void aStoreWithoutASignatureIsUnsigned() throws Exception {
        byte[] store = TestFiles.c2paStore("Gen", null, null, null);
        Inspection in =
                inspect(TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.chunk("caBX", store)), C2paTrust.none());
        assertThat(in.c2pa().validation().status()).isEqualTo(Status.UNSIGNED);
    }

    @Test
    void onlyATrustedValidCredentialRaisesAMarkToConfirmed() throws Exception {
        byte[] ocsp = resource("ocsp.jpg");
        C2paValidation untrusted = inspect(ocsp, C2paTrust.none()).c2pa().validation();
        assertThat(untrusted.status()).isEqualTo(Status.UNTRUSTED);
        assertThat(inspect(ocsp, C2paTrust.none()).mark()).isEqualTo(AiMark.SUSPECTED);
        // Trust Adobe's chain as it is carried in the file: now the signer vouches for the type.
        C2paTrust adobe = new C2paTrust(List.of(untrusted.chain().getLast()));
        Inspection trusted = inspect(ocsp, adobe);
        assertThat(trusted.c2pa().validation().status()).isEqualTo(Status.VALID);
        assertThat(trusted.mark()).isEqualTo(AiMark.CONFIRMED);
        // One changed byte: tampered, and the same trust no longer confirms anything.
        byte[] tampered = ocsp.clone();
        tampered[tampered.length - 50] ^= 0x01;
        Inspection broken = inspect(tampered, adobe);
        assertThat(broken.c2pa().validation().status()).isEqualTo(Status.TAMPERED);
        assertThat(broken.mark()).isEqualTo(AiMark.SUSPECTED);
        assertThat(broken.toMap().get("c2pa").toString()).contains("status=tampered");
    }

    static int indexOf(byte[] b, String ascii) {
        byte[] n = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= b.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (b[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(ascii + " not found");
    }

    /** The decoded CBOR of assertion {@code label} of the file's active manifest, as text. */
    static String activeAssertionText(byte[] file, String label) throws Exception {
        byte[] store = MediaInspector.carriers(file, MediaLimits.defaults())
                .c2pa
                .getFirst()
                .bytes();
        C2paStore.Manifest active = C2paStore.parse(store).manifests().getLast();
        C2paStore.Box cbor = active.box().child("c2pa.assertions").child(label).content("cbor");
        return String.valueOf(Cbor.decode(store, cbor.payloadFrom(), cbor.end()));
    }
}
