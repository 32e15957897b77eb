package io.redline.media;

import static io.redline.media.MediaFormatException.Kind.CORRUPT;
import static io.redline.media.MediaFormatException.Kind.TRUNCATED;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * PNG as a list of chunks (length, type, data, CRC), every length checked against the bytes
 * that remain and every CRC verified. Image data is never inflated or decoded.
 */
final class PngContainer {

    static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    /** A file with more chunks than this is an attack, not an image (typical files: < 1,000). */
    static final int CHUNKS_MAX = 100_000;

    /** One chunk; {@code offset} is where its length field starts. */
    record Chunk(String type, int offset, int dataLength) {
        int dataOffset() {
            return offset + 8;
        }

        int end() {
            return offset + 12 + dataLength;
        }
    }

    final byte[] file;
    final List<Chunk> chunks;
    final int width;
    final int height;
    final int trailingBytes;

    private PngContainer(byte[] file, List<Chunk> chunks, int width, int height, int trailing) {
        this.file = file;
        this.chunks = chunks;
        this.width = width;
        this.height = height;
        this.trailingBytes = trailing;
    }

    static PngContainer parse(byte[] file, MediaLimits limits) throws MediaFormatException {
        limits.checkFile(file);
        if (MediaFormat.sniff(file) != MediaFormat.PNG) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT,
                    "not a PNG file: the 8-byte PNG signature is missing");
        }
        List<Chunk> chunks = new ArrayList<>();
        int pos = SIGNATURE.length;
        int width = 0;
        int height = 0;
        boolean idat = false;
        CRC32 crc = new CRC32();
        while (true) {
            if (file.length - pos < 12) {
                throw new MediaFormatException(
                        TRUNCATED,
                        "PNG truncated at byte " + pos + ": a chunk header needs 12 bytes, " + (file.length - pos)
                                + " remain (no IEND)");
            }
            long length = Bytes.u32be(file, pos);
            String type = Bytes.fourcc(file, pos + 4);
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw new MediaFormatException(
                        CORRUPT, "PNG chunk at byte " + pos + " has an invalid type (not four letters)");
            }
            // The limit is checked on the declared length first: a 50 MB text chunk is refused
            // whether or not its bytes are really there, and nothing is copied either way.
            if (isMetadata(type)) {
                limits.checkMetadata(length, "PNG " + type + " chunk at byte " + pos);
            }
            if (length > file.length - pos - 12L) {
                throw new MediaFormatException(
                        length > Integer.MAX_VALUE ? CORRUPT : TRUNCATED,
                        "PNG chunk '" + type + "' at byte " + pos + " declares " + length + " data bytes but only "
                                + Math.max(0, file.length - pos - 12L) + " remain");
            }
            Chunk chunk = new Chunk(type, pos, (int) length);
            crc.reset();
            crc.update(file, pos + 4, 4 + (int) length);
            if (crc.getValue() != Bytes.u32be(file, chunk.end() - 4)) {
                throw new MediaFormatException(
                        CORRUPT,
                        "PNG chunk '" + type + "' at byte " + pos
                                + " fails its CRC check (file corrupted or edited without updating the CRC)");
            }
            if (chunks.isEmpty()) {
                if (!type.equals("IHDR") || length != 13) {
                    throw new MediaFormatException(
                            CORRUPT, "PNG must start with a 13-byte IHDR chunk, found '" + type + "' (" + length + ")");
                }
                long w = Bytes.u32be(file, pos + 8);
                long h = Bytes.u32be(file, pos + 12);
                if (w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                    throw new MediaFormatException(
                            CORRUPT,
                            "PNG IHDR declares " + w + "x" + h
                                    + ", beyond the 2^31-1 maximum of the PNG specification");
                }
                limits.checkPixels(MediaFormat.PNG, w, h, "IHDR");
                width = (int) w;
                height = (int) h;
            } else if (type.equals("IHDR")) {
                throw new MediaFormatException(CORRUPT, "PNG has a second IHDR chunk at byte " + pos);
            }
            if (chunks.size() >= CHUNKS_MAX) {
                throw new MediaFormatException(
                        MediaFormatException.Kind.LIMIT_EXCEEDED, "PNG has more than " + CHUNKS_MAX + " chunks");
            }
            chunks.add(chunk);
            idat |= type.equals("IDAT");
            pos = chunk.end();
            if (type.equals("IEND")) {
                break;
            }
        }
        if (!idat) {
            throw new MediaFormatException(CORRUPT, "PNG has no IDAT chunk (no image data)");
        }
        return new PngContainer(file, chunks, width, height, file.length - pos);
    }

    /** Ancillary chunks we copy out and parse, so their size is bounded by the metadata limit. */
    static boolean isMetadata(String type) {
        return type.equals("tEXt") || type.equals("zTXt") || type.equals("iTXt") || type.equals("eXIf");
    }

    Carriers carriers(MediaLimits limits) throws MediaFormatException {
        Carriers c = new Carriers(MediaFormat.PNG);
        c.width = width;
        c.height = height;
        if (trailingBytes > 0) {
            c.warnings.add("PNG has " + trailingBytes + " bytes after IEND (ignored)");
        }
        for (Chunk ch : chunks) {
            String where = "PNG " + ch.type() + " chunk at byte " + ch.offset();
            switch (ch.type()) {
                case "tEXt", "zTXt", "iTXt" -> {
                    Carriers.Text t = text(ch, limits, c.warnings);
                    if (t == null) {
                        continue;
                    }
                    where = "PNG " + ch.type() + " chunk '" + t.keyword() + "' at byte " + ch.offset();
                    if (t.keyword().equals(XMP_KEYWORD)) {
                        c.xmp.add(new Carriers.Block(where, t.text().getBytes(StandardCharsets.UTF_8)));
                    } else {
                        c.texts.add(new Carriers.Text(where, t.keyword(), t.text()));
                    }
                }
                case "eXIf" -> c.exif.add(new Carriers.Block(where, slice(ch)));
                case "caBX" -> {
                    if (ch.dataLength() > limits.c2paStoreBytesMax()) {
                        c.c2pa.add(new Carriers.Jumbf(where, null, ch.dataLength()));
                    } else {
                        c.c2pa.add(new Carriers.Jumbf(where, slice(ch), ch.dataLength()));
                    }
                }
                default -> {}
            }
        }
        return c;
    }

    byte[] slice(Chunk ch) {
        return java.util.Arrays.copyOfRange(file, ch.dataOffset(), ch.dataOffset() + ch.dataLength());
    }

    /** Keyword of a text chunk, or null when it has none. */
    String keyword(Chunk ch) {
        int end = ch.dataOffset() + ch.dataLength();
        int nul = Bytes.indexOfZero(file, ch.dataOffset(), Math.min(end, ch.dataOffset() + 80));
        if (nul < 0) {
            return null;
        }
        return new String(file, ch.dataOffset(), nul - ch.dataOffset(), StandardCharsets.ISO_8859_1);
    }

    /**
     * Decodes a tEXt/zTXt/iTXt chunk; malformed ones become a warning and null (a broken comment
     * does not make the image unreadable), compressed text over the metadata limit is refused.
     */
    private Carriers.Text text(Chunk ch, MediaLimits limits, List<String> warnings) throws MediaFormatException {
        int start = ch.dataOffset();
        int end = start + ch.dataLength();
        String keyword = keyword(ch);
        String where = "PNG " + ch.type() + " chunk at byte " + ch.offset();
        if (keyword == null || keyword.isEmpty()) {
            warnings.add(where + " has no keyword (ignored)");
            return null;
        }
        int p = start + keyword.length() + 1;
        switch (ch.type()) {
            case "tEXt" -> {
                return new Carriers.Text(where, keyword, new String(file, p, end - p, StandardCharsets.ISO_8859_1));
            }
            case "zTXt" -> {
                if (p >= end || file[p] != 0) {
                    warnings.add(where + " uses an unknown compression method (ignored)");
                    return null;
                }
                byte[] raw = inflate(file, p + 1, end - p - 1, limits, where, warnings);
                return raw == null
                        ? null
                        : new Carriers.Text(where, keyword, new String(raw, StandardCharsets.ISO_8859_1));
            }
            default -> {
                if (end - p < 2) {
                    warnings.add(where + " is too short for an iTXt header (ignored)");
                    return null;
                }
                int flag = file[p];
                int method = file[p + 1];
                int lang = Bytes.indexOfZero(file, p + 2, end);
                int translated = lang < 0 ? -1 : Bytes.indexOfZero(file, lang + 1, end);
                if (translated < 0) {
                    warnings.add(where + " has a malformed iTXt header (ignored)");
                    return null;
                }
                int textStart = translated + 1;
                byte[] raw;
                if (flag == 0) {
                    raw = java.util.Arrays.copyOfRange(file, textStart, end);
                } else if (flag == 1 && method == 0) {
                    raw = inflate(file, textStart, end - textStart, limits, where, warnings);
                    if (raw == null) {
                        return null;
                    }
                } else {
                    warnings.add(where + " has an unknown compression flag/method (ignored)");
                    return null;
                }
                return new Carriers.Text(where, keyword, new String(raw, StandardCharsets.UTF_8));
            }
        }
    }

    /** Inflates zlib data, refusing output over the metadata limit (a zip bomb in a text chunk). */
    static byte[] inflate(byte[] b, int off, int len, MediaLimits limits, String where, List<String> warnings)
            throws MediaFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(b, off, len);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(len * 4 + 64, 1 << 16));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    warnings.add(where + " has truncated compressed text (ignored)");
                    return null;
                }
                out.write(buf, 0, n);
                limits.checkMetadata(out.size(), where + " inflated");
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            warnings.add(where + " has corrupt compressed text (ignored): " + e.getMessage());
            return null;
        } finally {
            inflater.end();
        }
    }

    /** Serialises one chunk with its length and CRC. */
    static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        Bytes.putU32be(out, data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        Bytes.putU32be(out, crc.getValue());
    }

    /** An uncompressed iTXt chunk body: keyword, flags 0/0, empty language and translation. */
    static byte[] itxt(String keyword, String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
        b.write(0);
        b.write(0);
        b.write(0);
        b.write(0);
        b.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    static byte[] textChunk(String keyword, String text) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        b.write(0);
        b.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }
}
