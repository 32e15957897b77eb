package io.redline.text.detect;

import java.util.Arrays;
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
            "mobi", "pro", "win", "bet", "today", "world", "life", "chat", "team", "me", "edu", "gov", "xin", "ren",
            "la");
    /**
     * Top-level domains accepted after an obfuscated dot (。, 点, ·, spaced or bracketed dots):
     * those used for spam sites, without the ones that are everyday English words (today, life,
     * world, chat, live…), because "yyds。Today" is a sentence, not a link.
     */
    static final Set<String> OBFUSCATED_TLDS = Set.of(
            "com", "net", "org", "cn", "cc", "top", "xyz", "vip", "info", "biz", "io", "co", "tv", "shop", "site",
            "online", "club", "icu", "cyou", "buzz", "wang", "ltd", "xin", "ren", "asia", "mobi", "hk", "tw", "la");

    static final Set<String> SHORTENERS = Set.of(
            "t.cn",
            "dwz.cn",
            "url.cn",
            "bit.ly",
            "tinyurl.com",
            "goo.gl",
            "t.co",
            "is.gd",
            "ow.ly",
            "suo.im",
            "m.tb.cn",
            "tb.cn",
            "u.jd.com",
            "3.cn",
            "v.douyin.com",
            "b23.tv",
            "xhslink.com",
            "dwz.date",
            "w.url.cn");

    private LinkScanner() {}

    /** Longest host name (RFC 1035): a longer run of label characters cannot be a link, so nobody reads further. */
    static final int HOST_LENGTH_MAX = 253;
    /** Longest label (RFC 1035). */
    static final int LABEL_LENGTH_MAX = 63;

    private static final int TLD_LENGTH_MAX =
            TLDS.stream().mapToInt(String::length).max().orElse(0);

    // The top-level domains as label keys (see labelKey), sorted: every label of a walked chain is
    // looked up, and building a string of it to ask the sets was most of a short chain's cost.
    private static final long[] TLD_KEYS = labelKeys(TLDS);
    private static final long[] OBFUSCATED_TLD_KEYS = labelKeys(OBFUSCATED_TLDS);

    /** Seven bits per character: a label of label characters up to nine long has a key of its own. */
    static long labelKey(CharSequence label) {
        long key = 0;
        for (int i = 0; i < label.length(); i++) {
            key = key << 7 | label.charAt(i);
        }
        return key;
    }

    private static long labelKey(FoldedView v, int from, int to) {
        long key = 0;
        for (int k = from; k < to; k++) {
            key = key << 7 | v.cp(k);
        }
        return key;
    }

    /** Whether the label with this key (see labelKey) is one of {@link #TLDS}. */
    static boolean isTld(long key) {
        return Arrays.binarySearch(TLD_KEYS, key) >= 0;
    }

    /** Whether the label with this key (see labelKey) is one of {@link #OBFUSCATED_TLDS}. */
    static boolean isObfuscatedTld(long key) {
        return Arrays.binarySearch(OBFUSCATED_TLD_KEYS, key) >= 0;
    }

    private static long[] labelKeys(Set<String> labels) {
        if (TLD_LENGTH_MAX > 9) {
            throw new IllegalStateException("a top-level domain longer than a label key holds");
        }
        return labels.stream().mapToLong(LinkScanner::labelKey).sorted().toArray();
    }

    /**
     * For a dot-like character at k (., 。, 点, a bracketed dot, or the d of a spaced "dot"), the
     * start of the label before it, not before limit; -1 when there is none.
     */
    static int labelStartBefore(FoldedView v, int k, int limit, DetectorScratch w) {
        int c = v.cp(k);
        int j = k - 1;
        if (c == 'd') {
            if (v.cp(k + 1) != 'o'
                    || v.cp(k + 2) != 't') { // not "dot"; compared directly, the commonest case of a common trigger
                return -1;
            }
            if (isLabelChar(v.cp(j))) {
                // Glued: "abcdotcom". The label run starts before the d.
                int start = Math.max(runStart(v, k, w), limit);
                return start < k ? start : -1;
            }
            if (!(v.isSpace(j) && v.isSpace(k + 3))) {
                return -1;
            }
        } else if (c == '(' || c == '[' || c == '{') {
            int c1 = v.cp(k + 1);
            if (!(c1 == '.' || c1 == '点' || (c1 == 'd' && v.cp(k + 2) == 'o' && v.cp(k + 3) == 't'))) {
                return -1;
            }
        }
        if (c != '.' || (v.isSpace(j) && v.isSpace(k + 1))) {
            for (int spaces = 0; spaces < 2 && j >= limit && v.isSpace(j); spaces++) {
                j--;
            }
        }
        if (j < limit || !isLabelChar(v.cp(j))) {
            return -1;
        }
        return Math.max(runStart(v, j + 1, w), limit);
    }

    /**
     * The start of the run of label characters that ends at end - 1 (a label character). Triggers
     * arrive in text order, so the run known from the previous call is extended instead of read
     * again: "dotdotdot…" or "abc.abc.abc…" read each character once, not once per dot.
     */
    private static int runStart(FoldedView v, int end, DetectorScratch w) {
        if (end > w.knownRunStart && end <= w.knownRunEnd) {
            return w.knownRunStart;
        }
        int floor = end > w.knownRunEnd ? w.knownRunEnd : Math.max(0, end - HOST_LENGTH_MAX - 1);
        int j = end - 1;
        while (j >= floor && isLabelChar(v.cp(j))) {
            j--;
        }
        int start;
        if (j >= floor || floor == 0) {
            start = j + 1;
        } else if (end > w.knownRunEnd) {
            start = w.knownRunStart; // every character back to the known run (never empty) is a label character: it
            // continues
        } else {
            return floor; // behind the known run and longer than any host: what starts here is no link
        }
        w.knownRunStart = start;
        w.knownRunEnd = end;
        return start;
    }

    /** An e-mail address around the '@' at k; returns the index after it, or -1. */
    public static int emailAt(FoldedView v, int k, List<Detection> out, DetectorScratch w) {
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
        Domain d = domain(v, k + 1, w);
        if (d == null) {
            return -1;
        }
        // A link found in the local part a moment ago (a.com@b.com) belongs to this address. Such
        // links are at the end of the list: stop at the first detection that ends before the local
        // part, so a text of many addresses does not re-read all earlier detections for each one.
        int start = v.start(local);
        for (int i = out.size() - 1; i >= 0 && out.get(i).end() > start; i--) {
            Detection x = out.get(i);
            if (x.detector().equals("url") && x.start() >= start) {
                out.remove(i);
            }
        }
        out.add(new Detection("email", "drainage", 40, start, v.end(d.end - 1), v.folded(local, k + 1) + d.host));
        return d.end;
    }

    /**
     * A link whose first label starts at k; returns the index after it, or the end of the label
     * when there is none (so the caller skips the word).
     */
    public static int urlAt(FoldedView v, int k, List<Detection> out, DetectorScratch w) {
        if (k == w.triedStart && w.triedFailed) {
            return w.triedEnd; // every glued "dot" of one word asks again for the same start
        }
        int before = out.size();
        int end = tryUrlAt(v, k, out, w);
        w.triedStart = k;
        w.triedEnd = end;
        w.triedFailed = out.size() == before;
        return end;
    }

    private static int tryUrlAt(FoldedView v, int k, List<Detection> out, DetectorScratch w) {
        int n = v.size();
        int labelEnd = k;
        while (isLabelChar(v.cp(labelEnd)) && labelEnd - k <= HOST_LENGTH_MAX) {
            labelEnd++;
        }
        if (labelEnd - k > HOST_LENGTH_MAX) {
            return labelEnd; // longer than any host name
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
        Domain d = domain(v, k, w);
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

    /**
     * The longest domain whose first label starts at k (at least two labels, ending in a known
     * top-level domain; after an obfuscated dot, one of {@link #OBFUSCATED_TLDS}), or null.
     *
     * <p>Why a chain: in "a.b.c.d…" every dot is a trigger and every label starts a candidate
     * domain, and walking the rest of the chain from each of them made screening quadratic in the
     * text length. So the chain of labels is walked once, the answer for every label in it is
     * worked out in one backward sweep ({@link #walkChain}), and later starts in the same chain
     * are answered from the two chains {@link DetectorScratch} remembers without reading the text again.
     */
    private static Domain domain(FoldedView v, int k, DetectorScratch w) {
        int i = cachedLabel(k, w.chain);
        if (i < 0 && (i = cachedLabel(k, w.spare)) >= 0) {
            w.swapChains();
        }
        if (i < 0) {
            w.swapChains(); // the chain walked last stays remembered as the spare
            walkChain(v, k, w.chain);
            if (w.chain.labels == 0) {
                return null;
            }
            i = 0;
        }
        LabelChain c = w.chain;
        int best = c.bestLabel[i];
        if (best < 0) {
            return null;
        }
        StringBuilder host = new StringBuilder();
        host.append(v.folded(k, c.labelEnd[i]));
        for (int j = i + 1; j <= best; j++) {
            host.append('.').append(v.folded(c.labelStart[j], c.labelEnd[j]));
        }
        return new Domain(c.labelEnd[best], host.toString(), c.bestObfuscated[i]);
    }

    /**
     * The label of the last walked chain that a walk starting at k would begin with, or -1. A
     * start inside a label (the limit of an earlier hit can cut one) shortens only the first
     * label, which never decides the answer; a label cut at the length limit is not that case,
     * since a start inside it would read on past the cut.
     */
    private static int cachedLabel(int k, LabelChain w) {
        if (w.labels == 0) {
            return -1;
        }
        // Starts arrive in text order: move a cursor forward (each label passed once per chain).
        int i = Math.min(w.labelCursor, w.labels - 1);
        if (w.labelStart[i] > k) {
            i = 0;
        }
        while (i + 1 < w.labels && w.labelStart[i + 1] <= k) {
            i++;
        }
        w.labelCursor = i;
        if (k < w.labelStart[i] || k >= w.labelEnd[i]) {
            return -1;
        }
        if (k != w.labelStart[i] && i == w.labels - 1 && w.lastLabelCut) {
            return -1;
        }
        return i;
    }

    /**
     * Walks the chain of labels joined by dots from k into the scratch, then sweeps it backwards to
     * record, for a walk starting at each label, the last label that ends a domain: a known
     * top-level domain behind only plain dots, or one of {@link #OBFUSCATED_TLDS} behind at
     * least one obfuscated dot — exactly what a walk from that label would have found.
     */
    private static void walkChain(FoldedView v, int k, LabelChain w) {
        w.labels = 0;
        w.labelCursor = 0;
        w.lastLabelCut = false;
        int j = k;
        boolean obfuscatedBefore = false;
        while (true) {
            int labelStart = j;
            while (isLabelChar(v.cp(j)) && j - labelStart < LABEL_LENGTH_MAX) {
                j++;
            }
            if (j == labelStart) {
                break;
            }
            int i = w.labels++;
            w.ensureLabels(w.labels);
            w.labelStart[i] = labelStart;
            w.labelEnd[i] = j;
            w.obfuscatedBefore[i] = obfuscatedBefore;
            boolean cut = isLabelChar(v.cp(j));
            boolean tldLength = !cut && j - labelStart <= TLD_LENGTH_MAX;
            long label = tldLength ? labelKey(v, labelStart, j) : -1;
            w.tld[i] = tldLength && isTld(label);
            w.obfuscatedTld[i] = tldLength && isObfuscatedTld(label);
            if (cut) {
                w.lastLabelCut = true;
                break;
            }
            int[] sep = dot(v, j);
            if (sep == null) {
                break;
            }
            obfuscatedBefore = sep[1] == 1;
            j = sep[0];
        }
        // Backward sweep. For a start at label i, the labels after it up to the next obfuscated dot
        // are "plain" (any known TLD ends a domain) and the ones from there on are "obfuscated"
        // (only OBFUSCATED_TLDS); the longest domain ends at the last qualifying label.
        int plain = -1; // last label with a known TLD in (i, next obfuscated dot)
        int obfuscated = -1; // last label with an obfuscated-dot TLD from the next obfuscated dot on
        int obfuscatedSuffix = -1; // last label with an obfuscated-dot TLD from i on
        for (int i = w.labels - 1; i >= 0; i--) {
            w.bestLabel[i] = obfuscated >= 0 ? obfuscated : plain;
            w.bestObfuscated[i] = obfuscated >= 0;
            if (obfuscatedSuffix < 0 && w.obfuscatedTld[i]) {
                obfuscatedSuffix = i;
            }
            if (w.obfuscatedBefore[i]) {
                plain = -1;
                obfuscated = obfuscatedSuffix;
            } else if (plain < 0 && w.tld[i]) {
                plain = i;
            }
        }
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
        } else if ((c == '(' || c == '[' || c == '{')
                && (v.cp(p + 1) == '.' || v.cp(p + 1) == '点')
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

    static boolean isLabelChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean isLocalChar(int c) {
        return isLabelChar(c) || c == '.' || c == '_' || c == '+' || c == '%';
    }

    private static boolean isPathChar(int c) {
        return isLabelChar(c) || "/?#=&%._~+:@!$*,;".indexOf(c) >= 0;
    }
}
