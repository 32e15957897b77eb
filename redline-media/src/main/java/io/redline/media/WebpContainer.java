package io.redline.media;

import static io.redline.media.MediaFormatException.Kind.CORRUPT;
import static io.redline.media.MediaFormatException.Kind.TRUNCATED;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * WebP as RIFF chunks (FourCC, little-endian size, data, pad to even). Dimensions come from
 * the VP8X canvas or the VP8/VP8L frame header; the bitstreams themselves are never decoded.
 */
final class WebpContainer {

    static final int FLAG_ICC = 0x20;
    static final int FLAG_ALPHA = 0x10;
    static final int FLAG_EXIF = 0x08;
    static final int FLAG_XMP = 0x04;
    static final int FLAG_ANIMATION = 0x02;
    static final int CHUNKS_MAX = 100_000;

    /** One chunk; {@code offset} is where its FourCC starts. */
    record Chunk(String fourcc, int offset, int size) {
        int dataOffset() {
            return offset + 8;
        }

        /** End including the pad byte of odd-sized chunks. */
        int end() {
            return offset + 8 + size + (size & 1);
        }
    }

    final byte[] file;
    final List<Chunk> chunks;
    final int width;
    final int height;
    /** RIFF end (8 + RIFF size); bytes after it are trailing garbage. */
    final int riffEnd;

    private WebpContainer(byte[] file, List<Chunk> chunks, int width, int height, int riffEnd) {
        this.file = file;
        this.chunks = chunks;
        this.width = width;
        this.height = height;
        this.riffEnd = riffEnd;
    }

    static WebpContainer parse(byte[] file, MediaLimits limits) throws MediaFormatException {
        limits.checkFile(file);
        if (MediaFormat.sniff(file) != MediaFormat.WEBP) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT, "not a WebP file: RIFF....WEBP header missing");
        }
        long riffSize = Bytes.u32le(file, 4);
        if (riffSize + 8 > file.length) {
            throw new MediaFormatException(
                    TRUNCATED,
                    "WebP RIFF header declares " + (riffSize + 8) + " bytes but the file has " + file.length);
        }
        int riffEnd = (int) riffSize + 8;
        List<Chunk> chunks = new ArrayList<>();
        int pos = 12;
        while (pos < riffEnd) {
            if (riffEnd - pos < 8) {
                throw new MediaFormatException(
                        TRUNCATED, "WebP truncated at byte " + pos + ": a chunk header needs 8 bytes");
            }
            String fourcc = Bytes.fourcc(file, pos);
            long size = Bytes.u32le(file, pos + 4);
            if (fourcc.equals("XMP ") || fourcc.equals("EXIF")) {
                limits.checkMetadata(size, "WebP " + fourcc.trim() + " chunk at byte " + pos);
            }
            if (size > riffEnd - pos - 8L) {
                throw new MediaFormatException(
                        TRUNCATED,
                        "WebP chunk '" + fourcc + "' at byte " + pos + " declares " + size + " bytes but only "
                                + (riffEnd - pos - 8) + " remain");
            }
            Chunk ch = new Chunk(fourcc, pos, (int) size);
            if (chunks.size() >= CHUNKS_MAX) {
                throw new MediaFormatException(
                        MediaFormatException.Kind.LIMIT_EXCEEDED, "WebP has more than " + CHUNKS_MAX + " chunks");
            }
            chunks.add(ch);
            // A missing pad byte after the last chunk is a common writer bug; tolerate it.
            pos = Math.min(ch.end(), riffEnd);
        }
        if (chunks.isEmpty()) {
            throw new MediaFormatException(CORRUPT, "WebP has no chunks");
        }
        Chunk first = chunks.get(0);
        int width;
        int height;
        switch (first.fourcc()) {
            case "VP8X" -> {
                if (first.size() < 10) {
                    throw new MediaFormatException(CORRUPT, "WebP VP8X chunk is shorter than 10 bytes");
                }
                width = Bytes.u24le(file, first.dataOffset() + 4) + 1;
                height = Bytes.u24le(file, first.dataOffset() + 7) + 1;
                limits.checkPixels(MediaFormat.WEBP, width, height, "VP8X canvas");
                boolean image = chunks.stream()
                        .anyMatch(c -> c.fourcc().equals("VP8 ")
                                || c.fourcc().equals("VP8L")
                                || c.fourcc().equals("ANMF"));
                if (!image) {
                    throw new MediaFormatException(CORRUPT, "WebP VP8X file has no image data chunk");
                }
            }
            case "VP8 ", "VP8L" -> {
                int[] wh = frameSize(file, first);
                width = wh[0];
                height = wh[1];
                limits.checkPixels(
                        MediaFormat.WEBP, width, height, first.fourcc().trim() + " header");
            }
            default ->
                throw new MediaFormatException(
                        CORRUPT, "WebP must start with a VP8, VP8L or VP8X chunk, found '" + first.fourcc() + "'");
        }
        return new WebpContainer(file, chunks, width, height, riffEnd);
    }

    /** Width and height from a simple-format VP8 or VP8L frame header. */
    static int[] frameSize(byte[] f, Chunk ch) throws MediaFormatException {
        int d = ch.dataOffset();
        if (ch.fourcc().equals("VP8L")) {
            if (ch.size() < 5 || Bytes.u8(f, d) != 0x2F) {
                throw new MediaFormatException(CORRUPT, "WebP VP8L chunk lacks the 0x2F signature");
            }
            long bits = Bytes.u32le(f, d + 1);
            if ((bits >>> 29) != 0) {
                throw new MediaFormatException(CORRUPT, "WebP VP8L header has an unknown version");
            }
            return new int[] {(int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1};
        }
        if (ch.size() < 10 || Bytes.u8(f, d + 3) != 0x9D || Bytes.u8(f, d + 4) != 0x01 || Bytes.u8(f, d + 5) != 0x2A) {
            throw new MediaFormatException(CORRUPT, "WebP VP8 chunk lacks the key-frame start code");
        }
        return new int[] {Bytes.u16le(f, d + 6) & 0x3FFF, Bytes.u16le(f, d + 8) & 0x3FFF};
    }

    /** VP8L streams carry an alpha hint bit; VP8 simple files have no alpha. */
    boolean vp8lAlpha(Chunk ch) {
        return ch.fourcc().equals("VP8L") && ((Bytes.u32le(file, ch.dataOffset() + 1) >>> 28) & 1) == 1;
    }

    Carriers carriers(MediaLimits limits) {
        Carriers c = new Carriers(MediaFormat.WEBP);
        c.width = width;
        c.height = height;
        if (riffEnd < file.length) {
            c.warnings.add("WebP has " + (file.length - riffEnd) + " bytes after the RIFF data (ignored)");
        }
        for (Chunk ch : chunks) {
            String where = "WebP " + ch.fourcc().trim() + " chunk at byte " + ch.offset();
            byte[] data = null;
            if (ch.fourcc().equals("XMP ") || ch.fourcc().equals("EXIF")) {
                data = Arrays.copyOfRange(file, ch.dataOffset(), ch.dataOffset() + ch.size());
            }
            switch (ch.fourcc()) {
                case "XMP " -> c.xmp.add(new Carriers.Block(where, data));
                case "EXIF" -> {
                    // Some writers keep the JPEG "Exif\0\0" prefix in front of the TIFF header.
                    int skip = Bytes.startsWith(data, 0, data.length, JpegContainer.EXIF_ID) ? 6 : 0;
                    c.exif.add(new Carriers.Block(where, Arrays.copyOfRange(data, skip, data.length)));
                }
                case "C2PA" ->
                    c.c2pa.add(new Carriers.Jumbf(
                            where,
                            ch.size() > limits.c2paStoreBytesMax()
                                    ? null
                                    : Arrays.copyOfRange(file, ch.dataOffset(), ch.dataOffset() + ch.size()),
                            ch.size()));
                default -> {}
            }
        }
        return c;
    }

    static void writeChunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
        out.writeBytes(fourcc.getBytes(StandardCharsets.ISO_8859_1));
        Bytes.putU32le(out, data.length);
        out.writeBytes(data);
        if ((data.length & 1) == 1) {
            out.write(0);
        }
    }
}
