package io.redline.text.pinyin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pinyin spellings of a normalised term, for terms that opt in. Each variant is a string of
 * already-normalised characters (lower-case Latin letters and the term's non-Han characters), so
 * it can be compiled like a term. Spaces between syllables need no variant: spaces are noise.
 */
public final class Variants {
    /** Terms with more Han characters than this get only the all-pinyin spellings, not the mixed ones. */
    static final int MIXED_MAX_HAN = 4;
    /** Longer terms get no pinyin variants at all (bounded pattern count). */
    static final int PINYIN_MAX_HAN = 16;

    private Variants() {}

    /**
     * Spellings per term kept at most (each is a compiled pattern): a term of polyphonic characters
     * has a spelling per combination of readings, which grows as the product of their counts.
     */
    static final int SPELLINGS_MAX = 64;

    /**
     * Full pinyin ({@code jiaweixin}) in every combination of the characters' readings (a
     * polyphonic character such as {@code 行} is spelled both {@code xing} and {@code hang}), with
     * tone numbers for the most common readings ({@code jia1wei1xin4}) and, for short terms, every
     * mix of characters and syllables ({@code jia微信}, {@code 加wei信}, …). At most
     * {@link #SPELLINGS_MAX} of each kind, most common readings first. Tone marks ({@code jiā}) need
     * no variant: look-alike folding strips them from the text.
     */
    public static List<String> pinyin(int[] term) {
        int han = countHan(term);
        if (han == 0 || han > PINYIN_MAX_HAN) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>(spellings(term, false));
        out.add(spell(term, true));
        if (han <= MIXED_MAX_HAN) {
            out.addAll(spellings(term, true));
        }
        out.remove(new String(term, 0, term.length));
        return new ArrayList<>(out);
    }

    /**
     * The term with each Han character replaced by each of its readings (and, when {@code keepHan},
     * also left as it is), in order of the combinations, the most common readings first.
     */
    private static List<String> spellings(int[] term, boolean keepHan) {
        List<List<String>> choices = new ArrayList<>(term.length);
        for (int cp : term) {
            List<String> readings = Pinyin.readings(cp);
            if (readings.isEmpty()) {
                choices.add(List.of(new String(Character.toChars(cp))));
            } else if (keepHan) {
                List<String> c = new ArrayList<>(readings.size() + 1);
                c.add(new String(Character.toChars(cp)));
                c.addAll(readings);
                choices.add(c);
            } else {
                choices.add(readings);
            }
        }
        List<String> out = new ArrayList<>();
        combine(choices, 0, new StringBuilder(), out);
        return out;
    }

    private static void combine(List<List<String>> choices, int i, StringBuilder prefix, List<String> out) {
        if (out.size() >= SPELLINGS_MAX) {
            return;
        }
        if (i == choices.size()) {
            out.add(prefix.toString());
            return;
        }
        int length = prefix.length();
        for (String c : choices.get(i)) {
            prefix.append(c);
            combine(choices, i + 1, prefix, out);
            prefix.setLength(length);
        }
    }

    /** Initials ({@code jwx}), one per combination of the readings' first letters; only for terms of two or more Han characters. */
    public static List<String> initials(int[] term) {
        if (countHan(term) < 2) {
            return List.of();
        }
        List<List<String>> choices = new ArrayList<>(term.length);
        for (int cp : term) {
            List<String> readings = Pinyin.readings(cp);
            if (readings.isEmpty()) {
                choices.add(List.of(new String(Character.toChars(cp))));
            } else {
                Set<String> first = new LinkedHashSet<>();
                readings.forEach(r -> first.add(r.substring(0, 1)));
                choices.add(new ArrayList<>(first));
            }
        }
        List<String> out = new ArrayList<>();
        combine(choices, 0, new StringBuilder(), out);
        return out;
    }

    /**
     * The term as syllable codes (Han characters replaced), once per combination of readings, for
     * the homophone pass; empty when the term has no Han.
     */
    public static List<int[]> phonetic(int[] term) {
        if (countHan(term) == 0) {
            return List.of();
        }
        List<int[]> out = new ArrayList<>();
        phonetic(term, 0, new int[term.length], out);
        return out;
    }

    private static void phonetic(int[] term, int i, int[] codes, List<int[]> out) {
        if (out.size() >= SPELLINGS_MAX) {
            return;
        }
        if (i == term.length) {
            out.add(codes.clone());
            return;
        }
        List<String> readings = Pinyin.readings(term[i]);
        if (readings.isEmpty()) {
            codes[i] = term[i];
            phonetic(term, i + 1, codes, out);
            return;
        }
        for (String r : readings) {
            codes[i] = Pinyin.syllableCode(r);
            phonetic(term, i + 1, codes, out);
        }
    }

    private static String spell(int[] term, boolean tones) {
        StringBuilder sb = new StringBuilder();
        for (int cp : term) {
            String p = tones ? Pinyin.numbered(cp) : Pinyin.plain(cp);
            if (p != null) {
                sb.append(p);
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static int countHan(int[] term) {
        int n = 0;
        for (int cp : term) {
            if (Pinyin.hasReading(cp)) {
                n++;
            }
        }
        return n;
    }
}
