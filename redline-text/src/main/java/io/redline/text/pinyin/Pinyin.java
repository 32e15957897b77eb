package io.redline.text.pinyin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Han → pinyin, one reading per character (ICU's {@code Han-Latin}, which picks the most common
 * reading), for the CJK unified ideographs. The readings are generated at build time into the
 * resource {@code pinyin.txt} ({@code TextDataGenerator} in the tests) and read on first use
 * (milliseconds, once per process; screeners whose lexicon never asks for pinyin never read it).
 *
 * <p>Also numbers the distinct toneless syllables, so homophones can be matched as a sequence
 * of syllable codes: every character read {@code wei} becomes the same code.
 */
public final class Pinyin {
    /** First code point of the syllable codes used by the phonetic pass (private use area). */
    public static final int SYLLABLE_BASE = 0xE000;

    private static final int FROM = 0x3400;
    private static final int TO = 0x9FFF;
    private static final String RESOURCE = "pinyin.txt";
    /** The same readings as {@link #RESOURCE}, as the build step's binary image ({@code TableImages}). */
    public static final String IMAGE = "pinyin-readings.bin";

    private static final String POLYPHONES = "polyphones.tsv";

    private Pinyin() {}

    /**
     * The readings: per code point the index of its toned reading, per reading its syllable. From
     * the build step's image the readings stay UTF-8 bytes until asked for: a one-line screen
     * needs a handful of the ~1,400, and making them all (a string and a normalisation each, then
     * a loop over 27k code points, all in the interpreter) was 25–40 ms of its start-up.
     */
    private static final class Table {
        /** Per code point from FROM to TO: the index of its reading, or -1. */
        static final short[] READING_OF;
        /** Per reading: its syllable number. */
        static final short[] SYLLABLE_OF;
        /** Per reading: its string, made on first use from {@link #READING_BYTES} when read from the image. */
        static final String[] READINGS;
        /** The image's block of readings (UTF-8) and where each starts (one more entry: the end); null from text. */
        static final byte[] READING_BYTES;

        static final int[] READING_START;
        static final List<String> SYLLABLES = new ArrayList<>();
        static final Map<String, Integer> IDS = new HashMap<>();

        static {
            byte[] image = imageBytes();
            if (image != null) {
                ByteBuffer b = ByteBuffer.wrap(image);
                if (b.getInt() != IMAGE_MAGIC) {
                    throw new IllegalStateException(IMAGE + " is not an image of pinyin readings");
                }
                int syllables = b.getInt();
                int readings = b.getInt();
                int syllableBytes = b.getInt();
                String text = new String(image, b.position(), syllableBytes, StandardCharsets.UTF_8);
                b.position(b.position() + syllableBytes);
                for (int i = 0, at = 0; i < syllables; i++) {
                    int end = text.indexOf('\n', at);
                    syllableId(text.substring(at, end));
                    at = end + 1;
                }
                READING_START = new int[readings + 1];
                b.asIntBuffer().get(READING_START);
                b.position(b.position() + 4 * READING_START.length);
                READING_BYTES = new byte[READING_START[readings]];
                b.get(READING_BYTES);
                SYLLABLE_OF = new short[readings];
                b.asShortBuffer().get(SYLLABLE_OF);
                b.position(b.position() + 2 * readings);
                READING_OF = new short[TO - FROM + 1];
                b.asShortBuffer().get(READING_OF);
                READINGS = new String[readings];
            } else {
                READING_BYTES = null;
                READING_START = null;
                READING_OF = new short[TO - FROM + 1];
                java.util.Arrays.fill(READING_OF, (short) -1);
                List<String> readings = new ArrayList<>();
                List<Short> syllableOf = new ArrayList<>();
                readText(readings, syllableOf);
                READINGS = readings.toArray(String[]::new);
                SYLLABLE_OF = new short[READINGS.length];
                for (int i = 0; i < SYLLABLE_OF.length; i++) {
                    SYLLABLE_OF[i] = syllableOf.get(i);
                }
            }
        }

        /** The toned reading number r (a race makes the same string twice, harmlessly). */
        static String reading(int r) {
            String s = READINGS[r];
            if (s == null) {
                s = new String(
                        READING_BYTES,
                        READING_START[r],
                        READING_START[r + 1] - READING_START[r],
                        StandardCharsets.UTF_8);
                READINGS[r] = s;
            }
            return s;
        }

        /** The build step's image ({@link #image()}), or null when absent. */
        private static byte[] imageBytes() {
            try (InputStream in = Pinyin.class.getResourceAsStream(IMAGE)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + IMAGE, e);
            }
        }

        private static int syllableId(String plain) {
            Integer id = IDS.get(plain);
            if (id == null) {
                id = SYLLABLES.size();
                SYLLABLES.add(plain);
                IDS.put(plain, id);
            }
            return id;
        }

        private static void readText(List<String> readingList, List<Short> syllableOf) {
            try (InputStream in = Pinyin.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from redline-text");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                // About 1,400 distinct readings over 20k characters: each reading's string and
                // syllable are made once (NFD per line was most of a one-line screen's start-up).
                Map<String, Integer> readings = new HashMap<>(4096);
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    int cp = Integer.parseInt(line, 0, tab, 16);
                    String toned = line.substring(tab + 1);
                    Integer index = readings.get(toned);
                    if (index == null) {
                        index = readingList.size();
                        readings.put(toned, index);
                        readingList.add(toned);
                        syllableOf.add((short) syllableId(toneless(toned)));
                    }
                    READING_OF[cp - FROM] = (short) (int) index;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    private static final int IMAGE_MAGIC = 0x52445033; // "RDP3"

    /**
     * The readings as bytes for the build step: magic; the counts of syllables and of readings;
     * the length and UTF-8 bytes of every toneless syllable in syllable-number order, each ended by
     * a newline; where each reading starts in the block of readings (one more entry: its end); that
     * block (UTF-8); per reading its syllable number; per code point from U+3400 to U+9FFF the index
     * of its reading or -1 (shorts).
     */
    public static byte[] image() {
        StringBuilder syllables = new StringBuilder();
        for (String s : Table.SYLLABLES) {
            syllables.append(s).append('\n');
        }
        byte[] syllableBytes = syllables.toString().getBytes(StandardCharsets.UTF_8);
        int n = Table.READINGS.length;
        java.io.ByteArrayOutputStream readingBytes = new java.io.ByteArrayOutputStream();
        int[] start = new int[n + 1];
        for (int r = 0; r < n; r++) {
            start[r] = readingBytes.size();
            readingBytes.writeBytes(Table.reading(r).getBytes(StandardCharsets.UTF_8));
        }
        start[n] = readingBytes.size();
        ByteBuffer b = ByteBuffer.allocate(
                16 + syllableBytes.length + 4 * (n + 1) + start[n] + 2 * n + 2 * Table.READING_OF.length);
        b.putInt(IMAGE_MAGIC).putInt(Table.SYLLABLES.size()).putInt(n).putInt(syllableBytes.length);
        b.put(syllableBytes);
        for (int s : start) {
            b.putInt(s);
        }
        b.put(readingBytes.toByteArray());
        for (short s : Table.SYLLABLE_OF) {
            b.putShort(s);
        }
        for (short r : Table.READING_OF) {
            b.putShort(r);
        }
        return b.array();
    }

    /** Further readings of polyphonic characters ({@code polyphones.tsv}), read on first use. */
    private static final class Polyphones {
        static final Map<Integer, List<String>> READINGS = new HashMap<>();

        static {
            try (InputStream in = Pinyin.class.getResourceAsStream(POLYPHONES)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + POLYPHONES + " is missing from redline-text");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    int cp = line.codePointAt(0);
                    List<String> all = new ArrayList<>();
                    String primary = plain(cp);
                    if (primary == null) {
                        throw new IllegalStateException(POLYPHONES + ": " + line.substring(0, tab) + " has no reading");
                    }
                    all.add(primary);
                    for (String reading : line.substring(tab + 1).trim().split(" +")) {
                        if (syllableCode(reading) < 0) {
                            throw new IllegalStateException(POLYPHONES + ": '" + reading + "' is not a syllable");
                        }
                        if (!all.contains(reading)) {
                            all.add(reading);
                        }
                    }
                    READINGS.put(cp, List.copyOf(all));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + POLYPHONES, e);
            }
        }
    }

    /**
     * Every toneless reading of cp, the most common first ({@code 行}: xing, hang); one for most
     * characters, none for characters without a reading.
     */
    public static List<String> readings(int cp) {
        String primary = plain(cp);
        if (primary == null) {
            return List.of();
        }
        List<String> all = Polyphones.READINGS.get(cp);
        return all != null ? all : List.of(primary);
    }

    /** True for code points that have a reading. */
    public static boolean hasReading(int cp) {
        return cp >= FROM && cp <= TO && Table.READING_OF[cp - FROM] >= 0;
    }

    /** The reading with tone marks ({@code jiā}), or null. */
    public static String toned(int cp) {
        return hasReading(cp) ? Table.reading(Table.READING_OF[cp - FROM]) : null;
    }

    /** The reading without tones ({@code jia}), or null. */
    public static String plain(int cp) {
        return hasReading(cp) ? Table.SYLLABLES.get(Table.SYLLABLE_OF[Table.READING_OF[cp - FROM]]) : null;
    }

    /** The reading with a tone number ({@code jia1}; 5 for the neutral tone), or null. */
    public static String numbered(int cp) {
        String toned = toned(cp);
        if (toned == null) {
            return null;
        }
        String d = Normalizer.normalize(toned, Normalizer.Form.NFD);
        int tone = d.indexOf('\u0304') >= 0
                ? 1
                : d.indexOf('\u0301') >= 0 ? 2 : d.indexOf('\u030C') >= 0 ? 3 : d.indexOf('\u0300') >= 0 ? 4 : 5;
        return plain(cp) + tone;
    }

    /** The syllable code of cp ({@link #SYLLABLE_BASE} + syllable number), or -1. */
    public static int syllableCode(int cp) {
        return hasReading(cp) ? SYLLABLE_BASE + Table.SYLLABLE_OF[Table.READING_OF[cp - FROM]] : -1;
    }

    /** The syllable code of a toneless syllable such as {@code jia}, or -1. */
    public static int syllableCode(String plainSyllable) {
        Integer id = Table.IDS.get(plainSyllable);
        return id == null ? -1 : SYLLABLE_BASE + id;
    }

    /** Number of distinct toneless syllables. */
    public static int syllableCount() {
        return Table.SYLLABLES.size();
    }

    static String toneless(String toned) {
        StringBuilder out = new StringBuilder(toned.length());
        String d = Normalizer.normalize(toned, Normalizer.Form.NFD);
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c < 0x300 || c > 0x36F) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }
}
