package io.redline.media;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away C2PA test CA made with BouncyCastle: an EC P-256 root, an intermediate and an
 * ES256 signing leaf with the C2PA certificate profile (digitalSignature key usage, the
 * emailProtection and documentSigning extended key usages, not a CA). The files are the ones the
 * server reads: {@link #chainPem()} (leaf first, then the intermediate) and {@link #keyPem()}
 * (PKCS#8); {@link #rootPem()} is the trust anchor a validator is told to trust.
 */
public record TestCa(String chainPem, String keyPem, String rootPem, X509Certificate root) {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    public static TestCa create(String name) {
        try {
            KeyPair rootKey = ecKey();
            KeyPair interKey = ecKey();
            KeyPair leafKey = ecKey();
            X500Name rootName = new X500Name("CN=" + name + " Test Root CA,O=Redline tests,C=US");
            X500Name interName = new X500Name("CN=" + name + " Test Intermediate CA,O=Redline tests,C=US");
            X500Name leafName = new X500Name("CN=" + name + " C2PA Signer,O=Redline tests,C=US");
            X509Certificate root = cert(rootName, rootKey.getPublic(), rootName, rootKey.getPrivate(), null, true);
            X509Certificate inter = cert(interName, interKey.getPublic(), rootName, rootKey.getPrivate(), root, true);
            X509Certificate leaf = cert(leafName, leafKey.getPublic(), interName, interKey.getPrivate(), inter, false);
            return new TestCa(pem(leaf) + pem(inter), pem(leafKey.getPrivate()), pem(root), root);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    C2paSigner signer() throws Exception {
        return C2paSigner.fromPem(
                chainPem.getBytes(StandardCharsets.US_ASCII), keyPem.getBytes(StandardCharsets.US_ASCII));
    }

    C2paTrust trust() {
        return new C2paTrust(java.util.List.of(root));
    }

    private static KeyPair ecKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate cert(
            X500Name subject,
            PublicKey key,
            X500Name issuer,
            PrivateKey issuerKey,
            X509Certificate issuerCert,
            boolean ca)
            throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(365))),
                subject,
                key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        if (issuerCert != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerCert));
        }
        if (ca) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_emailProtection,
                KeyPurposeId.getInstance(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36"))
            }));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(
                    o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
        }
        return w.toString();
    }
}
