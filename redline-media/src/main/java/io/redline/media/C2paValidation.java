package io.redline.media;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Whether the active C2PA manifest still describes this file and was signed by whom it says.
 *
 * @param status the verdict
 * @param signer subject of the signing certificate (leaf of the x5chain), or null
 * @param algorithm the COSE signature algorithm (e.g. "ES256", "PS256"), or null
 * @param findings one sentence per check that failed or could not run, empty when VALID
 * @param chain the x5chain, leaf first (empty when there was none to read)
 * @param signedAt the time the certificates' validity was checked at: the RFC 3161 time-stamp's
 *     time when the signature carries one that verifies, else the time of validation; null when
 *     no signature was checked
 * @param signedAtSource where {@code signedAt} comes from, in words, or null
 */
public record C2paValidation(
        Status status,
        String signer,
        String algorithm,
        List<String> findings,
        List<X509Certificate> chain,
        Instant signedAt,
        String signedAtSource) {

    public C2paValidation {
        findings = List.copyOf(findings);
        chain = List.copyOf(chain);
    }

    /** The verdicts, strongest first. */
    public enum Status {
        /** Hard binding, assertion hashes and signature check out, and the chain ends at a trust anchor. */
        VALID,
        /**
         * Intact and correctly signed, but the certificate chain ends at no configured trust anchor,
         * or a certificate of the chain was not valid (expired, not yet valid) at the signing time.
         */
        UNTRUSTED,
        /** Something a check could run on does not match: the file or the manifest was changed after signing. */
        TAMPERED,
        /** The active manifest has no COSE signature (or no claim) to check. */
        UNSIGNED,
        /**
         * The checks could not run: store not parsed, an algorithm or hard binding we do not
         * verify (e.g. BMFF or box hashes), or a certificate we cannot read.
         */
        UNVERIFIABLE
    }

    static C2paValidation of(Status status, List<String> findings) {
        return new C2paValidation(status, null, null, findings, List.of(), null, null);
    }

    /** Whether a credential in this state may raise a mark above SUSPECTED. */
    public boolean trusted() {
        return status == Status.VALID;
    }
}
