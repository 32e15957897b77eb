package io.redline.bench.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The labelled evaluation set: TSV {@code expected_categories<TAB>family<TAB>text}, where
 * expected categories is a comma list (empty for a negative) and {@code #} starts a comment.
 * The family column names the evasion or hard-negative kind (see {@link Family}).
 */
public final class EvalSet {

    public static final String RESOURCE = "/eval/text-eval.tsv";

    private EvalSet() {}

    public static List<EvalLine> load() {
        InputStream in = EvalSet.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<EvalLine> parse(Reader reader) throws IOException {
        List<EvalLine> lines = new ArrayList<>();
        BufferedReader buffered = new BufferedReader(reader);
        int number = 0;
        for (String raw = buffered.readLine(); raw != null; raw = buffered.readLine()) {
            number++;
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            String[] columns = raw.split("\t", -1);
            if (columns.length != 3) {
                throw new IllegalArgumentException("line " + number + ": expected 3 tab-separated columns"
                        + " (expected_categories, family, text), got " + columns.length);
            }
            Set<String> expected = new LinkedHashSet<>();
            Arrays.stream(columns[0].split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .forEach(expected::add);
            Family family;
            try {
                family = Family.fromLabel(columns[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": unknown family '" + columns[1] + "'", e);
            }
            lines.add(new EvalLine(number, expected, family, unescape(columns[2])));
        }
        return lines;
    }

    /**
     * Invisible characters are the point of some lines, so the file spells them as {@code \}{@code uXXXX}
     * escapes to stay reviewable; everything else is literal.
     */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 5 < text.length() && text.charAt(i + 1) == 'u') {
                sb.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean invisible = Character.getType(c) == Character.FORMAT
                    || c == '\u00AD'
                    || (c >= '\uFE00' && c <= '\uFE0F' && (i == 0 || !isEmojiBase(text.charAt(i - 1))));
            if (invisible || c == '\\' || c == '\t') {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isEmojiBase(char previous) {
        // A variation selector right after an emoji is part of how emoji are written, not noise.
        return Character.isSurrogate(previous) || (previous >= '\u2600' && previous <= '\u27BF');
    }
}
