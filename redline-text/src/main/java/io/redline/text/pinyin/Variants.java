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
     * Full pinyin ({@code jiaweixin}), with tone numbers ({@code jia1wei1xin4}) and, for short
     * terms, every mix of characters and syllables ({@code jia微信}, {@code 加wei信}, …).
     * Tone marks ({@code jiā}) need no variant: look-alike folding strips them from the text.
     */
    public static List<String> pinyin(int[] term) {
        int han = countHan(term);
        if (han == 0 || han > PINYIN_MAX_HAN) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(spell(term, false));
        out.add(spell(term, true));
        if (han <= MIXED_MAX_HAN) {
            int[] hanAt = new int[han];
            for (int i = 0, h = 0; i < term.length; i++) {
                if (Pinyin.hasReading(term[i])) {
                    hanAt[h++] = i;
                }
            }
            for (int mask = 1; mask < (1 << han) - 1; mask++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0, h = 0; i < term.length; i++) {
                    if (h < han && hanAt[h] == i) {
                        if ((mask & (1 << h)) != 0) {
                            sb.append(Pinyin.plain(term[i]));
                        } else {
                            sb.appendCodePoint(term[i]);
                        }
                        h++;
                    } else {
                        sb.appendCodePoint(term[i]);
                    }
                }
                out.add(sb.toString());
            }
        }
        out.remove(new String(term, 0, term.length));
        return new ArrayList<>(out);
    }

    /** Initials ({@code jwx}); only for terms of two or more Han characters. */
    public static List<String> initials(int[] term) {
        if (countHan(term) < 2) {
            return List.of();
        }
        StringBuilder sb = new StringBuilder();
        for (int cp : term) {
            String p = Pinyin.plain(cp);
            if (p != null) {
                sb.append(p.charAt(0));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return List.of(sb.toString());
    }

    /** The term as syllable codes (Han characters replaced), for the homophone pass; null when the term has no Han. */
    public static int[] phonetic(int[] term) {
        if (countHan(term) == 0) {
            return null;
        }
        int[] out = new int[term.length];
        for (int i = 0; i < term.length; i++) {
            int code = Pinyin.syllableCode(term[i]);
            out[i] = code >= 0 ? code : term[i];
        }
        return out;
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
