package io.redline.media;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The EXIF (TIFF) fields that can carry labels or generator names: IFD0 Software and
 * ImageDescription, Exif-IFD UserComment. A malformed block yields an {@link Malformed} the
 * inspector turns into a warning: broken EXIF is common in real uploads and says nothing about
 * AI, so it never makes a file unreadable.
 *
 * @param software IFD0 tag 0x0131, or null
 * @param imageDescription IFD0 tag 0x010E, or null
 * @param userComment Exif IFD tag 0x9286 decoded per its 8-byte character code, or null
 * @param make IFD0 tag 0x010F, or null (ComfyUI's WebP writer puts "workflow:{…}" here)
 * @param model IFD0 tag 0x0110, or null (ComfyUI's WebP writer puts "prompt:{…}" here)
 */
record ExifFacts(String software, String imageDescription, String userComment, String make, String model) {

    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** IFDs in practice hold tens of entries; bound the loop so a lying count costs nothing. */
    static final int ENTRIES_MAX = 1000;

    static ExifFacts read(byte[] tiff) throws Malformed {
        if (tiff.length < 8) {
            throw new Malformed("EXIF block is shorter than a TIFF header");
        }
        boolean le;
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            le = true;
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            le = false;
        } else {
            throw new Malformed("EXIF block lacks the II/MM byte-order mark");
        }
        Reader r = new Reader(tiff, le);
        if (r.u16(2) != 42) {
            throw new Malformed("EXIF block lacks the TIFF magic number 42");
        }
        long ifd0 = r.u32(4);
        String[] out = new String[5];
        Set<Long> seen = new HashSet<>();
        long exifIfd = readIfd(r, ifd0, out, seen, true);
        if (exifIfd > 0) {
            readIfd(r, exifIfd, out, seen, false);
        }
        return new ExifFacts(out[0], out[1], out[2], out[3], out[4]);
    }

    /** Reads one IFD into {@code out}; returns the Exif sub-IFD offset found in IFD0, or 0. */
    private static long readIfd(Reader r, long offset, String[] out, Set<Long> seen, boolean ifd0) throws Malformed {
        if (!seen.add(offset)) {
            throw new Malformed("EXIF IFD at " + offset + " is referenced twice (loop)");
        }
        if (offset < 8 || offset + 2 > r.b.length) {
            throw new Malformed("EXIF IFD offset " + offset + " is outside the block");
        }
        int count = r.u16((int) offset);
        if (count > ENTRIES_MAX) {
            throw new Malformed("EXIF IFD declares " + count + " entries (over " + ENTRIES_MAX + ")");
        }
        if (offset + 2 + 12L * count > r.b.length) {
            throw new Malformed("EXIF IFD at " + offset + " declares more entries than fit the block");
        }
        long sub = 0;
        for (int i = 0; i < count; i++) {
            int e = (int) offset + 2 + 12 * i;
            int tag = r.u16(e);
            int type = r.u16(e + 2);
            long n = r.u32(e + 4);
            if (ifd0 && tag == 0x8769) {
                sub = r.u32(e + 8);
            } else if (ifd0 && (tag == 0x0131 || tag == 0x010E || tag == 0x010F || tag == 0x0110) && type == 2) {
                byte[] v = value(r, e, n);
                int slot = switch (tag) {
                    case 0x0131 -> 0;
                    case 0x010E -> 1;
                    case 0x010F -> 3;
                    default -> 4;
                };
                out[slot] = trim(new String(v, StandardCharsets.UTF_8));
            } else if (!ifd0 && tag == 0x9286) {
                out[2] = userComment(value(r, e, n), r.le);
            }
        }
        return sub;
    }

    /** The value bytes of an ASCII/UNDEFINED entry: inline when 4 bytes or fewer. */
    private static byte[] value(Reader r, int entry, long n) throws Malformed {
        if (n <= 4) {
            return java.util.Arrays.copyOfRange(r.b, entry + 8, entry + 8 + (int) n);
        }
        long off = r.u32(entry + 8);
        if (off + n > r.b.length) {
            throw new Malformed("EXIF value at " + off + " (" + n + " bytes) is outside the block");
        }
        return java.util.Arrays.copyOfRange(r.b, (int) off, (int) (off + n));
    }

    /**
     * UserComment starts with an 8-byte character code. "UNICODE" is UTF-16 in an order writers
     * disagree on, so we pick the order whose high bytes are mostly zero (text is mostly ASCII).
     */
    static String userComment(byte[] v, boolean tiffLe) {
        if (v.length < 8) {
            return trim(new String(v, StandardCharsets.UTF_8));
        }
        String code = new String(v, 0, 8, StandardCharsets.ISO_8859_1);
        byte[] body = java.util.Arrays.copyOfRange(v, 8, v.length);
        Charset cs;
        if (code.startsWith("UNICODE")) {
            int zeroEven = 0;
            int zeroOdd = 0;
            for (int i = 0; i + 1 < body.length; i += 2) {
                zeroEven += body[i] == 0 ? 1 : 0;
                zeroOdd += body[i + 1] == 0 ? 1 : 0;
            }
            cs = zeroEven > zeroOdd
                    ? StandardCharsets.UTF_16BE
                    : zeroOdd > zeroEven
                            ? StandardCharsets.UTF_16LE
                            : tiffLe ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
        } else if (code.startsWith("ASCII") || code.equals("\0\0\0\0\0\0\0\0")) {
            cs = StandardCharsets.UTF_8; // many writers put UTF-8 under the ASCII code
        } else if (code.startsWith("JIS")) {
            cs = Charset.forName("ISO-2022-JP");
        } else {
            return trim(new String(v, StandardCharsets.UTF_8)); // no code: the whole value is text
        }
        return trim(new String(body, cs));
    }

    private static String trim(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 0 || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(0, end).strip();
    }

    private record Reader(byte[] b, boolean le) {
        int u16(int i) throws Malformed {
            check(i, 2);
            return le ? Bytes.u16le(b, i) : Bytes.u16be(b, i);
        }

        long u32(int i) throws Malformed {
            check(i, 4);
            return le ? Bytes.u32le(b, i) : Bytes.u32be(b, i);
        }

        private void check(int i, int n) throws Malformed {
            if (i < 0 || i + n > b.length) {
                throw new Malformed("EXIF read at " + i + " runs past the block");
            }
        }
    }
}
