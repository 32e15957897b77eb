package io.redline.text.detect;

import java.util.List;
import java.util.Set;

/**
 * URLs, bare domains, obfuscated domains and e-mail addresses.
 *
 * <p>A domain is two or more labels ({@code [a-z0-9-]}, after width folding) joined by dots and
 * ending in a known top-level domain. The dot may be written {@code .}, {@code 。}, {@code 点},
 * {@code (.)}, {@code [.]}, {@code (点)} or {@code dot} between spaces or brackets; such an
 * obfuscated dot raises the severity, since nobody writes a link that way by accident. A scheme
 * before and a path after are included in the span. Known URL shorteners are reported with a
 * higher severity. E-mail addresses are found first, and links inside them are not reported again.
 */
public final class LinkScanner {
    static final Set<String> TLDS = Set.of(
            "com", "net", "org", "cn", "cc", "top", "xyz", "vip", "info", "biz", "io", "co", "tv", "app", "site",
            "online", "club", "shop", "link", "ly", "gl", "gd", "im", "hk", "tw", "jp", "kr", "ru", "de", "uk", "us",
            "store", "live", "fun", "ink", "pub", "wang", "ltd", "work", "tech", "space", "icu", "cyou", "buzz", "asia",
            "mobi", "pro", "win", "bet", "today", "world", "life", "chat", "team", "me", "edu", "gov", "xin", "ren", "la");
    /**
     * Top-level domains accepted after an obfuscated dot (。, 点, ·, spaced or bracketed dots):
     * those used for spam sites, without the ones that are everyday English words (today, life,
     * world, chat, live…), because "yyds。Today" is a sentence, not a link.
     */
    static final Set<String> OBFUSCATED_TLDS = Set.of(
            "com", "net", "org", "cn", "cc", "top", "xyz", "vip", "info", "biz", "io", "co", "tv", "shop", "site",
            "online", "club", "icu", "cyou", "buzz", "wang", "ltd", "xin", "ren", "asia", "mobi", "hk", "tw", "la");
    static final Set<String> SHORTENERS = Set.of(
            "t.cn", "dwz.cn", "url.cn", "bit.ly", "tinyurl.com", "goo.gl", "t.co", "is.gd", "ow.ly", "suo.im",
            "m.tb.cn", "tb.cn", "u.jd.com", "3.cn", "v.douyin.com", "b23.tv", "xhslink.com", "dwz.date", "w.url.cn");

    private LinkScanner() {}

    /**
     * For a dot-like character at k (., 。, 点, a bracketed dot, or the d of a spaced "dot"), the
     * start of the label before it, not before limit; -1 when there is none.
     */
    static int labelStartBefore(FoldedView v, int k, int limit) {
        int c = v.cp(k);
        int j = k - 1;
        if (c == 'd') {
            if (!v.matches(k, "dot")) {
                return -1;
            }
            if (isLabelChar(v.cp(j))) {
                // Glued: "abcdotcom". The label run starts before the d.
                while (j >= limit && isLabelChar(v.cp(j))) {
                    j--;
                }
                return j + 1 < k ? j + 1 : -1;
            }
            if (!(v.isSpace(j) && v.isSpace(k + 3))) {
                return -1;
            }
        } else if (c == '(' || c == '[' || c == '{') {
            if (!(v.cp(k + 1) == '.' || v.cp(k + 1) == '点' || v.matches(k + 1, "dot"))) {
                return -1;
            }
        }
        if (c != '.' || (v.isSpace(j) && v.isSpace(k + 1))) {
            for (int spaces = 0; spaces < 2 && j >= limit && v.isSpace(j); spaces++) {
                j--;
            }
        }
        int end = j;
        while (j >= limit && isLabelChar(v.cp(j))) {
            j--;
        }
        return j < end ? j + 1 : -1;
    }

    /** An e-mail address around the '@' at k; returns the index after it, or -1. */
    public static int emailAt(FoldedView v, int k, List<Detection> out) {
        int local = k;
        while (local > 0 && isLocalChar(v.cp(local - 1)) && k - local < 64) {
            local--;
        }
        while (local < k && !v.isAsciiAlnum(local)) {
            local++;
        }
        if (local == k) {
            return -1;
        }
        Domain d = domain(v, k + 1);
        if (d == null) {
            return -1;
        }
        // A link found in the local part a moment ago (a.com@b.com) belongs to this address.
        int start = v.start(local);
        out.removeIf(x -> x.detector().equals("url") && x.start() >= start);
        out.add(new Detection("email", "drainage", 40, start, v.end(d.end - 1), v.folded(local, k + 1) + d.host));
        return d.end;
    }

    /**
     * A link whose first label starts at k; returns the index after it, or the end of the label
     * when there is none (so the caller skips the word).
     */
    public static int urlAt(FoldedView v, int k, List<Detection> out) {
        int n = v.size();
        int labelEnd = k;
        while (isLabelChar(v.cp(labelEnd))) {
            labelEnd++;
        }
        if (labelEnd - k >= 7 && v.cp(labelEnd) != '@' && v.cp(labelEnd) != '.') {
            String glued = gluedDotHost(v.folded(k, labelEnd));
            if (glued != null) {
                out.add(new Detection("url", "drainage", 60, v.start(k), v.end(labelEnd - 1), glued));
                return labelEnd;
            }
        }
        // Most words are not followed by anything dot-like: skip them without allocating.
        if (!maybeDot(v, labelEnd) || v.cp(labelEnd) == '@') {
            return labelEnd;
        }
        Domain d = domain(v, k);
        if (d == null || v.cp(d.end) == '@') {
            return labelEnd;
        }
        int start = k;
        if (v.cp(k - 1) == '/' && v.cp(k - 2) == '/' && v.cp(k - 3) == ':') {
            int s = k - 3;
            for (String scheme : new String[] {"https", "http"}) {
                if (v.matches(s - scheme.length(), scheme)) {
                    start = s - scheme.length();
                    break;
                }
            }
        }
        int end = d.end;
        String value = d.host;
        if (v.cp(end) == '/' || v.cp(end) == '?') {
            while (end < n && isPathChar(v.cp(end))) {
                end++;
            }
            // Hosts are case-insensitive, paths are not (t.cn/RxBJP9 and t.cn/rxbjp9 are different links).
            value = d.host + v.text().subSequence(v.start(d.end), v.end(end - 1));
        }
        boolean shortener = SHORTENERS.contains(d.host);
        int severity = shortener ? 50 : d.obfuscated ? 60 : 30;
        out.add(new Detection("url", "drainage", severity, v.start(start), v.end(end - 1), value));
        return end;
    }

    private record Domain(int end, String host, boolean obfuscated) {}

    /** The domain starting at label index k, or null. */
    private static Domain domain(FoldedView v, int k) {
        StringBuilder host = new StringBuilder();
        int labels = 0;
        int j = k;
        int bestEnd = -1;
        int bestHostLength = 0;
        boolean obfuscated = false;
        boolean bestObfuscated = false;
        while (true) {
            int labelStart = j;
            while (isLabelChar(v.cp(j)) && j - labelStart < 63) {
                j++;
            }
            if (j == labelStart) {
                break;
            }
            String label = v.folded(labelStart, j);
            host.append(label);
            labels++;
            if (labels >= 2 && (obfuscated ? OBFUSCATED_TLDS : TLDS).contains(label) && !isLabelChar(v.cp(j))) {
                bestEnd = j;
                bestHostLength = host.length();
                bestObfuscated = obfuscated;
            }
            int[] sep = dot(v, j);
            if (sep == null) {
                break;
            }
            obfuscated |= sep[1] == 1;
            host.append('.');
            j = sep[0];
        }
        return bestEnd < 0 ? null : new Domain(bestEnd, host.substring(0, bestHostLength), bestObfuscated);
    }

    /** After a label at j: {index after the dot, obfuscated ? 1 : 0} when a dot and a label follow, else null. */
    private static int[] dot(FoldedView v, int j) {
        if (v.cp(j) == '.' && isLabelChar(v.cp(j + 1))) {
            return new int[] {j + 1, 0};
        }
        int p = j;
        int spacesBefore = 0;
        while (v.isSpace(p) && spacesBefore < 2) {
            p++;
            spacesBefore++;
        }
        int c = v.cp(p);
        int after = -1;
        if (c == '。' || c == '点' || isMiddleDot(c)) {
            after = p + 1;
        } else if (c == '.' && spacesBefore > 0 && v.isSpace(p + 1)) {
            after = p + 1; // "abc . com": a sentence's full stop is not surrounded by spaces
        } else if ((c == '(' || c == '[' || c == '{') && (v.cp(p + 1) == '.' || v.cp(p + 1) == '点')
                && (v.cp(p + 2) == ')' || v.cp(p + 2) == ']' || v.cp(p + 2) == '}')) {
            after = p + 3;
        } else if ((c == '(' || c == '[') && v.matches(p + 1, "dot") && (v.cp(p + 4) == ')' || v.cp(p + 4) == ']')) {
            after = p + 5;
        } else if (spacesBefore > 0 && v.matches(p, "dot") && v.isSpace(p + 3)) {
            after = p + 3;
        }
        if (after < 0) {
            return null;
        }
        int spacesAfter = 0;
        while (v.isSpace(after) && spacesAfter < 2) {
            after++;
            spacesAfter++;
        }
        return isLabelChar(v.cp(after)) ? new int[] {after, 1} : null;
    }

    static boolean isMiddleDot(int c) {
        return c == '·' || c == '・' || c == '•' || c == '∙' || c == '⋅';
    }

    /**
     * A label run with "dot" glued inside ({@code wwwdotabcdotcom}): the parts, split at each
     * "dot", when every part is non-empty and the last is a known top-level domain; else null.
     */
    static String gluedDotHost(String run) {
        if (!run.contains("dot")) {
            return null;
        }
        String[] parts = run.split("dot", -1);
        if (parts.length < 2 || !OBFUSCATED_TLDS.contains(parts[parts.length - 1])) {
            return null;
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return null;
            }
        }
        return String.join(".", parts);
    }

    private static boolean maybeDot(FoldedView v, int j) {
        int c = v.cp(j);
        if (c == '.' || c == '。' || c == '点' || c == '(' || c == '[' || c == '{' || isMiddleDot(c)) {
            return true;
        }
        if (!v.isSpace(j)) {
            return false;
        }
        int d = v.isSpace(j + 1) ? v.cp(j + 2) : v.cp(j + 1);
        return d == '点' || d == '。' || d == 'd' || d == '(' || d == '[' || d == '{' || d == '.' || isMiddleDot(d);
    }

    private static boolean isLabelChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isLocalChar(int c) {
        return isLabelChar(c) || c == '.' || c == '_' || c == '+' || c == '%';
    }

    private static boolean isPathChar(int c) {
        return isLabelChar(c) || "/?#=&%._~+:@!$*,;".indexOf(c) >= 0;
    }
}
