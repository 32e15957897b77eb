package io.redline.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Replaces a labelled file's C2PA store by one holding every original manifest unchanged plus a
 * new active manifest that we sign: the original active manifest as a {@code parentOf}
 * ingredient, {@code c2pa.actions} saying what we did, the TC260 label as an assertion, and a
 * fresh {@code c2pa.hash.data} over the new file (docs/aigc-labels.md, "Signing").
 *
 * <p>The store goes where the old one was (JPEG APP11 segments, PNG {@code caBX}, WebP
 * {@code C2PA}); the hard binding excludes exactly those bytes. Sizes are fixed before hashing:
 * the hash is 32 bytes and an ES256 signature 64, so the store is laid out once with a zero hash
 * and its final size, then filled in.
 */
final class C2paWriter {

    static final String SOFTWARE_NAME = "Redline";
    static final String SOFTWARE_VERSION = "0.1.0";
    /** Our assertion label for the TC260 implicit label (a reverse-domain label of our own: choice). */
    static final String AIGC_ASSERTION = "io.redline.tc260.aigc";

    private static final String UUID_SUFFIX = "00110010800000AA00389B71";
    private static final byte[] STORE = uuid("63327061");
    private static final byte[] MANIFEST = uuid("63326D61");
    private static final byte[] ASSERTIONS = uuid("63326173");
    private static final byte[] CLAIM = uuid("6332636C");
    private static final byte[] SIGNATURE = uuid("63326373");
    private static final byte[] CBOR = uuid("63626F72");
    /** JPEG APP11 payload: 65533 bytes minus CI(2) En(2) Z(4), minus the repeated box header on later packets. */
    private static final int JPEG_FIRST_CHUNK = JpegContainer.SEGMENT_PAYLOAD_MAX - 8;

    private C2paWriter() {}

    /** Where the carrier goes and how the bytes around it are put together. */
    private interface Layout {
        int insertAt();

        byte[] carrier(byte[] store);

        byte[] assemble(byte[] carrier);

        /** How many bytes from {@link #insertAt} the hard binding excludes. */
        default int excluded(byte[] carrier) {
            return carrier.length;
        }
    }

    /** What the implicit label changes: metadata only. */
    static final String METADATA_EDIT = "added the TC260 AIGC implicit label to the XMP metadata (pixels unchanged)";

    /**
     * The labelled file (still holding the original store, whose hard binding its new metadata
     * broke) with a new active manifest recording the metadata edit.
     */
    static byte[] resign(byte[] labelled, AigcLabel label, C2paSigner signer, MediaLimits limits)
            throws MediaFormatException {
        Carriers c = MediaInspector.carriers(labelled, limits);
        if (c.c2pa.isEmpty()) {
            return labelled;
        }
        Carriers.Jumbf original = c.c2pa.getFirst();
        Layout layout = switch (c.format) {
            case JPEG -> jpeg(labelled, limits);
            case PNG -> png(labelled, limits);
            case WEBP -> webp(labelled, limits);
        };
        return sign(storeBytes(original), original.where(), c.format, layout, label, METADATA_EDIT, signer, limits);
    }

    /**
     * A re-encoded copy (the visible label drew on its pixels; it holds no store) given the
     * original's store again plus a new active manifest recording the pixel edit, so the hard
     * binding covers the new pixels and the original stays the {@code parentOf} ingredient.
     *
     * @param originalStore the store of the file that was drawn on
     * @param label the implicit label the copy carries, recorded as an assertion; null for none
     * @param description what was done to the pixels, for the {@code c2pa.edited} action
     */
    static byte[] resignRendered(
            byte[] rendered,
            Carriers.Jumbf originalStore,
            AigcLabel label,
            String description,
            C2paSigner signer,
            MediaLimits limits)
            throws MediaFormatException {
        MediaFormat format = MediaFormat.sniff(rendered);
        if (format != MediaFormat.JPEG && format != MediaFormat.PNG) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT, "a re-encoded copy is signed as PNG or JPEG only");
        }
        Layout layout = format == MediaFormat.JPEG ? jpeg(rendered, limits) : png(rendered, limits);
        return sign(
                storeBytes(originalStore), originalStore.where(), format, layout, label, description, signer, limits);
    }

    private static byte[] storeBytes(Carriers.Jumbf original) throws MediaFormatException {
        if (original.bytes() == null) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.LIMIT_EXCEEDED,
                    "the C2PA store (" + original.size()
                            + " bytes) is over the C2PA store limit, so it cannot be kept in a new manifest");
        }
        return original.bytes();
    }

    private static byte[] sign(
            byte[] originalStore,
            String where,
            MediaFormat format,
            Layout layout,
            AigcLabel label,
            String description,
            C2paSigner signer,
            MediaLimits limits)
            throws MediaFormatException {
        C2paStore.Parsed parsed;
        try {
            parsed = C2paStore.parse(originalStore);
        } catch (Cbor.Malformed e) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.CORRUPT,
                    "the C2PA store in " + where + " cannot be decoded (" + e.getMessage()
                            + "), so it cannot be kept as an ingredient; drop provenance to label this file");
        }
        if (parsed.root() == null || parsed.manifests().isEmpty()) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.CORRUPT,
                    "the C2PA store in " + where + " holds no manifest to keep as an ingredient");
        }
        String manifestLabel = "urn:uuid:" + UUID.randomUUID();
        try {
            // Pass 1: the exclusion length depends on the store's size, which depends (through the
            // CBOR integer widths) on the exclusion length: settle it, then hash and sign.
            int length = 0;
            byte[] store = null;
            for (int i = 0; i < 8; i++) {
                store = store(
                        originalStore,
                        parsed,
                        manifestLabel,
                        label,
                        description,
                        format,
                        layout.insertAt(),
                        length,
                        new byte[32],
                        signer);
                int excluded = layout.excluded(layout.carrier(store));
                if (excluded == length) {
                    break;
                }
                length = excluded;
            }
            byte[] placeholder = layout.assemble(layout.carrier(store));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(placeholder, 0, layout.insertAt());
            md.update(placeholder, layout.insertAt() + length, placeholder.length - layout.insertAt() - length);
            byte[] hash = md.digest();
            byte[] finalStore = store(
                    originalStore,
                    parsed,
                    manifestLabel,
                    label,
                    description,
                    format,
                    layout.insertAt(),
                    length,
                    hash,
                    signer);
            byte[] out = layout.assemble(layout.carrier(finalStore));
            if (out.length != placeholder.length) {
                throw new IllegalStateException("C2PA store size changed between layout and signing");
            }
            limits.checkFile(out);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with a checked ES256 key failed", e);
        }
    }

    /** The file without its C2PA store (the caller asked to drop provenance). */
    static byte[] strip(byte[] file, MediaLimits limits) throws MediaFormatException {
        Carriers c = MediaInspector.carriers(file, limits);
        if (c.c2pa.isEmpty()) {
            return file;
        }
        Layout layout = switch (c.format) {
            case JPEG -> jpeg(file, limits);
            case PNG -> png(file, limits);
            case WEBP -> webp(file, limits);
        };
        return layout.assemble(new byte[0]);
    }

    private static byte[] store(
            byte[] originalStore,
            C2paStore.Parsed parsed,
            String manifestLabel,
            AigcLabel label,
            String description,
            MediaFormat format,
            int start,
            int length,
            byte[] hash,
            C2paSigner signer)
            throws GeneralSecurityException {
        C2paStore.Manifest parent = parsed.manifests().getLast();
        Map<?, ?> parentClaim = parent.claimMap() == null ? Map.of() : parent.claimMap();
        String title = parentClaim.get("dc:title") instanceof String t ? t : "original";

        Map<String, Object> ingredient = new LinkedHashMap<>();
        ingredient.put("dc:title", title);
        ingredient.put("dc:format", format.mediaType());
        ingredient.put(
                "instanceID",
                parentClaim.get("instanceID") instanceof String iid ? iid : "xmp:iid:" + UUID.randomUUID());
        ingredient.put(
                "c2pa_manifest",
                hashedUri(
                        "self#jumbf=/c2pa/" + parent.box().label(),
                        sha256(
                                originalStore,
                                parent.box().payloadFrom(),
                                parent.box().end())));
        ingredient.put("relationship", "parentOf");
        byte[] ingredientBox = assertion("c2pa.ingredient", CborWriter.encode(ingredient));

        Map<String, Object> opened = new LinkedHashMap<>();
        opened.put("action", "c2pa.opened");
        opened.put(
                "parameters",
                Map.of(
                        "ingredient",
                        hashedUri("self#jumbf=c2pa.assertions/c2pa.ingredient", assertionHash(ingredientBox))));
        if (parent.digitalSourceType() != null) {
            // The pixels are the parent's: its source type still describes them.
            opened.put("digitalSourceType", parent.digitalSourceType());
        }
        Map<String, Object> edited = new LinkedHashMap<>();
        edited.put("action", "c2pa.edited");
        edited.put("softwareAgent", SOFTWARE_NAME + " " + SOFTWARE_VERSION);
        edited.put("parameters", Map.of("description", description));
        byte[] actionsBox = assertion("c2pa.actions", CborWriter.encode(Map.of("actions", List.of(opened, edited))));

        byte[] labelBox =
                label == null ? null : assertion(AIGC_ASSERTION, CborWriter.encode(Map.of("AIGC", label.fields())));

        Map<String, Object> exclusion = new LinkedHashMap<>();
        exclusion.put("start", (long) start);
        exclusion.put("length", (long) length);
        Map<String, Object> dataHash = new LinkedHashMap<>();
        dataHash.put("exclusions", List.of(exclusion));
        dataHash.put("name", "jumbf manifest");
        dataHash.put("alg", "sha256");
        dataHash.put("hash", hash);
        dataHash.put("pad", new byte[0]); // required by the schema; we need no padding (sizes are settled first)
        byte[] hashBox = assertion("c2pa.hash.data", CborWriter.encode(dataHash));

        List<Object> refs = new ArrayList<>();
        Map<String, byte[]> assertions = new LinkedHashMap<>();
        assertions.put("c2pa.ingredient", ingredientBox);
        assertions.put("c2pa.actions", actionsBox);
        if (labelBox != null) {
            assertions.put(AIGC_ASSERTION, labelBox);
        }
        assertions.put("c2pa.hash.data", hashBox);
        for (Map.Entry<String, byte[]> a : assertions.entrySet()) {
            refs.add(hashedUri("self#jumbf=c2pa.assertions/" + a.getKey(), assertionHash(a.getValue())));
        }
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("dc:title", title);
        claim.put("dc:format", format.mediaType());
        claim.put("instanceID", "xmp:iid:" + UUID.randomUUID());
        claim.put("claim_generator", SOFTWARE_NAME + "/" + SOFTWARE_VERSION);
        claim.put("claim_generator_info", List.of(Map.of("name", SOFTWARE_NAME, "version", SOFTWARE_VERSION)));
        claim.put("signature", "self#jumbf=/c2pa/" + manifestLabel + "/c2pa.signature");
        claim.put("assertions", refs);
        claim.put("alg", "sha256");
        byte[] claimCbor = CborWriter.encode(claim);

        Map<Object, Object> protectedHeader = new LinkedHashMap<>();
        protectedHeader.put(1L, -7L); // ES256
        List<byte[]> ders = new ArrayList<>();
        for (X509Certificate cert : signer.chain()) {
            try {
                ders.add(cert.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new GeneralSecurityException(e);
            }
        }
        protectedHeader.put(33L, ders.size() == 1 ? ders.getFirst() : ders);
        byte[] protectedBytes = CborWriter.encode(protectedHeader);
        byte[] signature = signer.sign(C2paValidator.sigStructure(protectedBytes, claimCbor));
        byte[] cose = CborWriter.encode(
                new CborWriter.Tagged(18, java.util.Arrays.asList(protectedBytes, Map.of(), null, signature)));

        byte[] manifest = superbox(
                MANIFEST,
                manifestLabel,
                superbox(ASSERTIONS, "c2pa.assertions", assertions.values().toArray(byte[][]::new)),
                superbox(CLAIM, "c2pa.claim", box("cbor", claimCbor)),
                superbox(SIGNATURE, "c2pa.signature", box("cbor", cose)));
        // Every original manifest is kept byte for byte: their signatures cover them.
        List<byte[]> children = new ArrayList<>();
        for (C2paStore.Box child : parsed.root().children()) {
            children.add(java.util.Arrays.copyOfRange(originalStore, child.start(), child.end()));
        }
        children.add(manifest);
        return superbox(STORE, "c2pa", children.toArray(byte[][]::new));
    }

    private static Map<String, Object> hashedUri(String url, byte[] hash) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("hash", hash);
        return m;
    }

    private static byte[] assertion(String label, byte[] cbor) {
        return superbox(CBOR, label, box("cbor", cbor));
    }

    /** C2PA hashes an assertion over its superbox payload: the description and content boxes. */
    private static byte[] assertionHash(byte[] superbox) {
        return sha256(superbox, 8, superbox.length);
    }

    private static byte[] sha256(byte[] b, int from, int to) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(b, from, to - from);
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] box(String type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        Bytes.putU32be(out, 8L + payload.length);
        out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A JUMBF superbox: a description (type UUID, toggles "requestable + label", label) then the children. */
    static byte[] superbox(byte[] typeUuid, String label, byte[]... children) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(typeUuid);
        d.write(0x03);
        d.writeBytes(label.getBytes(StandardCharsets.UTF_8));
        d.write(0);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(box("jumd", d.toByteArray()));
        for (byte[] c : children) {
            body.writeBytes(c);
        }
        return box("jumb", body.toByteArray());
    }

    private static byte[] uuid(String prefix) {
        return HexFormat.of().parseHex(prefix + UUID_SUFFIX);
    }

    // ---- carriers

    private static Layout jpeg(byte[] file, MediaLimits limits) throws MediaFormatException {
        JpegContainer jpg = JpegContainer.parse(file, limits);
        List<JpegContainer.Segment> app11 = new ArrayList<>();
        int instance = -1;
        for (JpegContainer.Segment s : jpg.segments) {
            int p = s.payloadOffset();
            if (s.marker() == 0xEB && s.payloadLength() >= 16 && file[p] == 'J' && file[p + 1] == 'P') {
                // The store is the first box instance (the one the reader took); others stay.
                if (instance < 0) {
                    instance = Bytes.u16be(file, p + 2);
                }
                if (Bytes.u16be(file, p + 2) == instance) {
                    app11.add(s);
                }
            }
        }
        int at;
        if (app11.isEmpty()) {
            // A re-encoded copy: the store goes after the leading APPn segments (JFIF, EXIF, XMP).
            at = jpg.segments.getFirst().offset();
            for (JpegContainer.Segment s : jpg.segments) {
                if (s.marker() < 0xE0 || s.marker() > 0xEF) {
                    break;
                }
                at = s.end();
            }
            instance = 1;
        } else {
            at = app11.getFirst().offset();
        }
        int insertAt = at;
        int boxInstance = instance;
        byte[] base = without(
                file, app11.stream().map(s -> new int[] {s.offset(), s.end()}).toList());
        return new Layout() {
            public int insertAt() {
                return insertAt;
            }

            public byte[] carrier(byte[] store) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(store.length + 1024);
                int pos = 0;
                for (int seq = 1; pos < store.length; seq++) {
                    int room = seq == 1 ? JPEG_FIRST_CHUNK : JPEG_FIRST_CHUNK - 8;
                    int n = Math.min(room, store.length - pos);
                    out.write(0xFF);
                    out.write(0xEB);
                    Bytes.putU16be(out, 2 + 8 + (seq == 1 ? 0 : 8) + n);
                    out.write('J');
                    out.write('P');
                    Bytes.putU16be(out, boxInstance);
                    Bytes.putU32be(out, seq);
                    if (seq > 1) {
                        out.write(store, 0, 8); // later packets repeat the superbox's LBox and TBox
                    }
                    out.write(store, pos, n);
                    pos += n;
                }
                return out.toByteArray();
            }

            public byte[] assemble(byte[] carrier) {
                return insert(base, insertAt, carrier);
            }
        };
    }

    private static Layout png(byte[] file, MediaLimits limits) throws MediaFormatException {
        PngContainer png = PngContainer.parse(file, limits);
        List<int[]> cabx = png.chunks.stream()
                .filter(ch -> ch.type().equals("caBX"))
                .map(ch -> new int[] {ch.offset(), ch.end()})
                .toList();
        // A re-encoded copy has no caBX: the store goes right after IHDR, before any image data.
        int insertAt = cabx.isEmpty() ? png.chunks.getFirst().end() : cabx.getFirst()[0];
        byte[] base = without(file, cabx);
        return new Layout() {
            public int insertAt() {
                return insertAt;
            }

            public byte[] carrier(byte[] store) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(store.length + 12);
                PngContainer.writeChunk(out, "caBX", store);
                return out.toByteArray();
            }

            public byte[] assemble(byte[] carrier) {
                return insert(base, insertAt, carrier);
            }
        };
    }

    private static Layout webp(byte[] file, MediaLimits limits) throws MediaFormatException {
        WebpContainer webp = WebpContainer.parse(file, limits);
        List<int[]> c2pa = webp.chunks.stream()
                .filter(ch -> ch.fourcc().equals("C2PA"))
                .map(ch -> new int[] {ch.offset(), Math.min(ch.end(), webp.riffEnd)})
                .toList();
        int insertAt = c2pa.getFirst()[0];
        int removed = c2pa.stream().mapToInt(r -> r[1] - r[0]).sum();
        long riffSize = webp.riffEnd - 8L - removed;
        byte[] base = without(file, c2pa);
        return new Layout() {
            public int insertAt() {
                return insertAt;
            }

            public byte[] carrier(byte[] store) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(store.length + 9);
                WebpContainer.writeChunk(out, "C2PA", store);
                return out.toByteArray();
            }

            /** The chunk without its pad byte: that is where c2pa-rs locates a RIFF manifest. */
            public int excluded(byte[] carrier) {
                return 8 + (int) Bytes.u32le(carrier, 4);
            }

            public byte[] assemble(byte[] carrier) {
                byte[] out = insert(base, insertAt, carrier);
                long size = riffSize + carrier.length; // the RIFF size is inside the hashed bytes
                out[4] = (byte) size;
                out[5] = (byte) (size >>> 8);
                out[6] = (byte) (size >>> 16);
                out[7] = (byte) (size >>> 24);
                return out;
            }
        };
    }

    private static byte[] without(byte[] file, List<int[]> ranges) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length);
        int pos = 0;
        for (int[] r : ranges) {
            out.write(file, pos, r[0] - pos);
            pos = r[1];
        }
        out.write(file, pos, file.length - pos);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] base, int at, byte[] carrier) {
        byte[] out = new byte[base.length + carrier.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(carrier, 0, out, at, carrier.length);
        System.arraycopy(base, at, out, at + carrier.length, base.length - at);
        return out;
    }
}
