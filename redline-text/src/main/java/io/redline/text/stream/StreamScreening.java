package io.redline.text.stream;

import io.redline.text.Hit;
import io.redline.text.Screener;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds what one author spread over consecutive lines of a stream ({@code 加} / {@code 我} /
 * {@code V} / {@code abc} / {@code 123}): the author's recent lines and the new one are screened as
 * one text, and every hit that uses the new line and at least one earlier line is reported on the
 * new line, naming every line it uses.
 *
 * <p>Two rules keep sentences apart: the lines are joined with nothing between them (a message
 * cut into pieces reads as the whole), and a hit counts only when at least one line it uses lies
 * entirely inside it, apart from noise: a fragment line. {@code 今天雨太大} then {@code 麻烦师傅}
 * never make 大麻, while {@code 大} then {@code 麻} do.
 *
 * <p>Linear and bounded: only the last {@value #PRIOR_CHARS_MAX} characters of each earlier line
 * and the first {@value #HEAD_CHARS_MAX} of the new one are read again (longer than any pattern a
 * hit can span), so a line costs at most a constant more than screening it alone.
 */
public final class StreamScreening {
    /** Characters kept of each earlier line: more than the longest term (128) or host name (253) a hit can span. */
    public static final int PRIOR_CHARS_MAX = 256;
    /** Characters of the new line read with the earlier lines. */
    public static final int HEAD_CHARS_MAX = 512;

    private StreamScreening() {}

    /**
     * The hits assembled from {@code prior} (oldest first, as {@link StreamContext#prior} gives
     * them) and the new line {@code text}, whose id is {@code lineId}; empty without prior lines.
     * Hits the new line gives alone are not repeated here: screen it on its own for those.
     */
    public static List<CrossLineHit> across(Screener screener, List<PriorLine> prior, String lineId, String text) {
        if (prior.isEmpty() || text.isEmpty()) {
            return List.of();
        }
        int lines = prior.size() + 1;
        int[] starts = new int[lines + 1];
        StringBuilder joined = new StringBuilder(prior.size() * 32 + Math.min(text.length(), HEAD_CHARS_MAX));
        for (int i = 0; i < prior.size(); i++) {
            starts[i] = joined.length();
            String t = prior.get(i).text();
            joined.append(t, tailStart(t), t.length());
        }
        starts[lines - 1] = joined.length();
        joined.append(text, 0, headEnd(text));
        starts[lines] = joined.length();
        int current = starts[lines - 1];
        List<CrossLineHit> out = new ArrayList<>();
        for (Hit h : screener.screen(joined).hits()) {
            if (h.end() <= current || h.start() >= current) {
                continue; // does not use the new line, or uses only the new line
            }
            int first = lineAt(starts, h.start());
            List<LinePart> parts = new ArrayList<>(lines - first);
            boolean fragment = false;
            for (int i = first; i < lines; i++) {
                int from = Math.max(h.start(), starts[i]);
                int to = Math.min(h.end(), starts[i + 1]);
                if (from >= to) {
                    continue;
                }
                fragment |=
                        screener.normalize(joined.subSequence(starts[i], from)).isEmpty()
                                && screener.normalize(joined.subSequence(to, starts[i + 1]))
                                        .isEmpty()
                                && (i < lines - 1 || starts[lines] - starts[i] == text.length());
                int shift = i < lines - 1
                        ? prior.get(i).offset() + tailStart(prior.get(i).text()) - starts[i]
                        : -starts[i];
                String id = i < lines - 1 ? prior.get(i).id() : lineId;
                parts.add(new LinePart(id, from + shift, to + shift));
            }
            if (!fragment || parts.size() < 2) {
                continue;
            }
            LinePart last = parts.getLast();
            out.add(new CrossLineHit(
                    new Hit(
                            h.detector(),
                            h.category(),
                            h.severity(),
                            last.start(),
                            last.end(),
                            h.normalized(),
                            h.term()),
                    parts));
        }
        return out;
    }

    private static int lineAt(int[] starts, int offset) {
        int i = 0;
        while (starts[i + 1] <= offset) {
            i++;
        }
        return i;
    }

    /** Where the kept tail of an earlier line starts (never inside a surrogate pair). */
    static int tailStart(String text) {
        if (text.length() <= PRIOR_CHARS_MAX) {
            return 0;
        }
        int from = text.length() - PRIOR_CHARS_MAX;
        return Character.isLowSurrogate(text.charAt(from)) ? from + 1 : from;
    }

    private static int headEnd(String text) {
        if (text.length() <= HEAD_CHARS_MAX) {
            return text.length();
        }
        int to = HEAD_CHARS_MAX;
        return Character.isLowSurrogate(text.charAt(to)) ? to - 1 : to;
    }
}
