package io.redline.media;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away C2PA certificate authority made with BouncyCastle, for the demo and the tests:
 * an EC P-256 root, an intermediate and an ES256 signing leaf with the C2PA certificate profile
 * (digitalSignature key usage; emailProtection and C2PA's documentSigning extended key usages;
 * not a CA). Trusted nowhere but where its root is configured as a trust anchor: it is a test
 * CA, never a production identity.
 *
 * @param chainPem the leaf then the intermediate, what {@code media.c2pa.certChainFile} holds
 * @param keyPem the leaf's PKCS#8 private key, what {@code media.c2pa.keyFile} holds
 * @param rootPem the root, the trust anchor a validator is told to trust
 * @param root the root certificate
 */
public record DemoCa(String chainPem, String keyPem, String rootPem, X509Certificate root) {

    /** C2PA's id-kp-documentSigning (RFC 9336), which c2pa-rs accepts for claim signers. */
    private static final ASN1ObjectIdentifier DOCUMENT_SIGNING = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.36");

    /**
     * A new CA whose certificates say "{@code name} … (TEST ONLY)" and are valid from a day ago
     * for {@code validity}.
     */
    public static DemoCa create(String name, Duration validity) {
        try {
            KeyPair rootKey = ecKey();
            KeyPair interKey = ecKey();
            KeyPair leafKey = ecKey();
            String org = ",O=Redline test CA - not trusted anywhere else,C=US";
            X500Name rootName = new X500Name("CN=" + name + " Test Root CA (TEST ONLY)" + org);
            X500Name interName = new X500Name("CN=" + name + " Test Intermediate CA (TEST ONLY)" + org);
            X500Name leafName = new X500Name("CN=" + name + " C2PA Signer (TEST ONLY)" + org);
            Instant from = Instant.now().minus(Duration.ofDays(1));
            Instant to = from.plus(validity);
            X509Certificate root =
                    cert(rootName, rootKey.getPublic(), rootName, rootKey.getPrivate(), null, true, from, to);
            X509Certificate inter =
                    cert(interName, interKey.getPublic(), rootName, rootKey.getPrivate(), root, true, from, to);
            X509Certificate leaf =
                    cert(leafName, leafKey.getPublic(), interName, interKey.getPrivate(), inter, false, from, to);
            return new DemoCa(pem(leaf) + pem(inter), pem(leafKey.getPrivate()), pem(root), root);
        } catch (Exception e) {
            throw new IllegalStateException("making a test CA with BouncyCastle failed", e);
        }
    }

    /** A leaf chain of this CA's shape whose leaf expired before {@code expiredAt} (tests of validity dates). */
    public static DemoCa expired(String name, Instant expiredAt) {
        try {
            KeyPair rootKey = ecKey();
            KeyPair leafKey = ecKey();
            X500Name rootName = new X500Name("CN=" + name + " Test Root CA (TEST ONLY)");
            X500Name leafName = new X500Name("CN=" + name + " Expired C2PA Signer (TEST ONLY)");
            Instant from = expiredAt.minus(Duration.ofDays(30));
            X509Certificate root = cert(
                    rootName,
                    rootKey.getPublic(),
                    rootName,
                    rootKey.getPrivate(),
                    null,
                    true,
                    from,
                    expiredAt.plus(Duration.ofDays(3650)));
            X509Certificate leaf =
                    cert(leafName, leafKey.getPublic(), rootName, rootKey.getPrivate(), root, false, from, expiredAt);
            return new DemoCa(pem(leaf), pem(leafKey.getPrivate()), pem(root), root);
        } catch (Exception e) {
            throw new IllegalStateException("making a test CA with BouncyCastle failed", e);
        }
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
            boolean ca,
            Instant notBefore,
            Instant notAfter)
            throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(63, new SecureRandom()).add(BigInteger.ONE),
                Date.from(notBefore),
                Date.from(notAfter),
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
                KeyPurposeId.id_kp_emailProtection, KeyPurposeId.getInstance(DOCUMENT_SIGNING)
            }));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
        }
        return w.toString();
    }
}
