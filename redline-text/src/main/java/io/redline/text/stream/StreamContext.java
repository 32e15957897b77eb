package io.redline.text.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recent lines of each author in each stream (a live chat, a comment thread), so a message
 * split over several lines can be screened as one: by default the last {@value #LINES_DEFAULT}
 * lines within {@link #WINDOW_DEFAULT} of the new one.
 *
 * <p>Pure and bounded: no clock (callers pass each line's time, or null to use only the line
 * count), at most {@code linesMax} lines per author and stream and {@code keysMax} authors and
 * streams (the least recently active are forgotten). Not thread-safe: keep one per consumer, e.g.
 * per Kafka partition when streams are keyed to partitions.
 *
 * <pre>{@code
 * StreamContext context = new StreamContext();
 * List<PriorLine> prior = context.prior(stream, author, at);
 * List<CrossLineHit> assembled = StreamScreening.across(screener, prior, id, text);
 * context.add(stream, author, at, id, text);
 * }</pre>
 */
public final class StreamContext {
    public static final int LINES_DEFAULT = 8;
    public static final Duration WINDOW_DEFAULT = Duration.ofSeconds(120);
    /** Authors × streams remembered; at {@link StreamScreening#PRIOR_CHARS_MAX} chars a line, about 200 MB at most. */
    public static final int KEYS_DEFAULT = 50_000;

    private record Line(String id, String text, int offset, Instant at) {}

    private record Key(String stream, String author) {}

    private final int linesMax;
    private final Duration window;
    private final LinkedHashMap<Key, ArrayDeque<Line>> lines;

    public StreamContext() {
        this(LINES_DEFAULT, WINDOW_DEFAULT, KEYS_DEFAULT);
    }

    public StreamContext(int linesMax, Duration window, int keysMax) {
        if (linesMax < 1 || linesMax > 64) {
            throw new IllegalArgumentException("linesMax must be 1-64, not " + linesMax);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, not " + window);
        }
        if (keysMax < 1) {
            throw new IllegalArgumentException("keysMax must be positive, not " + keysMax);
        }
        this.linesMax = linesMax;
        this.window = window;
        this.lines = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ArrayDeque<Line>> eldest) {
                return size() > keysMax;
            }
        };
    }

    /**
     * The author's earlier lines in the stream that a line written at {@code at} may continue,
     * oldest first: the last {@code linesMax} lines, without those older than the window before
     * {@code at} (when both times are known). Empty without a stream or an author: a line of
     * unknown origin has no context.
     */
    public List<PriorLine> prior(String stream, String author, Instant at) {
        if (stream == null || author == null) {
            return List.of();
        }
        ArrayDeque<Line> q = lines.get(new Key(stream, author));
        if (q == null) {
            return List.of();
        }
        List<PriorLine> out = new ArrayList<>(q.size());
        Instant from = at == null ? null : at.minus(window);
        for (Line e : q) {
            if (from != null && e.at() != null && (e.at().isBefore(from) || e.at().isAfter(at))) {
                continue;
            }
            out.add(new PriorLine(e.id(), e.text(), e.offset()));
        }
        return out;
    }

    /** Remembers a line (call after screening it). Ignored without a stream or an author. */
    public void add(String stream, String author, Instant at, String id, String text) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (stream == null || author == null) {
            return;
        }
        ArrayDeque<Line> q = lines.computeIfAbsent(new Key(stream, author), k -> new ArrayDeque<>(linesMax));
        if (q.size() == linesMax) {
            q.removeFirst();
        }
        int from = StreamScreening.tailStart(text);
        q.addLast(new Line(id, text.substring(from), from, at));
    }
}
