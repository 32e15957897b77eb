package io.redline.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Builds test images and metadata blocks in memory, byte by byte where the JDK cannot. */
final class TestFiles {

    private TestFiles() {}

    static final AigcLabel PRODUCED = new AigcLabel("1", "CN-PRODUCER-001", "gen-2025-0001", "sig-abc", "", "", "");

    static BufferedImage picture(int w, int h, boolean alpha, long seed) {
        BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = alpha ? 128 + r.nextInt(128) : 255;
                img.setRGB(x, y, (a << 24) | ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | r.nextInt(256));
            }
        }
        return img;
    }

    static BufferedImage solid(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(int w, int h) {
        return encode(picture(w, h, false, 7), "png");
    }

    static byte[] jpeg(int w, int h) {
        return encode(picture(w, h, false, 7), "jpeg");
    }

    static BufferedImage decode(byte[] file) {
        try {
            return ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] pixels(byte[] file) {
        BufferedImage img = decode(file);
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    // ---------------------------------------------------------------- PNG

    static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngContainer.writeChunk(out, type, data);
        return out.toByteArray();
    }

    static byte[] tEXt(String keyword, String text) {
        return chunk("tEXt", PngContainer.textChunk(keyword, text));
    }

    static byte[] iTXt(String keyword, String text) {
        return chunk("iTXt", PngContainer.itxt(keyword, text));
    }

    /** Inserts raw chunks right after IHDR (signature 8 + IHDR 25 = byte 33). */
    static byte[] pngWith(byte[] png, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    /** Recomputes the CRC of every chunk that still has a plausible length (for fuzzing). */
    static void fixCrcs(byte[] png) {
        int pos = 8;
        while (pos + 12 <= png.length) {
            long len = Bytes.u32be(png, pos);
            if (len > png.length - pos - 12) {
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(png, pos + 4, 4 + (int) len);
            long v = crc.getValue();
            int at = pos + 8 + (int) len;
            png[at] = (byte) (v >>> 24);
            png[at + 1] = (byte) (v >>> 16);
            png[at + 2] = (byte) (v >>> 8);
            png[at + 3] = (byte) v;
            pos = at + 4;
        }
    }

    static byte[] ihdrPng(long w, long h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PngContainer.SIGNATURE);
        byte[] ihdr = new byte[13];
        putU32be(ihdr, 0, w);
        putU32be(ihdr, 4, h);
        ihdr[8] = 8;
        ihdr[9] = 2;
        out.writeBytes(chunk("IHDR", ihdr));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static void putU32be(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    // ---------------------------------------------------------------- JPEG

    /** Inserts a segment right after SOI. */
    static byte[] jpegWith(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >>> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jpegXmp(byte[] jpeg, String packet) {
        return jpegWith(jpeg, 0xE1, concat(JpegContainer.XMP_ID, utf8(packet)));
    }

    static byte[] jpegExif(byte[] jpeg, byte[] tiff) {
        return jpegWith(jpeg, 0xE1, concat(JpegContainer.EXIF_ID, tiff));
    }

    // ---------------------------------------------------------------- WebP

    /**
     * A valid 1x1 lossless WebP bitstream, written bit by bit: VP8L header, no transforms, no
     * colour cache, no meta prefix codes, five "simple" prefix codes of one 8-bit symbol each
     * (so the single pixel costs zero bits).
     */
    static byte[] vp8l1x1() {
        BitWriter w = new BitWriter();
        w.bits(0x2F, 8);
        w.bits(0, 14); // width - 1
        w.bits(0, 14); // height - 1
        w.bits(0, 1); // alpha hint
        w.bits(0, 3); // version
        w.bits(0, 1); // no transform
        w.bits(0, 1); // no colour cache
        w.bits(0, 1); // no meta prefix codes
        for (int symbol : new int[] {0x80, 0x40, 0x20, 0xFF, 0}) {
            w.bits(1, 1); // simple code
            w.bits(0, 1); // one symbol
            w.bits(1, 1); // 8-bit symbol
            w.bits(symbol, 8);
        }
        return w.bytes();
    }

    static byte[] riff(byte[]... chunks) {
        byte[] body = concat(chunks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        Bytes.putU32le(out, body.length + 4);
        out.writeBytes(ascii("WEBP"));
        out.writeBytes(body);
        return out.toByteArray();
    }

    static byte[] webpChunk(String fourcc, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WebpContainer.writeChunk(out, fourcc, data);
        return out.toByteArray();
    }

    static byte[] webpLossless() {
        return riff(webpChunk("VP8L", vp8l1x1()));
    }

    /** A lossy key-frame header for 64x48 followed by filler (container tests only). */
    static byte[] webpLossyHeaderOnly() {
        byte[] vp8 = new byte[40];
        vp8[0] = 0x10; // key frame, version 0, show frame
        vp8[3] = (byte) 0x9D;
        vp8[4] = 0x01;
        vp8[5] = 0x2A;
        vp8[6] = 64;
        vp8[8] = 48;
        return riff(webpChunk("VP8 ", vp8));
    }

    static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        void bits(long value, int count) {
            acc |= (value & ((1L << count) - 1)) << n;
            n += count;
            while (n >= 8) {
                out.write((int) (acc & 0xFF));
                acc >>>= 8;
                n -= 8;
            }
        }

        byte[] bytes() {
            if (n > 0) {
                out.write((int) (acc & 0xFF));
                acc = 0;
                n = 0;
            }
            return out.toByteArray();
        }
    }

    // ---------------------------------------------------------------- XMP

    static String xmpAttribute(String json) {
        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\""
                + " TC260:AIGC=\"" + json.replace("&", "&amp;").replace("\"", "&quot;") + "\"/>"
                + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";
    }

    static String xmpWithOtherFields(String extra) {
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
                + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                + " xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\">"
                + "<dc:creator><rdf:Seq><rdf:li>Jane Blogger</rdf:li></rdf:Seq></dc:creator>"
                + extra
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    }

    static final String BILLION_LAUGHS = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
            + " <!ENTITY lol \"lol\">\n"
            + " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
            + " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
            + " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
            + " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
            + " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
            + " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
            + " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
            + " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
            + " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
            + "]>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">&lol9;</x:xmpmeta>";

    static final String EXTERNAL_ENTITY = "<?xml version=\"1.0\"?>\n"
            + "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
            + "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\">"
            + "<TC260:AIGC>&xxe;</TC260:AIGC></rdf:Description></rdf:RDF></x:xmpmeta>";

    // ---------------------------------------------------------------- EXIF (TIFF)

    /**
     * A little-endian TIFF with IFD0 {Software, ExifIFD pointer} and an Exif IFD {UserComment}.
     * Either value may be null to leave it out.
     */
    static byte[] tiff(String software, byte[] userComment) {
        return tiff(software, null, userComment);
    }

    static byte[] tiff(String software, String description, byte[] userComment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] sw = software == null ? null : concat(utf8(software), new byte[] {0});
        byte[] desc = description == null ? null : concat(utf8(description), new byte[] {0});
        int ifd0Entries = 1 + (sw == null ? 0 : 1) + (desc == null ? 0 : 1);
        int ifd0 = 8;
        int exifIfd = ifd0 + 2 + 12 * ifd0Entries + 4;
        int exifEntries = userComment == null ? 0 : 1;
        int data = exifIfd + 2 + 12 * exifEntries + 4;
        out.writeBytes(ascii("II"));
        le16(out, 42);
        Bytes.putU32le(out, ifd0);
        le16(out, ifd0Entries);
        int descAt = data;
        int swAt = descAt + (desc == null ? 0 : desc.length);
        int ucAt = swAt + (sw == null ? 0 : sw.length);
        if (desc != null) {
            entry(out, 0x010E, 2, desc.length, descAt);
        }
        if (sw != null) {
            entry(out, 0x0131, 2, sw.length, swAt);
        }
        entry(out, 0x8769, 4, 1, exifIfd);
        Bytes.putU32le(out, 0);
        le16(out, exifEntries);
        if (userComment != null) {
            entry(out, 0x9286, 7, userComment.length, ucAt);
        }
        Bytes.putU32le(out, 0);
        if (desc != null) {
            out.writeBytes(desc);
        }
        if (sw != null) {
            out.writeBytes(sw);
        }
        if (userComment != null) {
            out.writeBytes(userComment);
        }
        return out.toByteArray();
    }

    static byte[] userCommentAscii(String s) {
        return concat(ascii("ASCII\0\0\0"), utf8(s));
    }

    static byte[] userCommentUnicodeBe(String s) {
        return concat(ascii("UNICODE\0"), s.getBytes(StandardCharsets.UTF_16BE));
    }

    private static void entry(ByteArrayOutputStream out, int tag, int type, long count, long v) {
        le16(out, tag);
        le16(out, type);
        Bytes.putU32le(out, count);
        Bytes.putU32le(out, v);
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
    }

    // ---------------------------------------------------------------- C2PA (JUMBF + CBOR)

    static byte[] box(String type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Bytes.putU32be(out, 8 + payload.length);
        out.writeBytes(ascii(type));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] superbox(String label, byte[]... children) {
        byte[] jumd = box("jumd", concat(new byte[16], new byte[] {0x03}, utf8(label), new byte[] {0}));
        return box("jumb", concat(jumd, concat(children)));
    }

    static byte[] c2paStore(String claimGenerator, String digitalSourceType, String trainingLabel, String use) {
        List<byte[]> assertions = new ArrayList<>();
        if (digitalSourceType != null) {
            assertions.add(superbox(
                    "c2pa.actions",
                    box(
                            "cbor",
                            cbor(Map.of(
                                    "actions",
                                    List.of(Map.of(
                                            "action", "c2pa.created", "digitalSourceType", digitalSourceType)))))));
        }
        if (trainingLabel != null) {
            assertions.add(superbox(
                    trainingLabel,
                    box("cbor", cbor(Map.of("entries", Map.of("cawg.ai_generative_training", Map.of("use", use)))))));
        }
        byte[] claim = superbox(
                "c2pa.claim", box("cbor", cbor(Map.of("claim_generator", claimGenerator, "dc:format", "image/png"))));
        return superbox(
                "c2pa",
                superbox(
                        "urn:uuid:0b6c8a2e-0000-4000-8000-000000000001",
                        superbox("c2pa.assertions", assertions.toArray(byte[][]::new)),
                        claim,
                        superbox("c2pa.signature", box("cbor", cbor(List.of())))));
    }

    /** Splits a JUMBF store over APP11 segments the way C2PA does for JPEG. */
    static byte[] jpegWithJumbf(byte[] jpeg, byte[] store, int parts) {
        int chunk = (store.length - 8 + parts - 1) / parts;
        byte[] result = jpeg;
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            int from = 8 + i * chunk;
            int to = Math.min(store.length, from + chunk);
            byte[] header = {'J', 'P', 0, 1, 0, 0, 0, (byte) (i + 1)};
            byte[] body = i == 0
                    ? java.util.Arrays.copyOfRange(store, 0, to)
                    : concat(java.util.Arrays.copyOfRange(store, 0, 8), java.util.Arrays.copyOfRange(store, from, to));
            payloads.add(concat(header, body));
        }
        for (int i = payloads.size() - 1; i >= 0; i--) {
            result = jpegWith(result, 0xEB, payloads.get(i));
        }
        return result;
    }

    static byte[] cbor(Object o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cbor(out, o);
        return out.toByteArray();
    }

    private static void cbor(ByteArrayOutputStream out, Object o) {
        if (o instanceof String s) {
            byte[] b = utf8(s);
            head(out, 3, b.length);
            out.writeBytes(b);
        } else if (o instanceof Long || o instanceof Integer) {
            head(out, 0, ((Number) o).longValue());
        } else if (o instanceof List<?> l) {
            head(out, 4, l.size());
            l.forEach(x -> cbor(out, x));
        } else if (o instanceof Map<?, ?> m) {
            head(out, 5, m.size());
            new java.util.TreeMap<Object, Object>(m).forEach((k, v) -> { // Map.of order is random
                cbor(out, k);
                cbor(out, v);
            });
        } else {
            throw new IllegalArgumentException(String.valueOf(o));
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long n) {
        if (n < 24) {
            out.write((major << 5) | (int) n);
        } else if (n < 256) {
            out.write((major << 5) | 24);
            out.write((int) n);
        } else if (n < 65536) {
            out.write((major << 5) | 25);
            out.write((int) (n >>> 8));
            out.write((int) n);
        } else {
            out.write((major << 5) | 26);
            Bytes.putU32be(out, n);
        }
    }
}
