package io.redline.server.console;

import io.redline.decision.EvidenceHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts one field of the author's original text into plain and highlighted segments for the
 * reviewer. Evidence offsets are UTF-16 indexes into the original field; overlapping or touching
 * hits merge into one highlight (labelled by the most severe hit, decisive first), offsets outside
 * the text are ignored, and a boundary that would split a surrogate pair widens to keep the
 * character whole. The segments always concatenate back to the original text: the page shows
 * exactly what the author wrote, escaped by the template.
 */
public final class Highlight {
    private Highlight() {}

    /** A run of text; {@code category} is null for plain text. */
    public record Segment(String text, String category, String terms, boolean decisive) {
        public boolean marked() {
            return category != null;
        }
    }

    public static List<Segment> segments(String text, String field, List<EvidenceHit> evidence) {
        if (text == null || text.isEmpty()) return List.of();
        List<EvidenceHit> hits = new ArrayList<>();
        for (EvidenceHit h : evidence) {
            if (h.field().equals(field) && h.start() >= 0 && h.start() < h.end() && h.end() <= text.length())
                hits.add(h);
        }
        if (hits.isEmpty()) return List.of(new Segment(text, null, null, false));
        hits.sort(Comparator.comparingInt(EvidenceHit::start)
                .thenComparing(Comparator.comparingInt(EvidenceHit::end).reversed()));
        List<Segment> out = new ArrayList<>();
        int at = 0;
        int i = 0;
        while (i < hits.size()) {
            int start = widenStart(text, hits.get(i).start());
            int end = hits.get(i).end();
            EvidenceHit label = hits.get(i);
            StringBuilder terms = new StringBuilder(label.term());
            int j = i + 1;
            while (j < hits.size() && hits.get(j).start() <= end) {
                EvidenceHit h = hits.get(j);
                end = Math.max(end, h.end());
                if (outranks(h, label)) label = h;
                if (terms.indexOf(h.term()) < 0) terms.append(", ").append(h.term());
                j++;
            }
            end = widenEnd(text, end);
            start = Math.max(start, at);
            if (start > at) out.add(new Segment(text.substring(at, start), null, null, false));
            if (end > start)
                out.add(new Segment(text.substring(start, end), label.category(), terms.toString(), label.decisive()));
            at = Math.max(at, end);
            i = j;
        }
        if (at < text.length()) out.add(new Segment(text.substring(at), null, null, false));
        return out;
    }

    private static boolean outranks(EvidenceHit a, EvidenceHit b) {
        if (a.decisive() != b.decisive()) return a.decisive();
        return a.severity() > b.severity();
    }

    private static int widenStart(String s, int i) {
        return i > 0 && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1)) ? i - 1 : i;
    }

    private static int widenEnd(String s, int i) {
        return i < s.length() && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1))
                ? i + 1
                : i;
    }
}
