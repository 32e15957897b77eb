package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.media.C2paValidation.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Certificates are checked at the signing time: the RFC 3161 time-stamp's when the signature
 * carries one that verifies (the real c2pa-rs, Adobe and Truepic files all do), else the time of
 * validation; the validation says which.
 */
class C2paSigningTimeTest {

    @Test
    void realFilesAreCheckedAtTheTimeTheirVerifiedTimeStampSays() throws Exception {
        for (String name : List.of("CA.jpg", "ocsp.jpg", "truepic-20230212-camera.jpg")) {
            C2paValidation v = C2paRealFilesTest.inspect(
                            C2paRealFilesTest.resource(name), C2paRealFilesTest.c2paRsTestRoots())
                    .c2pa()
                    .validation();
            assertThat(v.signedAtSource())
                    .as(name + ": " + v)
                    .startsWith("RFC 3161 time-stamp by ")
                    .endsWith("(verified)");
            assertThat(v.signedAt()).as(name).isBefore(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(v.findings()).as(name).noneMatch(f -> f.contains("not valid at the signing time"));
        }
        C2paValidation truepic = C2paRealFilesTest.inspect(
                        C2paRealFilesTest.resource("truepic-20230212-camera.jpg"), C2paTrust.none())
                .c2pa()
                .validation();
        // The capture was stamped on the day its name says.
        assertThat(truepic.signedAt().toString()).startsWith("2023-02-1");
    }

    @Test
    void aSignerWhoseCertificateHadExpiredIsUntrustedAndTheFindingSaysWhichTimeWasUsed() throws Exception {
        DemoCa old = DemoCa.expired("Lapsed", Instant.now().minus(Duration.ofDays(2)));
        TestCa ca = TestCa.of(old);
        byte[] labelled = ImplicitLabelWriter.write(
                C2paSigningTest.pngWithStore(),
                AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "p", "c"),
                MediaLimits.defaults(),
                new Provenance.Sign(ca.signer()));
        C2paValidation v = MediaInspector.inspect(labelled, MediaLimits.defaults(), ca.trust())
                .c2pa()
                .validation();
        assertThat(v.status()).isEqualTo(Status.UNTRUSTED);
        assertThat(v.signedAtSource()).contains("time of validation").contains("no time-stamp");
        assertThat(v.findings())
                .singleElement()
                .satisfies(f -> assertThat(f)
                        .contains("certificate 0 of the x5chain")
                        .contains("Expired C2PA Signer")
                        .contains("was not valid at the signing time"));
        assertThat(v.trusted()).isFalse();

        // The same file signed by a current certificate of a trusted root is valid.
        TestCa current = TestCa.create("Current");
        byte[] fresh = ImplicitLabelWriter.write(
                C2paSigningTest.pngWithStore(),
                AigcLabel.produced(AigcLabel.Kind.AI_GENERATED, "p", "c"),
                MediaLimits.defaults(),
                new Provenance.Sign(current.signer()));
        assertThat(MediaInspector.inspect(fresh, MediaLimits.defaults(), current.trust())
                        .c2pa()
                        .validation()
                        .status())
                .isEqualTo(Status.VALID);
    }
}
