package io.redline.text.detect;

import java.util.List;

/**
 * WeChat and QQ ids announced by a cue: {@code 微信/威信/薇信/V信/vx/wx/加V/➕V…} then a WeChat id
 * (a letter then 5–19 letters, digits, _ or -, or 5–11 digits), {@code qq/扣扣/企鹅…} then 5–11
 * digits in any digit form. Between cue and id a few filler characters are allowed (spaces,
 * colons, 号, 是, 加, 我…). Also WeChat's default ids ({@code wxid_…}) without a cue.
 * The hit spans the id, not the cue (the lexicon reports cue phrases such as 加微信 itself).
 */
public final class ContactScanner {
    // Cues after folding (lower case, simplified). Order matters only for sharing a first character.
    private static final String[] WECHAT_CUES = {
        "微信号", "微信", "威信", "薇信", "维信", "徽信", "卫信", "魏信", "v信", "微x", "vx号", "vx", "wx号", "wx", "weixin", "绿泡泡", "绿色泡泡",
        "wei信", "wechat", "加v", "+v", "➕v", "v号", "v:", "薇", "威"
    };
    private static final String[] QQ_CUES = {"qq号", "qq", "扣扣", "企鹅号", "企鹅", "球球", "抠抠", "q号", "q:", "扣"};
    private static final String FILLERS = "号码是为加我搜索私聊群的同步:=-~>→";
    // Each cue's first character, so a trigger tries only the cues that start with it.
    private static final char[] WECHAT_FIRST = firstChars(WECHAT_CUES);
    private static final char[] QQ_FIRST = firstChars(QQ_CUES);
    // The cues as code points: compared at every cue trigger, without decoding the strings again.
    private static final int[][] WECHAT_CUE_POINTS = codePoints(WECHAT_CUES);
    private static final int[][] QQ_CUE_POINTS = codePoints(QQ_CUES);

    private ContactScanner() {}

    /** Tries a cue (or a wxid_ id) at k; returns the index after a detected id, or -1. */
    public static int at(FoldedView v, int k, boolean wechat, boolean qq, List<Detection> out) {
        if (wechat && v.cp(k) == 'w' && v.matches(k, "wxid_") && !v.isAsciiAlnum(k - 1)) {
            int end = token(v, k + 5, 4, 30);
            if (end > 0) {
                out.add(new Detection("wechat", "drainage", 70, v.start(k), v.end(end - 1), v.folded(k, end)));
                return end;
            }
        }
        if (wechat) {
            int after = cue(v, k, WECHAT_CUE_POINTS, WECHAT_FIRST);
            if (after > 0) {
                // "VXjqnmsuzt": no English word starts with vx or wx, so letters glued to that cue are an id.
                boolean gluedLatinCue = after == k + 2 && (v.cp(k) == 'v' || v.cp(k) == 'w') && v.cp(k + 1) == 'x';
                int end = id(v, after, true, gluedLatinCue, out);
                if (end > 0) {
                    return end;
                }
            }
            // "v" glued to an id ("私我vsun33149"): v stands for WeChat when it starts no Latin word of its own.
            if (v.cp(k) == 'v' && !v.isAsciiAlnum(k - 1) && !startsWord(v, k)) {
                int end = token(v, k + 1, 6, 20);
                if (end > 0 && hasIdMark(v, k + 1, end) && !v.isAsciiAlnum(end)) {
                    out.add(new Detection(
                            "wechat", "drainage", 70, v.start(k + 1), v.end(end - 1), v.folded(k + 1, end)));
                    return end;
                }
            }
        }
        if (qq) {
            int after = cue(v, k, QQ_CUE_POINTS, QQ_FIRST);
            if (after > 0) {
                return id(v, after, false, false, out);
            }
        }
        return -1;
    }

    private static int[][] codePoints(String[] words) {
        int[][] points = new int[words.length][];
        for (int i = 0; i < words.length; i++) {
            points[i] = words[i].codePoints().toArray();
        }
        return points;
    }

    private static char[] firstChars(String[] cues) {
        char[] firsts = new char[cues.length];
        for (int i = 0; i < cues.length; i++) {
            firsts[i] = cues[i].charAt(0);
        }
        return firsts;
    }

    static boolean isCueStart(int c) {
        return switch (c) {
            case '微', '威', '薇', '维', '徽', '卫', '魏', 'v', 'w', '加', '+', '➕', 'q', '扣', '企', '球', '抠', '绿' -> true;
            default -> false;
        };
    }

    /** Index after the first cue that matches at k, or -1. Latin cues must not continue a Latin word. */
    private static int cue(FoldedView v, int k, int[][] cues, char[] firsts) {
        int first = v.cp(k);
        for (int i = 0; i < cues.length; i++) {
            // A cue's first character must be at k itself (no noise before it): most cues end here.
            if (firsts[i] != first) {
                continue;
            }
            int[] cue = cues[i];
            int after = matchLoose(v, k, cue);
            if (after > 0) {
                boolean latinStart = cue[0] < 0x80 && Character.isLetter(cue[0]);
                if (latinStart && v.isAsciiAlnum(k - 1)) {
                    continue;
                }
                return after;
            }
        }
        return -1;
    }

    /** Like {@link FoldedView#matches} but allows one noise character between two cue characters (微 信, v.x). */
    private static int matchLoose(FoldedView v, int k, int[] cue) {
        int j = k;
        for (int i = 0; i < cue.length; i++) {
            int c = cue[i];
            if (v.cp(j) != c) {
                if (i > 0 && v.isNoise(j) && v.cp(j + 1) == c) {
                    j++;
                } else {
                    return -1;
                }
            }
            j++;
        }
        return j;
    }

    /** Reads fillers then an id at k; on success adds a detection and returns the index after it, else -1. */
    private static int id(FoldedView v, int k, boolean wechat, boolean gluedLatinCue, List<Detection> out) {
        int j = k;
        int fillers = 0;
        boolean explicit = gluedLatinCue && v.isAsciiLetter(k);
        while (j < v.size() && fillers < 6 && (v.isNoise(j) && v.cp(j) != '\n' || FILLERS.indexOf(v.cp(j)) >= 0)) {
            int c = v.cp(j);
            explicit |= c == ':' || c == '号' || c == '是' || c == '=';
            j++;
            fillers++;
        }
        if (wechat && v.isAsciiLetter(j)) {
            int end = token(v, j, 6, 20);
            // A plain word after "wechat" is usually prose; an id has a digit, _ or -, or an explicit "：" / "号".
            if (end > 0 && (explicit || hasIdMark(v, j, end))) {
                out.add(new Detection("wechat", "drainage", 70, v.start(j), v.end(end - 1), v.folded(j, end)));
                return end;
            }
            return -1;
        }
        if (v.digit(j) >= 0 && (wechat || v.digit(j) != 0)) {
            StringBuilder digits = new StringBuilder(12);
            int end = j;
            int p = j;
            while (p < v.size() && digits.length() <= 11) {
                if (v.digit(p) >= 0) {
                    digits.append((char) ('0' + v.digit(p)));
                    end = p + 1;
                    p++;
                } else if ((v.isSpace(p) || v.cp(p) == '-') && v.digit(p + 1) >= 0) {
                    p++;
                } else {
                    break;
                }
            }
            if (digits.length() >= 5 && digits.length() <= 11 && !v.isAsciiLetter(end)) {
                out.add(
                        wechat
                                ? new Detection("wechat", "drainage", 70, v.start(j), v.end(end - 1), digits.toString())
                                : new Detection("qq", "drainage", 70, v.start(j), v.end(end - 1), digits.toString()));
                return end;
            }
        }
        return -1;
    }

    /** Words that begin with v and are often followed by digits on a lifestyle platform (vlog2024, vip888). */
    private static final int[][] V_WORDS =
            codePoints(new String[] {"vlog", "vip", "video", "vivo", "visa", "view", "version", "vol"});

    private static boolean startsWord(FoldedView v, int k) {
        for (int[] w : V_WORDS) {
            if (v.matches(k, w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasIdMark(FoldedView v, int from, int to) {
        for (int p = from; p < to; p++) {
            int c = v.cp(p);
            if ((c >= '0' && c <= '9') || c == '_' || c == '-') {
                return true;
            }
        }
        return false;
    }

    /** End of a WeChat-style token [a-z0-9_-] of min..max characters at j, or -1. */
    private static int token(FoldedView v, int j, int min, int max) {
        int p = j;
        // Read at most one character past max: "-va-va-va…" is one long token, and reading all of it
        // at every v would make screening quadratic in its length.
        while (p < v.size() && p - j <= max && (v.isAsciiAlnum(p) || v.cp(p) == '_' || v.cp(p) == '-')) {
            p++;
        }
        int len = p - j;
        return len >= min && len <= max ? p : -1;
    }
}
