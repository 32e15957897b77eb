package io.redline.media;

import io.redline.vocabulary.AiMark;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Writes the implicit label into a file by inserting or replacing metadata chunks/segments
 * byte-exactly; pixel data is copied, never decoded or re-encoded.
 *
 * <ul>
 *   <li>JPEG: one APP1 XMP segment after SOI and any leading APP0/APP1-EXIF/old-XMP segments;
 *       older standard XMP segments and raw "AIGC{…}" APP segments are removed.
 *   <li>PNG: an iTXt {@code XML:com.adobe.xmp} chunk and an {@code AIGC} text chunk (tEXt when
 *       the JSON is Latin-1, iTXt otherwise) right after IHDR; old ones are removed.
 *   <li>WebP: an {@code XMP } chunk at the end of the RIFF, the VP8X XMP flag set; simple
 *       VP8/VP8L files get a VP8X chunk with the canvas size from the frame header.
 * </ul>
 *
 * <p>An existing XMP packet is kept and only its TC260:AIGC property replaced; see
 * {@link XmpPacket#withAigc}. EXIF UserComment is not rewritten (a label there is left as is;
 * readers here prefer XMP).
 */
public final class ImplicitLabelWriter {

    static final String AIGC_KEYWORD = "AIGC";

    private ImplicitLabelWriter() {}

    public static byte[] write(byte[] file, AigcLabel label) throws MediaFormatException {
        return write(file, label, MediaLimits.defaults());
    }

    /**
     * The file with {@code label} as its implicit label.
     *
     * @throws MediaFormatException when the file is not a parseable PNG/JPEG/WebP within the
     *     limits, or (JPEG) the merged XMP packet no longer fits one APP1 segment
     */
    public static byte[] write(byte[] file, AigcLabel label, MediaLimits limits) throws MediaFormatException {
        return write(file, label, limits, Provenance.refuse());
    }

    /**
     * The file with {@code label} as its implicit label, and its C2PA credential (if it has one)
     * handled as {@code provenance} says: re-signed with a new active manifest, dropped, or the
     * write refused with {@link MediaFormatException.Kind#SIGNED_CONTENT}. Writing the label any
     * other way would leave a credential whose hard binding no longer matches.
     */
    public static byte[] write(byte[] file, AigcLabel label, MediaLimits limits, Provenance provenance)
            throws MediaFormatException {
        String json = label.toJson();
        Carriers c = MediaInspector.carriers(file, limits);
        if (c.c2pa.isEmpty()) {
            return rewrite(file, limits, existing -> XmpPacket.withAigc(existing, json), json);
        }
        return switch (provenance) {
            case Provenance.Refuse r ->
                throw new MediaFormatException(
                        MediaFormatException.Kind.SIGNED_CONTENT,
                        "the file carries a C2PA credential (Content Credentials) in "
                                + c.c2pa.getFirst().where()
                                + "; writing the label would break its signature. Configure a signing key"
                                + " (media.c2pa.keyFile and media.c2pa.certChainFile) to add a signed manifest,"
                                + " or ask explicitly to drop provenance");
            case Provenance.Drop d ->
                C2paWriter.strip(rewrite(file, limits, existing -> XmpPacket.withAigc(existing, json), json), limits);
            case Provenance.Sign s ->
                C2paWriter.resign(
                        rewrite(file, limits, existing -> XmpPacket.withAigc(existing, json), json),
                        label,
                        s.signer(),
                        limits);
        };
    }

    /**
     * Re-labels for distribution: keeps the file's existing label and adds the propagator
     * fields, or writes a new label from {@code mark} when the file has none (see
     * {@link AigcLabel#forPropagation}).
     */
    public static byte[] propagate(
            byte[] file, AiMark mark, String contentPropagator, String propagateId, MediaLimits limits)
            throws MediaFormatException {
        return propagate(file, mark, contentPropagator, propagateId, limits, Provenance.refuse());
    }

    /** {@link #propagate} with the file's C2PA credential handled as {@code provenance} says. */
    public static byte[] propagate(
            byte[] file,
            AiMark mark,
            String contentPropagator,
            String propagateId,
            MediaLimits limits,
            Provenance provenance)
            throws MediaFormatException {
        Inspection in = MediaInspector.inspect(file, limits);
        return write(
                file, AigcLabel.forPropagation(in.aigc(), mark, contentPropagator, propagateId), limits, provenance);
    }

    /** Replaces the XMP packet verbatim (used to carry metadata into a re-encoded copy). */
    static byte[] replaceXmp(byte[] file, byte[] packet, MediaLimits limits) throws MediaFormatException {
        return rewrite(file, limits, existing -> packet, null);
    }

    private static byte[] rewrite(byte[] file, MediaLimits limits, UnaryOperator<byte[]> xmp, String aigcJson)
            throws MediaFormatException {
        MediaFormat format = MediaFormat.sniff(file);
        limits.checkFile(file);
        if (format == null) {
            throw MediaInspector.unsupported(file);
        }
        return switch (format) {
            case PNG -> png(PngContainer.parse(file, limits), limits, xmp, aigcJson);
            case JPEG -> jpeg(JpegContainer.parse(file, limits), limits, xmp);
            case WEBP -> webp(WebpContainer.parse(file, limits), limits, xmp);
        };
    }

    private static byte[] firstXmp(Carriers c) {
        return c.xmp.isEmpty() ? null : c.xmp.get(0).bytes();
    }

    private static byte[] png(PngContainer png, MediaLimits limits, UnaryOperator<byte[]> xmp, String aigcJson)
            throws MediaFormatException {
        byte[] packet = xmp.apply(firstXmp(png.carriers(limits)));
        limits.checkMetadata(packet.length, "the XMP packet to write");
        byte[] f = png.file;
        ByteArrayOutputStream out = new ByteArrayOutputStream(f.length + packet.length + 512);
        out.write(f, 0, PngContainer.SIGNATURE.length);
        for (PngContainer.Chunk ch : png.chunks) {
            if (isReplacedText(png, ch, aigcJson != null)) {
                continue;
            }
            out.write(f, ch.offset(), ch.end() - ch.offset());
            if (ch.type().equals("IHDR")) {
                PngContainer.writeChunk(
                        out,
                        "iTXt",
                        PngContainer.itxt(PngContainer.XMP_KEYWORD, new String(packet, StandardCharsets.UTF_8)));
                if (aigcJson != null) {
                    boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(aigcJson);
                    PngContainer.writeChunk(
                            out,
                            latin1 ? "tEXt" : "iTXt",
                            latin1
                                    ? PngContainer.textChunk(AIGC_KEYWORD, aigcJson)
                                    : PngContainer.itxt(AIGC_KEYWORD, aigcJson));
                }
            }
        }
        int end = png.chunks.get(png.chunks.size() - 1).end();
        out.write(f, end, f.length - end);
        return out.toByteArray();
    }

    private static boolean isReplacedText(PngContainer png, PngContainer.Chunk ch, boolean replaceAigc) {
        if (!ch.type().equals("tEXt") && !ch.type().equals("iTXt") && !ch.type().equals("zTXt")) {
            return false;
        }
        String k = png.keyword(ch);
        if (k == null) {
            return false;
        }
        return k.equals(PngContainer.XMP_KEYWORD)
                || (replaceAigc && k.toUpperCase(Locale.ROOT).equals(AIGC_KEYWORD));
    }

    private static byte[] jpeg(JpegContainer jpg, MediaLimits limits, UnaryOperator<byte[]> xmp)
            throws MediaFormatException {
        byte[] packet = xmp.apply(firstXmp(jpg.carriers(limits)));
        byte[] f = jpg.file;
        // Insert after the run of leading APP0 / APP1-EXIF / old XMP segments, so JFIF and EXIF
        // readers that expect those first still find them there.
        int insertAt = 2;
        List<JpegContainer.Segment> removed = new ArrayList<>();
        boolean leading = true;
        for (JpegContainer.Segment s : jpg.segments) {
            boolean isXmp = jpg.isXmp(s);
            if (isXmp || jpg.isAigcBlob(s)) {
                removed.add(s); // a stale label elsewhere would contradict the one we write
            }
            if (leading && (s.marker() == 0xE0 || jpg.isExif(s) || isXmp)) {
                insertAt = s.end();
            } else {
                leading = false;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(f.length + packet.length + 64);
        int pos = 0;
        boolean inserted = false;
        for (JpegContainer.Segment s : removed) {
            if (!inserted && insertAt <= s.offset()) {
                out.write(f, pos, insertAt - pos);
                JpegContainer.writeSegment(out, 0xE1, JpegContainer.XMP_ID, packet);
                pos = insertAt;
                inserted = true;
            }
            out.write(f, pos, s.offset() - pos);
            pos = s.end();
        }
        if (!inserted) {
            out.write(f, pos, insertAt - pos);
            JpegContainer.writeSegment(out, 0xE1, JpegContainer.XMP_ID, packet);
            pos = insertAt;
        }
        out.write(f, pos, f.length - pos);
        return out.toByteArray();
    }

    private static byte[] webp(WebpContainer webp, MediaLimits limits, UnaryOperator<byte[]> xmp)
            throws MediaFormatException {
        byte[] packet = xmp.apply(firstXmp(webp.carriers(limits)));
        limits.checkMetadata(packet.length, "the XMP packet to write");
        byte[] f = webp.file;
        ByteArrayOutputStream body = new ByteArrayOutputStream(f.length + packet.length + 64);
        body.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        WebpContainer.Chunk first = webp.chunks.get(0);
        boolean exif = webp.chunks.stream().anyMatch(c -> c.fourcc().equals("EXIF"));
        if (!first.fourcc().equals("VP8X")) {
            // Simple format: wrap in the extended format, canvas = frame size.
            int flags = WebpContainer.FLAG_XMP
                    | (exif ? WebpContainer.FLAG_EXIF : 0)
                    | (webp.vp8lAlpha(first) ? WebpContainer.FLAG_ALPHA : 0);
            byte[] vp8x = new byte[10];
            vp8x[0] = (byte) flags;
            putU24le(vp8x, 4, webp.width - 1);
            putU24le(vp8x, 7, webp.height - 1);
            WebpContainer.writeChunk(body, "VP8X", vp8x);
        }
        for (WebpContainer.Chunk ch : webp.chunks) {
            if (ch.fourcc().equals("XMP ")) {
                continue;
            }
            int end = Math.min(ch.end(), webp.riffEnd);
            if (ch.fourcc().equals("VP8X")) {
                byte[] vp8x = java.util.Arrays.copyOfRange(f, ch.dataOffset(), ch.dataOffset() + ch.size());
                vp8x[0] |= WebpContainer.FLAG_XMP;
                WebpContainer.writeChunk(body, "VP8X", vp8x);
                continue;
            }
            body.write(f, ch.offset(), end - ch.offset());
            if (end < ch.end()) {
                body.write(0); // restore the pad byte a sloppy writer left out
            }
        }
        WebpContainer.writeChunk(body, "XMP ", packet);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 8 + f.length - webp.riffEnd);
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        Bytes.putU32le(out, body.size());
        out.writeBytes(body.toByteArray());
        out.write(f, webp.riffEnd, f.length - webp.riffEnd);
        return out.toByteArray();
    }

    private static void putU24le(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
    }
}
