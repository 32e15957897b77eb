package io.redline.kafka;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recent lines of each author in each live stream, kept by the worker for the partitions it
 * owns (a stream's lines are keyed by stream id, so they all land on one partition and one
 * worker). It lets the fast path catch a phrase split over several lines ("加" / "微" / "信 xyz").
 *
 * <p>Bounded twice: at most {@link #LINES_MAX} lines and {@link #CHARS_MAX} characters per author
 * and stream (the screened window, so the cost per message stays constant), and at most
 * {@code pairsMax} author-stream pairs per partition, least recently active dropped first. Not
 * thread-safe: one partition's records are handled on one thread.
 */
final class StreamContext {
    static final int LINES_MAX = 5;
    static final int CHARS_MAX = 400;

    private final Map<String, ArrayDeque<String>> recent;

    StreamContext(int pairsMax) {
        this.recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<String>> eldest) {
                return size() > pairsMax;
            }
        };
    }

    /**
     * The author's previous lines in this stream joined with {@code line} (newest last, one per
     * line), clipped from the front to {@link #CHARS_MAX}; then remembers {@code line}.
     */
    String window(String streamId, String authorId, String line) {
        ArrayDeque<String> lines = recent.computeIfAbsent(streamId + '\u0000' + authorId, k -> new ArrayDeque<>());
        StringBuilder joined = new StringBuilder();
        for (String l : lines) joined.append(l).append('\n');
        joined.append(line);
        lines.addLast(line);
        while (lines.size() > LINES_MAX) lines.removeFirst();
        if (joined.length() <= CHARS_MAX) return joined.toString();
        int from = joined.length() - CHARS_MAX;
        if (Character.isLowSurrogate(joined.charAt(from))) from++; // never split a character
        return joined.substring(from);
    }

    int size() {
        return recent.size();
    }
}
