package io.redline.media;

import static io.redline.media.MediaFormatException.Kind.CORRUPT;
import static io.redline.media.MediaFormatException.Kind.TRUNCATED;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JPEG as the list of marker segments before the first scan (SOS); everything from the scan on
 * (entropy-coded data, later tables and scans, EOI, trailing data) is kept as one opaque tail.
 * Metadata lives in the header segments, so the image data is never touched.
 */
final class JpegContainer {

    static final byte[] XMP_ID = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] XMP_EXT_ID = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};
    static final byte[] AIGC_BLOB_ID = {'A', 'I', 'G', 'C'};
    /** Keyword marking a raw APP-segment blob, so the inspector extracts the JSON from it. */
    static final String AIGC_BLOB_KEYWORD = "AIGC (raw APP segment)";
    /** Header segments in real files number in the tens; more than this is an attack. */
    static final int SEGMENTS_MAX = 10_000;
    /** APP segment payload can be at most 65533 bytes (16-bit length includes itself). */
    static final int SEGMENT_PAYLOAD_MAX = 65533;
    /** Stray bytes between header segments tolerated in total before the file is refused. */
    static final int EXTRANEOUS_BYTES_MAX = 1024;

    /** A marker segment; {@code offset} is the 0xFF of its marker, length includes its 2 bytes. */
    record Segment(int marker, int offset, int length) {
        int payloadOffset() {
            return offset + 4;
        }

        int payloadLength() {
            return length - 2;
        }

        int end() {
            return offset + 2 + length;
        }
    }

    final byte[] file;
    final List<Segment> segments;
    /** Offset of the first SOS marker: the start of the opaque tail. */
    final int scanOffset;

    final int width;
    final int height;
    final boolean eoiFound;
    final int extraneousBytes;

    private JpegContainer(
            byte[] file,
            List<Segment> segments,
            int scanOffset,
            int width,
            int height,
            boolean eoiFound,
            int extraneousBytes) {
        this.extraneousBytes = extraneousBytes;
        this.file = file;
        this.segments = segments;
        this.scanOffset = scanOffset;
        this.width = width;
        this.height = height;
        this.eoiFound = eoiFound;
    }

    static JpegContainer parse(byte[] file, MediaLimits limits) throws MediaFormatException {
        limits.checkFile(file);
        if (file.length < 2 || Bytes.u8(file, 0) != 0xFF || Bytes.u8(file, 1) != 0xD8) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT, "not a JPEG file: the SOI marker FF D8 is missing");
        }
        List<Segment> segments = new ArrayList<>();
        int pos = 2;
        int width = -1;
        int height = -1;
        int extraneous = 0;
        while (true) {
            if (pos >= file.length) {
                throw new MediaFormatException(
                        TRUNCATED, "JPEG truncated at byte " + pos + ": the file ends before the first scan (SOS)");
            }
            if (Bytes.u8(file, pos) != 0xFF) {
                // libjpeg skips a few stray bytes between segments and real files have them; a long
                // run means we are not looking at marker segments at all.
                int from = pos;
                while (pos < file.length && Bytes.u8(file, pos) != 0xFF && pos - from < EXTRANEOUS_BYTES_MAX) {
                    pos++;
                }
                extraneous += pos - from;
                if (extraneous >= EXTRANEOUS_BYTES_MAX) {
                    throw new MediaFormatException(
                            CORRUPT,
                            "JPEG expected a marker (FF) at byte " + from + ", found " + Bytes.u8(file, from)
                                    + " and no marker in the next " + EXTRANEOUS_BYTES_MAX + " bytes");
                }
                continue;
            }
            int markerAt = pos;
            while (pos < file.length && Bytes.u8(file, pos) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= file.length) {
                throw new MediaFormatException(TRUNCATED, "JPEG truncated inside a marker at byte " + pos);
            }
            int marker = Bytes.u8(file, pos);
            pos++;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers carry no length
            }
            if (marker == 0xD8 || marker == 0xD9 || marker == 0x00) {
                throw new MediaFormatException(
                        CORRUPT, String.format("JPEG has marker FF %02X at byte %d before any scan", marker, markerAt));
            }
            if (file.length - pos < 2) {
                throw new MediaFormatException(
                        TRUNCATED,
                        String.format("JPEG truncated: segment FF %02X at byte %d has no length", marker, markerAt));
            }
            int length = Bytes.u16be(file, pos);
            if (length < 2) {
                throw new MediaFormatException(
                        CORRUPT,
                        String.format(
                                "JPEG segment FF %02X at byte %d declares an impossible length %d",
                                marker, markerAt, length));
            }
            if (length > file.length - pos) {
                throw new MediaFormatException(
                        TRUNCATED,
                        String.format(
                                "JPEG segment FF %02X at byte %d declares %d bytes but only %d remain",
                                marker, markerAt, length, file.length - pos));
            }
            // Normalise the offset to the last FF before the marker so payloadOffset() is exact.
            Segment seg = new Segment(marker, pos - 2, length);
            if (segments.size() >= SEGMENTS_MAX) {
                throw new MediaFormatException(
                        MediaFormatException.Kind.LIMIT_EXCEEDED,
                        "JPEG has more than " + SEGMENTS_MAX + " header segments");
            }
            segments.add(seg);
            if (isSof(marker)) {
                if (length < 8) {
                    throw new MediaFormatException(
                            CORRUPT, "JPEG frame header (SOF) at byte " + markerAt + " is too short");
                }
                height = Bytes.u16be(file, seg.payloadOffset() + 1);
                width = Bytes.u16be(file, seg.payloadOffset() + 3);
                limits.checkPixels(MediaFormat.JPEG, width, height, "frame header (SOF)");
            }
            pos = seg.end();
            if (marker == 0xDA) {
                if (width < 0) {
                    throw new MediaFormatException(
                            CORRUPT, "JPEG has a scan (SOS) at byte " + markerAt + " before any frame header (SOF)");
                }
                return new JpegContainer(file, segments, seg.offset(), width, height, hasEoi(file, pos), extraneous);
            }
        }
    }

    static boolean isSof(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    /** EOI after the scan; files with trailing data (e.g. MPF previews) still have one. */
    private static boolean hasEoi(byte[] f, int from) {
        for (int i = f.length - 2; i >= from; i--) {
            if (Bytes.u8(f, i) == 0xFF && Bytes.u8(f, i + 1) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    boolean isXmp(Segment s) {
        return s.marker() == 0xE1 && Bytes.startsWith(file, s.payloadOffset(), s.end(), XMP_ID);
    }

    boolean isExif(Segment s) {
        return s.marker() == 0xE1 && Bytes.startsWith(file, s.payloadOffset(), s.end(), EXIF_ID);
    }

    boolean isAigcBlob(Segment s) {
        return s.marker() >= 0xE0
                && s.marker() <= 0xEF
                && Bytes.startsWith(file, s.payloadOffset(), s.end(), AIGC_BLOB_ID);
    }

    Carriers carriers(MediaLimits limits) throws MediaFormatException {
        Carriers c = new Carriers(MediaFormat.JPEG);
        c.width = width;
        c.height = height;
        if (extraneousBytes > 0) {
            c.warnings.add("JPEG has " + extraneousBytes + " stray bytes between header segments");
        }
        if (!eoiFound) {
            c.warnings.add("JPEG has no EOI marker after the scan (truncated image data?)");
        }
        // APP11 JUMBF packets, grouped by box instance and ordered by sequence number.
        Map<Integer, List<int[]>> jumbf = new LinkedHashMap<>();
        for (Segment s : segments) {
            String where = String.format("JPEG APP%d segment at byte %d", s.marker() - 0xE0, s.offset());
            int p = s.payloadOffset();
            if (isXmp(s)) {
                c.xmp.add(new Carriers.Block(
                        "JPEG APP1 XMP segment at byte " + s.offset(),
                        Arrays.copyOfRange(file, p + XMP_ID.length, s.end())));
            } else if (s.marker() == 0xE1 && Bytes.startsWith(file, p, s.end(), XMP_EXT_ID)) {
                c.warnings.add(where + " holds extended XMP (not read: labels live in the main packet)");
            } else if (isExif(s)) {
                c.exif.add(new Carriers.Block(
                        "JPEG APP1 EXIF segment at byte " + s.offset(),
                        Arrays.copyOfRange(file, p + EXIF_ID.length, s.end())));
            } else if (s.marker() == 0xEB && s.payloadLength() >= 16 && file[p] == 'J' && file[p + 1] == 'P') {
                int instance = Bytes.u16be(file, p + 2);
                long seq = Bytes.u32be(file, p + 4);
                jumbf.computeIfAbsent(instance, k -> new ArrayList<>()).add(new int[] {
                    (int) Math.min(seq, Integer.MAX_VALUE), s.offset(), s.end()
                });
            } else if (isAigcBlob(s)) {
                // Some generators write the label as a bare "AIGC{…}" blob in an APP segment.
                c.texts.add(new Carriers.Text(
                        where + " (raw AIGC blob)",
                        AIGC_BLOB_KEYWORD,
                        new String(
                                file,
                                p + AIGC_BLOB_ID.length,
                                s.payloadLength() - AIGC_BLOB_ID.length,
                                StandardCharsets.UTF_8)));
            } else if (s.marker() == 0xFE) {
                c.texts.add(new Carriers.Text(
                        "JPEG COM segment at byte " + s.offset(),
                        "COM",
                        new String(file, p, s.payloadLength(), StandardCharsets.UTF_8)));
            }
        }
        for (Map.Entry<Integer, List<int[]>> e : jumbf.entrySet()) {
            List<int[]> packets = e.getValue();
            packets.sort(Comparator.comparingInt(a -> a[0]));
            String where = "JPEG APP11 JUMBF (box instance " + e.getKey() + ", " + packets.size()
                    + " segment(s) from byte " + packets.get(0)[1] + ")";
            // First packet: CI(2) En(2) Z(4) then the JUMBF box from its LBox. Later packets repeat
            // the box header (LBox+TBox, +XLBox when LBox==1) before continuing the payload.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long total = 0;
            boolean over = false;
            for (int i = 0; i < packets.size(); i++) {
                int from = packets.get(i)[1] + 4 + 8;
                int end = packets.get(i)[2];
                if (i > 0) {
                    int header = end - from >= 4 && Bytes.u32be(file, from) == 1 ? 16 : 8;
                    from = Math.min(end, from + header);
                }
                total += end - from;
                if (total > limits.c2paStoreBytesMax()) {
                    over = true;
                } else {
                    out.write(file, from, end - from);
                }
            }
            c.c2pa.add(new Carriers.Jumbf(where, over ? null : out.toByteArray(), total));
        }
        return c;
    }

    /** One APP segment: marker, 16-bit length, payload (which must fit one segment). */
    static void writeSegment(ByteArrayOutputStream out, int marker, byte[] id, byte[] payload)
            throws MediaFormatException {
        int len = id.length + payload.length;
        if (len > SEGMENT_PAYLOAD_MAX) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.LIMIT_EXCEEDED,
                    "the XMP packet is " + len + " bytes, over the " + SEGMENT_PAYLOAD_MAX
                            + "-byte JPEG APP1 segment (extended XMP writing is not supported)");
        }
        out.write(0xFF);
        out.write(marker);
        Bytes.putU16be(out, len + 2);
        out.writeBytes(id);
        out.writeBytes(payload);
    }
}
