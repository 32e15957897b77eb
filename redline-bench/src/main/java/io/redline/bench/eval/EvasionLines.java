package io.redline.bench.eval;

import io.redline.text.Term;
import io.redline.text.TermOption;
import io.redline.text.pinyin.Chaizi;
import io.redline.text.pinyin.Pinyin;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * The evasion families added with the text engine's second part: phone digits each followed by
 * a different separator mix, keycap and enclosed digits, bare messenger cues glued to the id,
 * pinyin in capitals without spaces, Han and pinyin mixed syllable by syllable, and character
 * decomposition. Drawn from a random of their own, so the older families' lines stay as they were.
 */
final class EvasionLines {
    private static final String[] OPENERS = {"", "有需要的", "想了解的", "新人福利，", "私信太多回不过来，", "姐妹们"};
    private static final String[] TAILS = {"", "，备注来意", " 随时在线", "～", "，晚上回复", "！"};
    /** One or two of these after every digit: zero-width, emoji, full-width punctuation, symbols. */
    private static final String[] SEPARATORS = {
        "、", "\u200B", "/", "❤", "~", ".", "_", " ", "·", "|", "，", "-", "😀", "＊", "\u200D", "～", "。"
    };

    private static final String[] CIRCLED = {"⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"};

    private final SplittableRandom random;
    private final BiConsumer<Family, DetectorLines.Row> sink;
    private final String drainage;

    EvasionLines(SplittableRandom random, String drainage, BiConsumer<Family, DetectorLines.Row> sink) {
        this.random = random;
        this.sink = sink;
        this.drainage = drainage;
    }

    void phones(int count) {
        for (int i = 0; i < count; i++) {
            String digits = mobile();
            StringBuilder mixed = new StringBuilder();
            for (int k = 0; k < digits.length(); k++) {
                mixed.append(digits.charAt(k));
                if (k < digits.length() - 1) {
                    mixed.append(pick(SEPARATORS));
                    if (random.nextInt(4) == 0) {
                        mixed.append(pick(SEPARATORS));
                    }
                }
            }
            sink.accept(Family.PHONE_MIXED_SEPARATORS, row(drainage, pick(OPENERS) + "电话" + mixed + pick(TAILS)));
            sink.accept(
                    Family.PHONE_KEYCAP_ENCLOSED, row(drainage, pick(OPENERS) + "打" + enclosed(digits) + pick(TAILS)));
        }
    }

    /** Keycaps (1️⃣), circled two-digit numbers (⑬) and circled digits, mixed. */
    private String enclosed(String digits) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < digits.length(); k++) {
            char d = digits.charAt(k);
            int two = k + 1 < digits.length() ? Integer.parseInt(digits.substring(k, k + 2)) : -1;
            if (two >= 10 && two <= 20 && random.nextBoolean()) {
                sb.append(CIRCLED[two - 10]);
                k++;
            } else if (random.nextInt(3) > 0) {
                sb.append(d).append("\uFE0F\u20E3");
            } else {
                sb.append(d == '0' ? "⓪" : String.valueOf((char) ('①' + d - '1')));
            }
        }
        return sb.toString();
    }

    void messengers(int count) {
        String[] cues = {"VX", "vx", "WX", "wx", "Vx"};
        for (int i = 0; i < count; i++) {
            String letters = letters(6 + random.nextInt(6));
            String id = letters(1) + letters(3 + random.nextInt(4)) + (100 + random.nextInt(9000));
            String text = switch (i % 4) {
                case 0 -> pick(OPENERS) + pick(cues) + letters + pick(TAILS);
                case 1 -> pick(OPENERS) + "v:" + id + pick(TAILS);
                case 2 -> pick(OPENERS) + "➕v " + id + pick(TAILS);
                default -> pick(OPENERS) + "加" + pick(cues) + letters + pick(TAILS);
            };
            sink.accept(Family.WECHAT_BARE_CUE, row(drainage, text));
        }
    }

    void lexicon(List<Term> terms, int count) {
        List<Term> pinyin = terms.stream()
                .filter(t -> t.has(TermOption.PINYIN) && han(t.text()))
                .toList();
        List<Term> chaizi = terms.stream().filter(t -> t.has(TermOption.CHAIZI)).toList();
        for (int i = 0; i < count; i++) {
            Term t = pinyin.get(random.nextInt(pinyin.size()));
            String spelled = spell(t.text(), -1);
            String shouted = random.nextBoolean() ? spelled.toUpperCase() : capitalised(t.text());
            sink.accept(Family.PINYIN_CAPITALS_UNSPACED, row(t.category(), carrier(shouted)));
            int mask = 1 + random.nextInt((1 << Math.min(4, t.text().length())) - 2 + 1);
            String mixed = spell(t.text(), mask);
            if (!mixed.equals(t.text()) && !mixed.equals(spelled)) {
                sink.accept(Family.PINYIN_MIXED_HAN, row(t.category(), carrier(mixed)));
            }
            if (!chaizi.isEmpty()) {
                Term c = chaizi.get(random.nextInt(chaizi.size()));
                List<String> variants = Chaizi.variants(c.text().codePoints().toArray());
                if (!variants.isEmpty()) {
                    sink.accept(
                            Family.CHAIZI, row(c.category(), carrier(variants.get(random.nextInt(variants.size())))));
                }
            }
        }
    }

    /**
     * Pinyin terms with a polyphonic character spelled in another of its readings (at least one
     * character not read the most common way), in lower case with or without spaces, or capitals.
     */
    void polyphones(List<Term> terms, int count) {
        List<Term> polyphonic = terms.stream()
                .filter(t -> t.has(TermOption.PINYIN)
                        && han(t.text())
                        && t.text()
                                .codePoints()
                                .anyMatch(cp -> Pinyin.readings(cp).size() > 1))
                .toList();
        for (int i = 0; i < count && !polyphonic.isEmpty(); i++) {
            Term t = polyphonic.get(random.nextInt(polyphonic.size()));
            int[] cps = t.text().codePoints().toArray();
            List<String> syllables = new java.util.ArrayList<>();
            boolean other = false;
            for (int cp : cps) {
                List<String> readings = Pinyin.readings(cp);
                String r = readings.get(random.nextInt(readings.size()));
                other |= !r.equals(readings.get(0));
                syllables.add(r);
            }
            if (!other) {
                continue;
            }
            String spelled = String.join(random.nextBoolean() ? " " : "", syllables);
            if (random.nextInt(3) == 0) {
                spelled = spelled.toUpperCase();
            }
            sink.accept(Family.PINYIN_POLYPHONIC, row(t.category(), carrier(spelled)));
        }
    }

    private String carrier(String s) {
        return String.format(pick(LexiconLines.CARRIERS), s);
    }

    /** The term's pinyin, syllable by syllable; with a mask, only the syllables whose bit is set (others stay Han). */
    private static String spell(String term, int mask) {
        StringBuilder sb = new StringBuilder();
        int[] cps = term.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            String p = Pinyin.plain(cps[i]);
            if (p != null && (mask < 0 || (i < 4 && (mask & (1 << i)) != 0))) {
                sb.append(p);
            } else {
                sb.appendCodePoint(cps[i]);
            }
        }
        return sb.toString();
    }

    private static String capitalised(String term) {
        StringBuilder sb = new StringBuilder();
        term.codePoints().forEach(cp -> {
            String p = Pinyin.plain(cp);
            if (p == null) {
                sb.appendCodePoint(cp);
            } else {
                sb.append(Character.toUpperCase(p.charAt(0))).append(p, 1, p.length());
            }
        });
        return sb.toString();
    }

    private static boolean han(String term) {
        return term.codePoints().allMatch(Pinyin::hasReading);
    }

    private String mobile() {
        String[] prefixes = {"130", "135", "138", "139", "150", "158", "166", "177", "186", "188", "199"};
        StringBuilder sb = new StringBuilder(pick(prefixes));
        while (sb.length() < 11) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static DetectorLines.Row row(String categories, String text) {
        return new DetectorLines.Row(categories, text);
    }
}
