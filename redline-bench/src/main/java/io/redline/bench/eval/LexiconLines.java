package io.redline.bench.eval;

import com.ibm.icu.text.Transliterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Labelled lines for lexicon terms written the ways authors disguise them. Each disguised term
 * is set in a neutral carrier sentence; the carriers contain no lexicon term themselves.
 */
final class LexiconLines {

    /**
     * A starter-lexicon term with the variant families it opts in to. {@code categories} adds the
     * categories of other terms written inside this one (they match whenever its characters are
     * kept); the sound-based families (pinyin, initials, homophones) expect only its own category.
     */
    record Entry(
            String term, String category, String categories, boolean pinyin, boolean initials, boolean homophones) {}

    static final String[] CARRIERS = {
        "%s",
        "看到有人在评论区说%s",
        "%s？",
        "今天又刷到%s",
        "这条笔记写着%s",
        "%s，懂的都懂",
        "有人发了%s，举报了",
        "朋友问我%s是什么意思",
        "私信里收到%s",
        "直播间弹幕刷%s",
        "%s 真的假的",
        "标题就是%s",
        "他的简介里写着%s",
        "群里有人发%s",
        "%s～",
        "别信%s",
        "昨天看到一个帖子%s",
        "小号一直发%s",
    };

    static final String[] ZERO_WIDTH = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"};
    static final String[] SYMBOLS = {
        "*", ".", "-", "_", "、", "~", " ", "|", "/", "…", "·", "#", "♥", "☆", "，", "!", "^", "+"
    };
    static final String[] EMOJI = {"😀", "🌸", "✨", "💕", "🔥", "👍", "🐱", "🍓", "❤️", "⭐", "🎉", "😂"};

    /** Latin → a Cyrillic or Greek letter a reader takes for it. */
    static final Map<Character, String[]> LOOK_ALIKES = Map.ofEntries(
            Map.entry('a', new String[] {"а", "α", "á"}),
            Map.entry('c', new String[] {"с", "ϲ"}),
            Map.entry('e', new String[] {"е", "ε", "é"}),
            Map.entry('i', new String[] {"і", "ι", "í"}),
            Map.entry('o', new String[] {"о", "ο", "ó"}),
            Map.entry('p', new String[] {"р", "ρ"}),
            Map.entry('x', new String[] {"х", "χ"}),
            Map.entry('y', new String[] {"у"}),
            Map.entry('k', new String[] {"к", "κ"}),
            Map.entry('n', new String[] {"ñ", "ń"}),
            Map.entry('s', new String[] {"ѕ"}),
            Map.entry('v', new String[] {"ν"}),
            Map.entry('t', new String[] {"т", "τ"}),
            Map.entry('h', new String[] {"һ"}),
            Map.entry('j', new String[] {"ј"}),
            Map.entry('w', new String[] {"ԝ", "ω"}),
            Map.entry('u', new String[] {"υ", "ü"}));

    private static final Transliterator TO_TRADITIONAL = Transliterator.getInstance("Simplified-Traditional");
    private static final Transliterator TO_PINYIN = Transliterator.getInstance("Han-Latin");
    private static final Transliterator STRIP_TONES = Transliterator.getInstance("Latin-ASCII");

    private final SplittableRandom random;
    private final BiConsumer<Family, DetectorLines.Row> sink;
    private final Map<Character, String[]> homophones;

    LexiconLines(
            SplittableRandom random, Map<Character, String[]> homophones, BiConsumer<Family, DetectorLines.Row> sink) {
        this.random = random;
        this.homophones = homophones;
        this.sink = sink;
    }

    void emitAll(List<Entry> entries, int perFamily) {
        // Each family walks its own shuffled order of the terms, so every category shows up, not
        // just the lexicon's first section.
        List<Entry> all = shuffled(entries);
        List<Entry> han = shuffled(entries.stream()
                .filter(e ->
                        hasHan(e.term()) && e.term().codePointCount(0, e.term().length()) >= 2)
                .toList());
        List<Entry> latin = shuffled(entries.stream()
                .filter(e -> e.term().chars().anyMatch(c -> c < 0x80 && Character.isLetter(c)))
                .toList());
        List<Entry> traditional = shuffled(han.stream()
                .filter(e -> !TO_TRADITIONAL.transliterate(e.term()).equals(e.term()))
                .toList());
        List<Entry> pinyin = shuffled(
                entries.stream().filter(e -> e.pinyin() && hasHan(e.term())).toList());
        List<Entry> initials = shuffled(
                entries.stream().filter(e -> e.initials() && hasHan(e.term())).toList());
        List<Entry> homophone = shuffled(entries.stream()
                .filter(e -> e.homophones() && canSwap(e.term()))
                .toList());
        List<Entry> hanNoise = shuffled(han);

        for (int i = 0; i < perFamily; i++) {
            Entry any = all.get(i % all.size());
            emit(Family.LEXICON_PLAIN, any, any.term());
            if (!latin.isEmpty()) {
                Entry e = latin.get(i % latin.size());
                emit(Family.FULL_WIDTH, e, fullWidth(e.term(), random.nextBoolean()));
                emit(Family.LOOK_ALIKE, e, lookAlike(e.term()));
            }
            if (!traditional.isEmpty()) {
                Entry e = traditional.get(i % traditional.size());
                emit(Family.TRADITIONAL, e, TO_TRADITIONAL.transliterate(e.term()));
            }
            Entry h = han.get(i % han.size());
            Entry h2 = hanNoise.get(i % hanNoise.size());
            emit(Family.ZERO_WIDTH, h, interleave(h.term(), ZERO_WIDTH, 1 + random.nextInt(2)));
            emit(Family.SYMBOLS_BETWEEN, h2, interleave(h2.term(), SYMBOLS, 1 + random.nextInt(3)));
            emit(Family.EMOJI_NOISE, h, interleave(h.term(), EMOJI, 1));
            emit(Family.REPEATED, h2, repeatSome(h2.term()));
            if (!pinyin.isEmpty()) {
                Entry e = pinyin.get(i % pinyin.size());
                emit(Family.PINYIN, e, pinyin(e.term(), i % 4));
            }
            if (!initials.isEmpty()) {
                Entry e = initials.get(i % initials.size());
                emit(Family.INITIALS, e, initials(e.term(), i % 2 == 1));
            }
            if (!homophone.isEmpty()) {
                Entry e = homophone.get(i % homophone.size());
                emit(Family.HOMOPHONE, e, swapHomophone(e.term()));
            }
        }
    }

    private List<Entry> shuffled(List<Entry> list) {
        List<Entry> copy = new ArrayList<>(list);
        for (int i = copy.size() - 1; i > 0; i--) {
            java.util.Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }

    static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    static String fullWidth(String term, boolean upper) {
        StringBuilder sb = new StringBuilder();
        for (char c : (upper ? term.toUpperCase(Locale.ROOT) : term).toCharArray()) {
            sb.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : c);
        }
        return sb.toString();
    }

    /**
     * One of three look-alike styles: Cyrillic/Greek/accented letters mixed in, mathematical
     * bold or sans-serif letters (𝐜𝐚𝐬𝐢𝐧𝐨, 𝖼𝖺𝗌𝗂𝗇𝗈), or small capitals and circled letters (ᴄᴀsɪɴᴏ, ⓒⓐⓢⓘⓝⓞ).
     */
    String lookAlike(String term) {
        return switch (random.nextInt(4)) {
            case 0 -> styled(term, random.nextBoolean() ? 0x1D41A : 0x1D5BA); // mathematical bold / sans-serif small a
            case 1 -> smallCapsOrCircled(term);
            default -> mixedScripts(term);
        };
    }

    static String styled(String term, int smallA) {
        StringBuilder sb = new StringBuilder();
        for (char c : term.toCharArray()) {
            char lower = Character.toLowerCase(c);
            if (lower >= 'a' && lower <= 'z') {
                sb.appendCodePoint(smallA + (lower - 'a'));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    String smallCapsOrCircled(String term) {
        String smallCaps = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ";
        boolean circled = random.nextBoolean();
        StringBuilder sb = new StringBuilder();
        for (char c : term.toCharArray()) {
            char lower = Character.toLowerCase(c);
            if (lower >= 'a' && lower <= 'z') {
                sb.append(circled ? (char) ('ⓐ' + (lower - 'a')) : smallCaps.charAt(lower - 'a'));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    String mixedScripts(String term) {
        StringBuilder sb = new StringBuilder();
        boolean swapped = false;
        for (char c : term.toCharArray()) {
            String[] options = LOOK_ALIKES.get(Character.toLowerCase(c));
            if (options != null && (random.nextBoolean() || !swapped)) {
                String option = options[random.nextInt(options.length)];
                sb.append(Character.isUpperCase(c) ? option.toUpperCase(Locale.ROOT) : option);
                swapped = true;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    String interleave(String term, String[] fillers, int maxPerGap) {
        StringBuilder sb = new StringBuilder();
        int[] cps = term.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0) {
                int count = 1 + random.nextInt(maxPerGap);
                for (int k = 0; k < count; k++) {
                    sb.append(fillers[random.nextInt(fillers.length)]);
                }
            }
            sb.appendCodePoint(cps[i]);
        }
        return sb.toString();
    }

    /** Repeats one or more of the term's characters two or three times: 加加微微微信. */
    String repeatSome(String term) {
        int[] cps = term.codePoints().toArray();
        int must = random.nextInt(cps.length);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cps.length; i++) {
            int times = i == must || random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1;
            for (int k = 0; k < times; k++) {
                sb.appendCodePoint(cps[i]);
            }
        }
        return sb.toString();
    }

    /** Syllables of the term's Han characters, lower case, tones kept. */
    static List<String> syllables(String term) {
        List<String> out = new ArrayList<>();
        term.codePoints().forEach(cp -> {
            String s = new String(Character.toChars(cp));
            out.add(TO_PINYIN.transliterate(s).strip().toLowerCase(Locale.ROOT));
        });
        return out;
    }

    /** 0 joined toneless, 1 spaced toneless, 2 spaced with tones, 3 capitalised joined. */
    static String pinyin(String term, int style) {
        List<String> syllables = syllables(term);
        return switch (style) {
            case 0 -> STRIP_TONES.transliterate(String.join("", syllables));
            case 1 -> STRIP_TONES.transliterate(String.join(" ", syllables));
            case 2 -> String.join(" ", syllables);
            default -> STRIP_TONES.transliterate(String.join("", syllables)).toUpperCase(Locale.ROOT);
        };
    }

    static String initials(String term, boolean upper) {
        StringBuilder sb = new StringBuilder();
        for (String syllable : syllables(term)) {
            String plain = STRIP_TONES.transliterate(syllable);
            if (!plain.isEmpty()) {
                sb.append(plain.charAt(0));
            }
        }
        return upper ? sb.toString().toUpperCase(Locale.ROOT) : sb.toString();
    }

    boolean canSwap(String term) {
        return term.chars().anyMatch(c -> homophones.containsKey((char) c));
    }

    String swapHomophone(String term) {
        char[] chars = term.toCharArray();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < chars.length; i++) {
            if (homophones.containsKey(chars[i])) {
                positions.add(i);
            }
        }
        int at = positions.get(random.nextInt(positions.size()));
        String[] options = homophones.get(chars[at]);
        return term.substring(0, at) + options[random.nextInt(options.length)] + term.substring(at + 1);
    }

    private void emit(Family family, Entry entry, String disguised) {
        String carrier = CARRIERS[random.nextInt(CARRIERS.length)];
        boolean soundBased = family == Family.PINYIN || family == Family.INITIALS || family == Family.HOMOPHONE;
        sink.accept(
                family,
                new DetectorLines.Row(
                        soundBased ? entry.category() : entry.categories(), String.format(carrier, disguised)));
    }
}
