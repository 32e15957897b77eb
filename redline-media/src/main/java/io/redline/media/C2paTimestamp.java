package io.redline.media;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * The RFC 3161 time-stamp a C2PA signature may carry in its COSE unprotected header
 * ({@code sigTst} or {@code sigTst2}: {@code {tstTokens: [{val: bstr}]}}), read and checked with
 * BouncyCastle's TSP classes: the token's CMS signature verifies with the time-stamping
 * authority's certificate inside it, that certificate was valid at the stamped time and is a
 * time-stamping certificate, and the token's message imprint is the hash of this COSE signature's
 * counter-signature structure (C2PA 1.x {@code sigTst} over the claim, 2.x {@code sigTst2} over the
 * signature), so it cannot be moved to another claim.
 *
 * <p>Not checked: whether the TSA's certificate chains to a trusted TSA root, and revocation
 * (docs/aigc-labels.md, "What is verified").
 */
final class C2paTimestamp {

    /**
     * A time-stamp as found.
     *
     * @param genTime the time the TSA stamped
     * @param tsa the TSA certificate's subject, or null
     * @param problem why it cannot be used for the signing time, or null when it can
     */
    record Stamp(Instant genTime, String tsa, String problem) {
        boolean usable() {
            return problem == null;
        }
    }

    private C2paTimestamp() {}

    /** The first time-stamp token of {@code unprotected}, or null when the signature carries none. */
    static Stamp read(Map<?, ?> unprotected, byte[] protectedBytes, byte[] claim, byte[] signature) {
        Object header = unprotected.get("sigTst2");
        boolean v2 = header != null;
        if (!v2) header = unprotected.get("sigTst");
        if (!(header instanceof Map<?, ?> m)
                || !(m.get("tstTokens") instanceof List<?> tokens)
                || tokens.isEmpty()
                || !(tokens.getFirst() instanceof Map<?, ?> first)
                || !(first.get("val") instanceof byte[] der)) {
            return header == null ? null : new Stamp(null, null, "the time-stamp header holds no token");
        }
        TimeStampToken token;
        try {
            token = token(der);
        } catch (Exception e) {
            return new Stamp(null, null, "the time-stamp token cannot be read (" + e.getMessage() + ")");
        }
        if (token == null) {
            return new Stamp(null, null, "the time-stamp response holds no token");
        }
        Instant genTime = token.getTimeStampInfo().getGenTime().toInstant();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches =
                token.getCertificates().getMatches((Selector<X509CertificateHolder>) token.getSID());
        if (matches.isEmpty()) {
            return new Stamp(genTime, null, "the time-stamp token does not carry its TSA certificate");
        }
        X509CertificateHolder holder = matches.iterator().next();
        String tsa;
        try {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            tsa = cert.getSubjectX500Principal().getName();
            // Checks the CMS signature, that the certificate is a (critical EKU) time-stamping one
            // and that it was valid at genTime.
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
        } catch (Exception e) {
            return new Stamp(genTime, null, "the time-stamp token does not verify (" + e.getMessage() + ")");
        }
        byte[] imprint = token.getTimeStampInfo().getMessageImprintDigest();
        String oid = token.getTimeStampInfo().getMessageImprintAlgOID().getId();
        try {
            MessageDigest md = MessageDigest.getInstance(oid);
            boolean covers = MessageDigest.isEqual(md.digest(counterSignature(protectedBytes, claim)), imprint)
                    || MessageDigest.isEqual(md.digest(counterSignature(protectedBytes, signature)), imprint);
            if (!covers) {
                return new Stamp(genTime, tsa, "the time-stamp was made for other data than this signature");
            }
        } catch (Exception e) {
            return new Stamp(genTime, tsa, "the time-stamp's hash algorithm " + oid + " is not supported");
        }
        return new Stamp(genTime, tsa, null);
    }

    /**
     * C2PA writes either the token (a CMS ContentInfo) or the whole RFC 3161 TimeStampResp (status
     * plus token, what c2pa-rs stores); both are accepted.
     */
    private static TimeStampToken token(byte[] der) throws Exception {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (Exception notAToken) {
            return new TimeStampResponse(der).getTimeStampToken();
        }
    }

    /** RFC 9052 §4.4 Sig_structure with the "CounterSignature" context and no external AAD, as c2pa-rs builds it. */
    private static byte[] counterSignature(byte[] protectedBytes, byte[] payload) {
        return C2paValidator.sigStructure("CounterSignature", protectedBytes, payload);
    }
}
