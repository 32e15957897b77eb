package io.redline.bench.corpus;

import java.util.SplittableRandom;

/**
 * Drainage and contact attempts the way authors write them to slip past filters: phone numbers
 * in other digit forms, messenger ids after disguised cues, domains with the dot spelled out,
 * shop share tokens. Every id and number is random; none belongs to anyone.
 */
public final class Drainage {

    private Drainage() {}

    static final String[] WECHAT_CUES = {
        "加微信", "加v", "➕V", "vx：", "wx ", "威信", "薇信", "V信", "加我薇❤信", "私我v", "徽信", "+vx", "加 微 信", "加*微*信", "w x:", "绿泡泡",
    };

    static final String[] QQ_CUES = {"qq", "QQ：", "扣扣", "企鹅号", "q q ", "Ｑ Ｑ"};

    static final String[] LURES = {
        "领取福利", "免费送资料", "带你赚钱", "详聊", "私聊有惊喜", "拉你进群", "看主页", "低价出", "代购", "内部价", "私下交易更便宜", "日结兼职", "",
    };

    static final String[] CHINESE_DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static final String[] CAPITAL_DIGITS = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static final String[] PHONE_PREFIXES = {"138", "139", "135", "150", "152", "158", "186", "188", "177", "199", "166"
    };
    static final String[] SEPARATORS = {" ", "-", ".", "·", "~", "_", "  ", "/"};
    static final String[] TLDS = {"com", "cn", "net", "top", "vip", "xyz", "cc"};
    static final String[] DOTS = {".", "点", "dot", "。", "(.)", "[.]", " . "};
    static final String[] SHORT_HOSTS = {"t.cn", "url.cn", "dwz.cn", "suo.im", "bit.ly"};
    static final String[] MAIL_HOSTS = {"qq.com", "163.com", "126.com", "gmail.com", "outlook.com"};

    /** One attempt, drawn from the families moderators see most. */
    public static String attempt(SplittableRandom random) {
        return switch (random.nextInt(9)) {
            case 0, 1 -> pick(random, WECHAT_CUES) + messengerId(random) + " " + pick(random, LURES);
            case 2 -> pick(random, QQ_CUES) + qqNumber(random) + " " + pick(random, LURES);
            case 3 -> "电话" + phone(random) + " " + pick(random, LURES);
            case 4 -> pick(random, LURES) + "戳" + phone(random);
            case 5 -> "网址 " + domain(random);
            case 6 -> "链接：https://" + pick(random, SHORT_HOSTS) + "/" + alnum(random, 6 + random.nextInt(3));
            case 7 -> "复制这段内容" + shopToken(random) + "打开APP即可查看";
            default -> "邮箱" + alnum(random, 5 + random.nextInt(6)).toLowerCase() + "@" + pick(random, MAIL_HOSTS);
        };
    }

    /** A mainland mobile number, in one of the digit forms authors use to dodge digit filters. */
    public static String phone(SplittableRandom random) {
        StringBuilder digits = new StringBuilder(pick(random, PHONE_PREFIXES));
        for (int i = 0; i < 8; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return renderDigits(random, digits.toString(), random.nextInt(6));
    }

    static final String SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /**
     * Renders ASCII digits in a form: 0 plain, 1 spaced groups, 2 Chinese, 3 capital, 4 full-width,
     * 5 circled, 6 superscript, 7 mathematical bold.
     */
    public static String renderDigits(SplittableRandom random, String digits, int form) {
        StringBuilder sb = new StringBuilder();
        String separator = pick(random, SEPARATORS);
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(i) - '0';
            if (form == 1 && (i == 3 || i == 7)) {
                sb.append(separator);
            }
            switch (form) {
                case 2 -> sb.append(d == 1 && random.nextBoolean() ? "幺" : CHINESE_DIGITS[d]);
                case 3 -> sb.append(CAPITAL_DIGITS[d]);
                case 4 -> sb.append((char) ('０' + d));
                case 5 -> sb.append(d == 0 ? "⓪" : String.valueOf((char) ('①' + d - 1)));
                case 6 -> sb.append(SUPERSCRIPT_DIGITS.charAt(d));
                case 7 -> sb.appendCodePoint(0x1D7CE + d);
                default -> sb.append((char) ('0' + d));
            }
        }
        return sb.toString();
    }

    public static String messengerId(SplittableRandom random) {
        String[] stems = {"mei", "xiaoyu", "tt", "ab", "lucky", "vip", "qiqi", "sun", "yoyo", "kk"};
        return pick(random, stems) + (random.nextBoolean() ? "_" : "") + (100 + random.nextInt(99_900));
    }

    public static String qqNumber(SplittableRandom random) {
        int length = 6 + random.nextInt(5);
        StringBuilder sb = new StringBuilder();
        sb.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < length; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    public static String domain(SplittableRandom random) {
        String dot = pick(random, DOTS);
        String www = random.nextBoolean() ? "www" + dot : "";
        return www + alnum(random, 4 + random.nextInt(5)).toLowerCase() + dot + pick(random, TLDS);
    }

    public static String shopToken(SplittableRandom random) {
        String[][] delimiters = {{"￥", "￥"}, {"€", "€"}, {"$", "$"}, {"¢", "¢"}, {"₴", "₴"}};
        String[] pair = delimiters[random.nextInt(delimiters.length)];
        return pair[0] + alnum(random, 11) + pair[1];
    }

    public static String alnum(SplittableRandom random, int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String pick(SplittableRandom random, String[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
