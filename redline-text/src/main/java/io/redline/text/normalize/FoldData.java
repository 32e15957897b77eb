package io.redline.text.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The folding stages' data, read from {@code fold-data.txt}, a resource generated at build time
 * from ICU4J and our curated look-alike list ({@code TextDataGenerator} in the tests, which also
 * checks the checked-in file is what ICU gives today).
 *
 * <p>Why a generated file: computing these per code point with ICU (transliterators over every
 * ideograph, NFKC over 128k code points) took seconds of every process start; reading the result
 * takes milliseconds, and the engine needs no ICU at run time.
 */
final class FoldData {
    static final String RESOURCE = "fold-data.txt";

    final Map<Integer, String> widthCase = new HashMap<>(16384);
    final Map<Integer, String> traditional = new HashMap<>(8192);
    final Map<Integer, String> lookalike = new HashMap<>(2048);
    final BitSet invisible = new BitSet(Character.MAX_CODE_POINT + 1);
    final BitSet noise = new BitSet(Character.MAX_CODE_POINT + 1);
    final BitSet currency = new BitSet(0x20000);

    private static final class Holder {
        static final FoldData DATA = load();
    }

    private FoldData() {}

    static FoldData get() {
        return Holder.DATA;
    }

    private static FoldData load() {
        FoldData d = new FoldData();
        try (InputStream in = FoldData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from redline-text");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.charAt(0) == '#') {
                    continue;
                }
                int tab1 = line.indexOf('\t', 2);
                int a = Integer.parseInt(line, 2, tab1, 16);
                String rest = line.substring(tab1 + 1);
                switch (line.charAt(0)) {
                    case 'W' -> d.widthCase.put(a, codePoints(rest));
                    case 'T' -> d.traditional.put(a, codePoints(rest));
                    case 'L' -> d.lookalike.put(a, codePoints(rest));
                    case 'I' -> d.invisible.set(a, Integer.parseInt(rest, 16) + 1);
                    case 'N' -> d.noise.set(a, Integer.parseInt(rest, 16) + 1);
                    case 'C' -> d.currency.set(a, Integer.parseInt(rest, 16) + 1);
                    default -> throw new IllegalStateException(RESOURCE + ": unknown line kind in '" + line + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return d;
    }

    private static String codePoints(String hexList) {
        StringBuilder sb = new StringBuilder(4);
        int i = 0;
        while (i < hexList.length()) {
            int space = hexList.indexOf(' ', i);
            int end = space < 0 ? hexList.length() : space;
            sb.appendCodePoint(Integer.parseInt(hexList, i, end, 16));
            i = end + 1;
        }
        return sb.toString();
    }

    /** Applies a per-code-point mapping to each code point of s. */
    static String apply(Map<Integer, String> mapping, String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            String m = mapping.get(cp);
            if (m == null) {
                out.appendCodePoint(cp);
            } else {
                out.append(m);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
