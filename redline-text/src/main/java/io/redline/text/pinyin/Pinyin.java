package io.redline.text.pinyin;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
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

    private static final class Table {
        static final String[] TONED = new String[TO - FROM + 1];
        static final short[] SYLLABLE = new short[TO - FROM + 1];
        static final List<String> SYLLABLES = new ArrayList<>();
        static final Map<String, Integer> IDS = new HashMap<>();

        static {
            java.util.Arrays.fill(SYLLABLE, (short) -1);
            if (!readImage()) {
                readText();
            }
        }

        /** Reads the build step's image of the readings ({@link #image()}); false when absent. */
        private static boolean readImage() {
            try (InputStream in = Pinyin.class.getResourceAsStream(IMAGE)) {
                if (in == null) {
                    return false;
                }
                DataInputStream d = new DataInputStream(new ByteArrayInputStream(in.readAllBytes()));
                String[] readings = new String[d.readInt()];
                short[] syllableOf = new short[readings.length];
                for (int i = 0; i < readings.length; i++) {
                    readings[i] = d.readUTF();
                    syllableOf[i] = (short) syllableId(toneless(readings[i]));
                }
                for (int i = 0; i < TONED.length; i++) {
                    short r = d.readShort();
                    if (r >= 0) {
                        TONED[i] = readings[r];
                        SYLLABLE[i] = syllableOf[r];
                    }
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + IMAGE, e);
            }
        }

        private static int syllableId(String plain) {
            return IDS.computeIfAbsent(plain, s -> {
                SYLLABLES.add(s);
                return SYLLABLES.size() - 1;
            });
        }

        private static void readText() {
            try (InputStream in = Pinyin.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from redline-text");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
                // About 1,400 distinct readings over 20k characters: each reading's string and
                // syllable are made once (NFD per line was most of a one-line screen's start-up).
                Map<String, String> readings = new HashMap<>(4096);
                Map<String, Integer> syllableOf = new HashMap<>(4096);
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    int cp = Integer.parseInt(line, 0, tab, 16);
                    String toned = readings.computeIfAbsent(line.substring(tab + 1), k -> k);
                    TONED[cp - FROM] = toned;
                    SYLLABLE[cp - FROM] = (short) (int) syllableOf.computeIfAbsent(toned, k -> syllableId(toneless(k)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /**
     * The readings as bytes for the build step: the distinct readings (count, then each in
     * modified UTF-8), then for each code point from U+3400 to U+9FFF the index of its reading or -1.
     */
    public static byte[] image() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(64 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Map<String, Integer> index = new HashMap<>();
            List<String> readings = new ArrayList<>();
            for (String t : Table.TONED) {
                if (t != null && index.putIfAbsent(t, readings.size()) == null) {
                    readings.add(t);
                }
            }
            out.writeInt(readings.size());
            for (String r : readings) {
                out.writeUTF(r);
            }
            for (String t : Table.TONED) {
                out.writeShort(t == null ? -1 : index.get(t));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
        return cp >= FROM && cp <= TO && Table.TONED[cp - FROM] != null;
    }

    /** The reading with tone marks ({@code jiā}), or null. */
    public static String toned(int cp) {
        return hasReading(cp) ? Table.TONED[cp - FROM] : null;
    }

    /** The reading without tones ({@code jia}), or null. */
    public static String plain(int cp) {
        return hasReading(cp) ? Table.SYLLABLES.get(Table.SYLLABLE[cp - FROM]) : null;
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
        return hasReading(cp) ? SYLLABLE_BASE + Table.SYLLABLE[cp - FROM] : -1;
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
