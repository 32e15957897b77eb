package io.redline.gateway;

import io.redline.text.Hit;
import io.redline.text.Screener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Screens one streamed output incrementally and says what may be released to the client.
 *
 * <p>Sliding window: text up to {@code committed} has been decided. The next screening reads
 * from {@code committed − overlap} to the end and keeps only hits that end after
 * {@code committed} and at or before the new committed point (the end minus the lookahead), so
 * every match is taken whole, in the one window where it ends. Released text stops
 * {@code overlap} characters before the committed point: a match that ends later can start no
 * earlier than that. See {@link HoldBack} for the sizes and why. Not thread-safe: one per stream.
 */
public final class OutputGuard {
    /** What the guard decided after some text: what may now be sent, and the verdict when it stopped. */
    public record Step(String released, Judgement stop) {
        static final Step NOTHING = new Step("", null);

        public boolean stopped() {
            return stop != null;
        }
    }

    /** Decides on the hits found so far; called only when a window found new hits. */
    public interface Judge {
        Judgement judge(List<Hit> hits, int textLength);
    }

    private final Screener screener;
    private final HoldBack window;
    private final Judge judge;
    private final int charsMax;
    private final StringBuilder text = new StringBuilder();
    private final List<Hit> hits = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private int committed;
    private int released;
    private Judgement last;
    private Judgement stop;
    private int screenings;
    private long screenedChars;

    public OutputGuard(Screener screener, HoldBack window, Judge judge, int charsMax) {
        this.screener = Objects.requireNonNull(screener);
        this.window = Objects.requireNonNull(window);
        this.judge = Objects.requireNonNull(judge);
        this.charsMax = charsMax;
    }

    /** Adds streamed text; returns what may be sent now (possibly nothing) or the stop. */
    public Step append(CharSequence delta) {
        if (stop != null) return new Step("", stop);
        text.append(delta);
        if (text.length() > charsMax) {
            stop = Judgement.tooLong(charsMax);
            return new Step("", stop);
        }
        int point = text.length() - HoldBack.LOOKAHEAD_CHARS;
        if (point - committed < window.stepChars()) return Step.NOTHING;
        return screen(point, false);
    }

    /** The upstream finished: screens the rest and releases everything that is clean. */
    public Step finish() {
        if (stop != null) return new Step("", stop);
        return screen(text.length(), true);
    }

    private Step screen(int point, boolean last) {
        int from = Math.max(0, committed - window.overlapChars());
        if (from > 0 && Character.isLowSurrogate(text.charAt(from))) from--;
        if (!last && point > 0 && Character.isLowSurrogate(text.charAt(point))) point--; // never split a pair
        int end = text.length();
        screenings++;
        screenedChars += end - from;
        List<Hit> found = screener.screen(text.substring(from, end)).hits();
        boolean fresh = false;
        for (Hit h : found) {
            int s = from + h.start();
            int e = from + h.end();
            if (e <= committed || (!last && e > point))
                continue; // seen in an earlier window, or decided in a later one
            // A match whose run of repeats grew across windows shows up again with a longer end; keep it once.
            if (!seen.add(s + "\u0000" + h.detector() + "\u0000" + h.term())) continue;
            hits.add(new Hit(h.detector(), h.category(), h.severity(), s, e, h.normalized(), h.term()));
            fresh = true;
        }
        committed = point;
        if (fresh) {
            this.last = judge.judge(hits, text.length());
            if (this.last.stops()) {
                stop = this.last;
                return new Step("", stop);
            }
        }
        int upTo = last ? end : Math.max(released, committed - window.overlapChars());
        if (upTo > 0 && upTo < end && Character.isLowSurrogate(text.charAt(upTo))) upTo--;
        if (upTo <= released) return Step.NOTHING;
        String out = text.substring(released, upTo);
        released = upTo;
        return new Step(out, null);
    }

    /** Everything the upstream sent so far (what is stored), including text never released. */
    public String text() {
        return text.toString();
    }

    /** Hits found so far, with offsets into {@link #text()}. */
    public List<Hit> hits() {
        return List.copyOf(hits);
    }

    /** The latest judgement (null while no hit was found). */
    public Judgement judgement() {
        return last;
    }

    public int releasedChars() {
        return released;
    }

    public int screenings() {
        return screenings;
    }

    /** Characters read by all screenings together (at most about {@code (1 + overlap/step)} per character). */
    public long screenedChars() {
        return screenedChars;
    }
}
