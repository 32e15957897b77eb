package io.redline.media;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificates whose signatures make a C2PA credential {@link C2paValidation.Status#VALID}
 * rather than UNTRUSTED: a signing chain must end at (or be issued by) one of them. Empty by
 * default: we do not ship a trust list, the operator configures one (docs/aigc-labels.md).
 */
public record C2paTrust(List<X509Certificate> anchors) {

    public C2paTrust {
        anchors = List.copyOf(anchors);
    }

    public static C2paTrust none() {
        return new C2paTrust(List.of());
    }

    /** Reads every certificate of a PEM bundle (or DER file); an empty bundle is refused. */
    public static C2paTrust fromPem(byte[] pem) throws CertificateException {
        List<X509Certificate> certs =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem)).stream()
                        .map(c -> (X509Certificate) c)
                        .toList();
        if (certs.isEmpty()) {
            throw new CertificateException("no certificate in the trust anchor file");
        }
        return new C2paTrust(certs);
    }
}
