package io.redline.media;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Checks the active manifest the way a C2PA validator does, with the JDK's own X.509 and
 * signature code: every assertion the claim references still hashes to the claim's value, the
 * {@code c2pa.hash.data} hard binding still matches the file's bytes outside its exclusions,
 * the claim's COSE_Sign1 signature verifies with the leaf of its x5chain, each certificate of
 * the chain is signed by the next, and the chain ends at a configured trust anchor.
 *
 * <p>Every certificate of the chain must have been valid at the signing time: the time of the
 * signature's RFC 3161 time-stamp when it carries one that verifies ({@link C2paTimestamp}), else
 * the time of validation; the result says which. A certificate outside its validity then makes
 * the credential UNTRUSTED, as c2pa-rs's {@code signingCredential.expired} does.
 *
 * <p>Not checked (docs/aigc-labels.md, "Limits"): revocation (OCSP responses in the signature
 * are not read, no OCSP or CRL request is made), whether the time-stamping authority is trusted,
 * certificate key-usage/EKU profiles, BMFF and box hashes, ingredient manifests' own signatures.
 */
final class C2paValidator {

    private C2paValidator() {}

    /** Work on one file is linear in its size: each byte is hashed at most once per binding. */
    static C2paValidation validate(
            byte[] store, C2paStore.Manifest active, byte[] file, Carriers.Jumbf where, C2paTrust trust) {
        List<String> tampered = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        if (active.claim() == null || active.claimMap() == null) {
            return C2paValidation.of(C2paValidation.Status.UNSIGNED, List.of("the active manifest has no claim"));
        }
        Map<?, ?> claim = active.claimMap();
        String claimAlg = claim.get("alg") instanceof String a ? a : "sha256";
        C2paStore.Box assertions = active.box().child("c2pa.assertions");

        // 1. Assertions referenced by the claim still hash to what was signed.
        List<Object> refs = new ArrayList<>();
        for (String key : List.of("assertions", "created_assertions", "gathered_assertions")) {
            if (claim.get(key) instanceof List<?> l) {
                refs.addAll(l);
            }
        }
        for (Object r : refs) {
            if (!(r instanceof Map<?, ?> ref) || !(ref.get("url") instanceof String url)) {
                continue;
            }
            int at = url.indexOf("c2pa.assertions/");
            if (at < 0 || (url.contains("/c2pa/") && !url.contains(active.box().label() + "/"))) {
                continue; // a reference into another manifest: that manifest's signature covers it
            }
            String label = url.substring(at + "c2pa.assertions/".length());
            C2paStore.Box box = assertions == null ? null : assertions.child(label);
            if (box == null) {
                tampered.add("the claim references assertion " + label + ", which is not in the manifest");
                continue;
            }
            String alg = ref.get("alg") instanceof String a ? a : claimAlg;
            if (!(ref.get("hash") instanceof byte[] expected)) {
                tampered.add("the claim's reference to " + label + " has no hash");
                continue;
            }
            try {
                MessageDigest md = digest(alg);
                md.update(store, box.payloadFrom(), box.end() - box.payloadFrom());
                if (!MessageDigest.isEqual(md.digest(), expected)) {
                    tampered.add(
                            "assertion " + label + " was changed after signing (its hash differs from the claim's)");
                }
            } catch (NoSuchAlgorithmException e) {
                unverifiable.add("hash algorithm " + alg + " of assertion " + label + " is not supported");
            }
        }

        // 2. The hard binding over the file.
        boolean binding = false;
        for (C2paStore.Box a : assertions == null ? List.<C2paStore.Box>of() : assertions.children()) {
            if (a.label().startsWith("c2pa.hash.data")) {
                binding = true;
                dataHash(store, a, claimAlg, file, tampered, unverifiable);
            } else if (a.label().startsWith("c2pa.hash.boxes") || a.label().startsWith("c2pa.hash.bmff")) {
                binding = true;
                unverifiable.add("hard binding " + a.label() + " is not verified (only c2pa.hash.data is)");
            }
        }
        if (!binding) {
            unverifiable.add("the active manifest has no hard binding to the file");
        }

        // 3. The claim signature and its chain.
        C2paStore.Box sigBox = active.box().child("c2pa.signature");
        C2paStore.Box sigCbor = sigBox == null ? null : sigBox.content("cbor");
        Object cose;
        try {
            cose = sigCbor == null ? null : Cbor.decode(store, sigCbor.payloadFrom(), sigCbor.end());
        } catch (Cbor.Malformed e) {
            cose = null;
        }
        if (!(cose instanceof List<?> sign1)
                || sign1.size() != 4
                || !(sign1.get(0) instanceof byte[] protectedBytes)
                || !(sign1.get(3) instanceof byte[] signature)) {
            List<String> f = new ArrayList<>(tampered);
            f.add("the active manifest carries no COSE_Sign1 signature");
            return C2paValidation.of(
                    tampered.isEmpty() ? C2paValidation.Status.UNSIGNED : C2paValidation.Status.TAMPERED, f);
        }
        Map<?, ?> protectedHeader;
        try {
            protectedHeader = protectedBytes.length == 0
                    ? Map.of()
                    : Cbor.decode(protectedBytes, 0, protectedBytes.length) instanceof Map<?, ?> m ? m : Map.of();
        } catch (Cbor.Malformed e) {
            protectedHeader = Map.of();
        }
        Map<?, ?> unprotected = sign1.get(1) instanceof Map<?, ?> m ? m : Map.of();
        String alg = coseAlgorithm(protectedHeader.get(1L));
        List<X509Certificate> chain =
                chain(firstNonNull(protectedHeader.get(33L), unprotected.get(33L), unprotected.get("x5chain")));
        String signer = chain.isEmpty()
                ? null
                : chain.getFirst().getSubjectX500Principal().getName();
        boolean untrusted = false;
        List<String> untrustedFindings = new ArrayList<>();
        Instant signedAt = null;
        String signedAtSource = null;
        if (chain.isEmpty()) {
            unverifiable.add("the signature carries no readable x5chain certificate");
        } else if (alg == null) {
            unverifiable.add("COSE algorithm " + protectedHeader.get(1L) + " is not supported");
        } else {
            byte[] toBeSigned = sigStructure(
                    protectedBytes,
                    Arrays.copyOfRange(
                            store,
                            active.claim().content("cbor").payloadFrom(),
                            active.claim().content("cbor").end()));
            try {
                Signature v = verifier(alg);
                v.initVerify(chain.getFirst().getPublicKey());
                v.update(toBeSigned);
                if (!v.verify(signature)) {
                    tampered.add("the claim signature (" + alg + ") does not verify: the claim was changed after"
                            + " signing, or signed by another key");
                }
            } catch (GeneralSecurityException e) {
                tampered.add("the claim signature (" + alg + ") does not verify: " + e.getMessage());
            }
            for (int i = 0; i + 1 < chain.size(); i++) {
                try {
                    chain.get(i).verify(chain.get(i + 1).getPublicKey());
                } catch (GeneralSecurityException e) {
                    untrusted = true;
                    unverifiable.add("certificate " + i + " of the x5chain is not signed by certificate " + (i + 1));
                }
            }
            if (!anchored(chain.getLast(), trust)) {
                untrusted = true;
                untrustedFindings.add("the signing certificate chain ends at no configured trust anchor");
            }
            C2paTimestamp.Stamp stamp = C2paTimestamp.read(
                    unprotected,
                    protectedBytes,
                    Arrays.copyOfRange(
                            store,
                            active.claim().content("cbor").payloadFrom(),
                            active.claim().content("cbor").end()),
                    signature);
            if (stamp != null && stamp.usable()) {
                signedAt = stamp.genTime();
                signedAtSource = "RFC 3161 time-stamp by " + stamp.tsa() + " (verified)";
            } else {
                signedAt = Instant.now();
                signedAtSource = "time of validation ("
                        + (stamp == null
                                ? "the signature carries no time-stamp"
                                : "time-stamp not used: " + stamp.problem())
                        + ")";
            }
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate c = chain.get(i);
                Date at = Date.from(signedAt);
                if (at.before(c.getNotBefore()) || at.after(c.getNotAfter())) {
                    untrusted = true;
                    untrustedFindings.add("certificate " + i + " of the x5chain ("
                            + c.getSubjectX500Principal().getName()
                            + ") was not valid at the signing time " + signedAt + ", taken from the " + signedAtSource
                            + ": it is valid from " + c.getNotBefore().toInstant() + " to "
                            + c.getNotAfter().toInstant());
                }
            }
        }
        List<String> findings = new ArrayList<>(tampered);
        findings.addAll(unverifiable);
        C2paValidation.Status status;
        if (!tampered.isEmpty()) {
            status = C2paValidation.Status.TAMPERED;
        } else if (!unverifiable.isEmpty()) {
            status = C2paValidation.Status.UNVERIFIABLE;
        } else if (untrusted) {
            status = C2paValidation.Status.UNTRUSTED;
            findings.addAll(untrustedFindings);
        } else {
            status = C2paValidation.Status.VALID;
        }
        return new C2paValidation(status, signer, alg, findings, chain, signedAt, signedAtSource);
    }

    private static void dataHash(
            byte[] store,
            C2paStore.Box assertion,
            String claimAlg,
            byte[] file,
            List<String> tampered,
            List<String> unverifiable) {
        C2paStore.Box cb = assertion.content("cbor");
        Object o;
        try {
            o = cb == null ? null : Cbor.decode(store, cb.payloadFrom(), cb.end());
        } catch (Cbor.Malformed e) {
            o = null;
        }
        if (!(o instanceof Map<?, ?> dh) || !(dh.get("hash") instanceof byte[] expected)) {
            tampered.add("the c2pa.hash.data assertion has no hash");
            return;
        }
        String alg = dh.get("alg") instanceof String a ? a : claimAlg;
        List<long[]> exclusions = new ArrayList<>();
        if (dh.get("exclusions") instanceof List<?> ex) {
            for (Object e : ex) {
                if (e instanceof Map<?, ?> range
                        && range.get("start") instanceof Long start
                        && range.get("length") instanceof Long length) {
                    exclusions.add(new long[] {start, length});
                }
            }
        }
        exclusions.sort(Comparator.comparingLong(r -> r[0]));
        MessageDigest md;
        try {
            md = digest(alg);
        } catch (NoSuchAlgorithmException e) {
            unverifiable.add("hash algorithm " + alg + " of c2pa.hash.data is not supported");
            return;
        }
        long pos = 0;
        for (long[] r : exclusions) {
            if (r[0] < pos || r[1] < 0 || r[0] + r[1] > file.length) {
                tampered.add("c2pa.hash.data excludes bytes " + r[0] + "+" + r[1] + ", which do not fit the file ("
                        + file.length + " bytes)");
                return;
            }
            md.update(file, (int) pos, (int) (r[0] - pos));
            pos = r[0] + r[1];
        }
        md.update(file, (int) pos, (int) (file.length - pos));
        if (!MessageDigest.isEqual(md.digest(), expected)) {
            tampered.add("the file's bytes changed after signing (c2pa.hash.data does not match)");
        }
    }

    private static Object firstNonNull(Object... values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static List<X509Certificate> chain(Object x5chain) {
        List<byte[]> ders = new ArrayList<>();
        if (x5chain instanceof byte[] one) {
            ders.add(one);
        } else if (x5chain instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof byte[] d) {
                    ders.add(d);
                }
            }
        }
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            return List.of();
        }
        return out;
    }

    private static boolean anchored(X509Certificate last, C2paTrust trust) {
        for (X509Certificate anchor : trust.anchors()) {
            if (anchor.equals(last)) {
                return true;
            }
            if (anchor.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                try {
                    last.verify(anchor.getPublicKey());
                    return true;
                } catch (GeneralSecurityException e) {
                    // same name, different key: not this anchor
                }
            }
        }
        return false;
    }

    /** COSE algorithm ids (RFC 9053) that C2PA allows, by name. */
    static String coseAlgorithm(Object id) {
        if (!(id instanceof Long l)) {
            return null;
        }
        return switch (l.intValue()) {
            case -7 -> "ES256";
            case -35 -> "ES384";
            case -36 -> "ES512";
            case -37 -> "PS256";
            case -38 -> "PS384";
            case -39 -> "PS512";
            case -8 -> "Ed25519";
            default -> null;
        };
    }

    static Signature verifier(String alg) throws GeneralSecurityException {
        return switch (alg) {
            case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
            case "ES384" -> Signature.getInstance("SHA384withECDSAinP1363Format");
            case "ES512" -> Signature.getInstance("SHA512withECDSAinP1363Format");
            case "PS256" -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
            case "PS384" -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
            case "PS512" -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
            case "Ed25519" -> Signature.getInstance("Ed25519");
            default -> throw new NoSuchAlgorithmException(alg);
        };
    }

    private static Signature pss(String hash, MGF1ParameterSpec mgf, int saltBytes) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, saltBytes, 1));
        return s;
    }

    static MessageDigest digest(String c2paAlg) throws NoSuchAlgorithmException {
        return switch (c2paAlg) {
            case "sha256" -> MessageDigest.getInstance("SHA-256");
            case "sha384" -> MessageDigest.getInstance("SHA-384");
            case "sha512" -> MessageDigest.getInstance("SHA-512");
            default -> throw new NoSuchAlgorithmException(c2paAlg);
        };
    }

    /** RFC 9052 §4.4 Sig_structure for COSE_Sign1 with a detached payload and no external AAD. */
    static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
        return sigStructure("Signature1", protectedBytes, payload);
    }

    /**
     * RFC 9052 §4.4 Sig_structure with no external AAD: {@code [context, body_protected, h'',
     * payload]}. The context says what is signed: {@code "Signature1"} for the claim signature,
     * {@code "CounterSignature"} for what a time-stamp covers (as c2pa-rs builds it).
     */
    static byte[] sigStructure(String contextName, byte[] protectedBytes, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cbor.head(out, 4, 4);
        byte[] context = contextName.getBytes(StandardCharsets.US_ASCII);
        Cbor.head(out, 3, context.length);
        out.writeBytes(context);
        Cbor.head(out, 2, protectedBytes.length);
        out.writeBytes(protectedBytes);
        Cbor.head(out, 2, 0);
        Cbor.head(out, 2, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
