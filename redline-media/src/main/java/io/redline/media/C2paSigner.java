package io.redline.media;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's C2PA signing identity: an EC P-256 private key and its X.509 chain, leaf first
 * (configuration {@code media.c2pa.keyFile} and {@code media.c2pa.certChainFile}). Signatures
 * are COSE ES256 (ECDSA P-256 with SHA-256, r||s), made with the JDK's provider.
 */
public final class C2paSigner {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    private C2paSigner(PrivateKey key, List<X509Certificate> chain) {
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    /**
     * Reads a PEM certificate chain (leaf first) and a PEM PKCS#8 EC P-256 private key (what
     * {@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256} writes), and checks
     * that the key belongs to the leaf certificate.
     *
     * @throws GeneralSecurityException with a message saying what is wrong with which file
     */
    public static C2paSigner fromPem(byte[] certChainPem, byte[] pkcs8KeyPem) throws GeneralSecurityException {
        List<X509Certificate> chain;
        try {
            chain =
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(new ByteArrayInputStream(certChainPem))
                            .stream()
                            .map(c -> (X509Certificate) c)
                            .toList();
        } catch (CertificateException e) {
            throw new CertificateException("the certificate chain file is not PEM X.509: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new CertificateException("the certificate chain file holds no certificate");
        }
        String text = new String(pkcs8KeyPem, StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            throw new GeneralSecurityException("the key file is not PEM");
        }
        if (!m.group(1).equals("PRIVATE KEY")) {
            throw new GeneralSecurityException("the key file holds a '" + m.group(1)
                    + "', not an unencrypted PKCS#8 'PRIVATE KEY' (convert it with: openssl pkcs8 -topk8 -nocrypt)");
        }
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC")
                    .generatePrivate(
                            new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(2))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new GeneralSecurityException("the key file is not a PKCS#8 EC key: " + e.getMessage(), e);
        }
        if (!(key instanceof ECPrivateKey ec)
                || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new GeneralSecurityException("the key is not an EC P-256 key (C2PA ES256 needs P-256)");
        }
        if (!(chain.getFirst().getPublicKey() instanceof ECPublicKey)) {
            throw new GeneralSecurityException("the first certificate of the chain (the leaf) has no EC key");
        }
        C2paSigner signer = new C2paSigner(key, chain);
        byte[] probe = "redline key check".getBytes(StandardCharsets.US_ASCII);
        Signature v = C2paValidator.verifier("ES256");
        v.initVerify(chain.getFirst().getPublicKey());
        v.update(probe);
        if (!v.verify(signer.sign(probe))) {
            throw new GeneralSecurityException(
                    "the private key does not belong to the first (leaf) certificate of the chain");
        }
        return signer;
    }

    /** The chain, leaf first, as written into the x5chain header. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** ES256 over {@code data}: 64 bytes, r then s (the COSE form, not DER). */
    byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(data);
        return s.sign();
    }
}
