package io.redline.media;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * The tests' C2PA test CA: a {@link DemoCa} (root, intermediate, ES256 leaf made with
 * BouncyCastle). The files are the ones the server reads: {@link #chainPem()} (leaf first, then
 * the intermediate) and {@link #keyPem()} (PKCS#8); {@link #rootPem()} is the trust anchor a
 * validator is told to trust.
 */
public record TestCa(String chainPem, String keyPem, String rootPem, X509Certificate root) {

    public static TestCa create(String name) {
        return of(DemoCa.create(name, Duration.ofDays(365)));
    }

    static TestCa of(DemoCa ca) {
        return new TestCa(ca.chainPem(), ca.keyPem(), ca.rootPem(), ca.root());
    }

    public C2paSigner signer() throws Exception {
        return C2paSigner.fromPem(
                chainPem.getBytes(StandardCharsets.US_ASCII), keyPem.getBytes(StandardCharsets.US_ASCII));
    }

    public C2paTrust trust() {
        return new C2paTrust(java.util.List.of(root));
    }
}
