package io.redline.bench.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generator of user text typical of a lifestyle community: notes, comments,
 * live-chat lines and product mentions, in Chinese with English mixed in, emoji, hashtags and
 * mentions, plus obfuscated drainage/contact attempts at a low rate.
 *
 * <p>All vocabulary and templates are written for Redline; nothing is copied from real posts.
 * One item is one line (a note's paragraphs are joined with spaces), because screening runs per
 * item. The same seed always yields the same lines, so every contestant reads identical text.
 */
public final class CorpusGenerator {

    /** Default size: the issue asks for at least 10 MB of text (UTF-8). */
    public static final long DEFAULT_BYTES_MIN = 10L * 1024 * 1024;

    public static final long DEFAULT_SEED = 20261125L;

    /**
     * Share of items that carry a drainage/contact attempt. Moderation teams of large communities
     * report low single-digit percentages on comments; 2% keeps it realistic but present.
     */
    static final double DRAINAGE_RATE = 0.02;

    private final SplittableRandom random;

    public CorpusGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Generates lines until their UTF-8 size reaches {@code bytesMin}. */
    public static List<String> generate(long seed, long bytesMin) {
        if (bytesMin <= 0 || bytesMin > 1L << 31) {
            throw new IllegalArgumentException("bytesMin must be in (0, 2 GiB], got " + bytesMin);
        }
        CorpusGenerator generator = new CorpusGenerator(seed);
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        while (bytes < bytesMin) {
            String line = generator.nextItem();
            lines.add(line);
            bytes += utf8Length(line) + 1; // + newline, as the file form has it
        }
        return lines;
    }

    public static List<String> defaultCorpus() {
        return generate(DEFAULT_SEED, DEFAULT_BYTES_MIN);
    }

    /** Writes the corpus to a file for inspection: {@code CorpusGenerator [OUT] [BYTES] [SEED]}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/corpus/text-corpus.txt");
        long bytesMin = args.length > 1 ? Long.parseLong(args[1]) : DEFAULT_BYTES_MIN;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        List<String> lines = generate(seed, bytesMin);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.write(out, lines, StandardCharsets.UTF_8);
        System.out.printf("%s: %,d lines, %,d bytes%n", out, lines.size(), Files.size(out));
    }

    public static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    // ---------------------------------------------------------------------------------------------
    // Item kinds. Weights follow the shape of a community's traffic: live chat and comments
    // dominate by count, notes dominate by bytes.

    public String nextItem() {
        String item = nextCleanItem();
        if (random.nextDouble() < DRAINAGE_RATE) {
            item = insert(item, Drainage.attempt(random));
        }
        return item;
    }

    /** An item without a drainage attempt (it may still contain anything a real user writes). */
    public String nextCleanItem() {
        int roll = random.nextInt(100);
        String item;
        if (roll < 30) {
            item = liveChat();
        } else if (roll < 65) {
            item = comment();
        } else if (roll < 90) {
            item = note();
        } else {
            item = productMention();
        }
        return item;
    }

    String liveChat() {
        StringBuilder sb = new StringBuilder();
        int kind = random.nextInt(10);
        switch (kind) {
            case 0, 1 -> sb.append(pick(Vocabulary.LIVE_SHORT));
            case 2 -> sb.append(repeat(pick(Vocabulary.REPEATABLE), 2 + random.nextInt(6)));
            case 3 -> sb.append(pick(Vocabulary.LIVE_SHORT)).append(emojis(1 + random.nextInt(3)));
            case 4 ->
                sb.append(pick(Vocabulary.LIVE_QUESTION))
                        .append(pick(Vocabulary.PRODUCT_TYPES))
                        .append(pick(Vocabulary.QUESTION_TAIL));
            case 5 -> sb.append(random.nextInt(1, 12)).append("号链接").append(pick(Vocabulary.LIVE_ASK));
            case 6 -> sb.append(pick(Vocabulary.ENGLISH_CHAT));
            case 7 ->
                sb.append(pick(Vocabulary.GREETINGS))
                        .append(pick(Vocabulary.NICKNAMES))
                        .append(pick(Vocabulary.PUNCT_END));
            case 8 ->
                sb.append("主播")
                        .append(pick(Vocabulary.ADJ_PRAISE))
                        .append(pick(Vocabulary.PUNCT_END))
                        .append(emojis(random.nextInt(3)));
            default -> sb.append(pick(Vocabulary.CITIES)).append("的").append(pick(Vocabulary.LIVE_SHORT));
        }
        return sb.toString();
    }

    String comment() {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(6) == 0) {
            sb.append('@').append(pick(Vocabulary.NICKNAMES)).append(' ');
        }
        int sentences = 1 + random.nextInt(3);
        for (int i = 0; i < sentences; i++) {
            sb.append(sentence());
        }
        if (random.nextInt(3) == 0) {
            sb.append(emojis(1 + random.nextInt(3)));
        }
        if (random.nextInt(8) == 0) {
            sb.append(pick(Vocabulary.COMMENT_TAIL));
        }
        return sb.toString();
    }

    String note() {
        StringBuilder sb = new StringBuilder();
        // Title: short, emphatic, often with emoji and a number.
        sb.append(pick(Vocabulary.TITLE_OPENERS))
                .append(pick(Vocabulary.TOPICS))
                .append(pick(Vocabulary.TITLE_TAILS))
                .append(emojis(1 + random.nextInt(2)))
                .append(' ');
        int paragraphs = 1 + random.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            if (random.nextInt(3) == 0) {
                sb.append(pick(Vocabulary.BULLETS));
            }
            int sentences = 2 + random.nextInt(5);
            for (int s = 0; s < sentences; s++) {
                sb.append(random.nextInt(7) == 0 ? englishSentence() : sentence());
            }
            if (random.nextInt(2) == 0) {
                sb.append(emojis(1 + random.nextInt(2)));
            }
            sb.append(' ');
        }
        int tags = 1 + random.nextInt(5);
        for (int t = 0; t < tags; t++) {
            sb.append(hashtag()).append(' ');
        }
        return sb.toString().strip();
    }

    String productMention() {
        StringBuilder sb = new StringBuilder();
        sb.append(pick(Vocabulary.BRANDS))
                .append(pick(Vocabulary.PRODUCT_LINES))
                .append(pick(Vocabulary.PRODUCT_TYPES))
                .append(' ');
        switch (random.nextInt(5)) {
            case 0 -> sb.append("到手价").append(price()).append("，").append(pick(Vocabulary.VERDICTS));
            case 1 ->
                sb.append(pick(Vocabulary.SIZES))
                        .append("装 ")
                        .append(price())
                        .append(" 回购第")
                        .append(1 + random.nextInt(9))
                        .append("次了");
            case 2 -> sb.append("订单号").append(digits(18)).append(" 还没发货，").append(pick(Vocabulary.COMPLAINTS));
            case 3 ->
                sb.append(pick(Vocabulary.SKIN_TYPES))
                        .append("亲测 ")
                        .append(pick(Vocabulary.EFFECTS))
                        .append(pick(Vocabulary.PUNCT_END));
            default ->
                sb.append(random.nextInt(1, 13))
                        .append('.')
                        .append(random.nextInt(1, 29))
                        .append("下单，")
                        .append(random.nextInt(1, 13))
                        .append('.')
                        .append(random.nextInt(1, 29))
                        .append("收到，")
                        .append(pick(Vocabulary.VERDICTS));
        }
        if (random.nextInt(3) == 0) {
            sb.append(' ').append(hashtag());
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Building blocks.

    String sentence() {
        String template = pick(Vocabulary.SENTENCE_TEMPLATES);
        StringBuilder sb = new StringBuilder(template.length() + 32);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '{') {
                sb.append(c);
                continue;
            }
            int close = template.indexOf('}', i);
            sb.append(slot(template.substring(i + 1, close)));
            i = close;
        }
        sb.append(pick(Vocabulary.PUNCT_END));
        return sb.toString();
    }

    String englishSentence() {
        return pick(Vocabulary.ENGLISH_OPENERS)
                + ' '
                + pick(Vocabulary.ENGLISH_ADJ)
                + ' '
                + pick(Vocabulary.ENGLISH_NOUNS)
                + pick(Vocabulary.ENGLISH_TAILS)
                + ' ';
    }

    private String slot(String name) {
        return switch (name) {
            case "place" -> pick(Vocabulary.PLACES);
            case "city" -> pick(Vocabulary.CITIES);
            case "product" -> pick(Vocabulary.BRANDS) + pick(Vocabulary.PRODUCT_TYPES);
            case "type" -> pick(Vocabulary.PRODUCT_TYPES);
            case "food" -> pick(Vocabulary.FOODS);
            case "adj" -> pick(Vocabulary.ADJ_PRAISE);
            case "feel" -> pick(Vocabulary.FEELINGS);
            case "effect" -> pick(Vocabulary.EFFECTS);
            case "time" -> pick(Vocabulary.TIMES);
            case "n" -> Integer.toString(1 + random.nextInt(12));
            case "price" -> price();
            case "topic" -> pick(Vocabulary.TOPICS);
            case "person" -> pick(Vocabulary.PEOPLE);
            case "garment" -> pick(Vocabulary.GARMENTS);
            case "color" -> pick(Vocabulary.COLORS);
            case "en" -> pick(Vocabulary.ENGLISH_WORDS);
            case "nick" -> pick(Vocabulary.NICKNAMES);
            case "date" -> random.nextInt(1, 13) + "月" + random.nextInt(1, 29) + "日";
            default -> throw new IllegalStateException("unknown slot {" + name + "}");
        };
    }

    String hashtag() {
        String tag = pick(Vocabulary.HASHTAGS);
        return switch (random.nextInt(3)) {
            case 0 -> "#" + tag + "#";
            case 1 -> "#" + tag + "[话题]#";
            default -> "#" + tag;
        };
    }

    String emojis(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(pick(Vocabulary.EMOJI));
        }
        return sb.toString();
    }

    String price() {
        return switch (random.nextInt(3)) {
            case 0 -> "¥" + (9 + random.nextInt(990));
            case 1 -> (9 + random.nextInt(990)) + "元";
            default -> (19 + random.nextInt(480)) + "." + random.nextInt(10) + "9";
        };
    }

    String digits(int count) {
        StringBuilder sb = new StringBuilder(count);
        sb.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < count; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String insert(String item, String attempt) {
        // Drainage is usually appended, sometimes leads the item.
        return random.nextInt(4) == 0 ? attempt + " " + item : item + " " + attempt;
    }

    private static String repeat(String s, int times) {
        return s.repeat(times);
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
