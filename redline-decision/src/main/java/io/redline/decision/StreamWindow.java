package io.redline.decision;

import io.redline.text.stream.StreamContext;
import java.time.Duration;
import java.util.Objects;

/**
 * How much of a stream a decision looks back at: a live-chat or comment item that names its
 * stream is screened with the same author's last {@code itemsMax} items in that stream created
 * within {@code window} before it (docs/decisions.md, "Streams"). The defaults are the text
 * engine's ({@link StreamContext#LINES_DEFAULT} items within {@link StreamContext#WINDOW_DEFAULT}).
 *
 * @param itemsMax 0 turns the stream context off; at most {@value #ITEMS_MAX}
 * @param window   at most {@link #WINDOW_MAX}
 */
public record StreamWindow(int itemsMax, Duration window) {
    /** Most earlier items: each costs at most a few hundred characters of screening (see {@code StreamScreening}). */
    public static final int ITEMS_MAX = 64;
    /** A chat message split over lines is typed within minutes, not hours. */
    public static final Duration WINDOW_MAX = Duration.ofHours(1);

    public static final StreamWindow DEFAULT =
            new StreamWindow(StreamContext.LINES_DEFAULT, StreamContext.WINDOW_DEFAULT);

    public static final StreamWindow OFF = new StreamWindow(0, StreamContext.WINDOW_DEFAULT);

    public StreamWindow {
        Objects.requireNonNull(window, "window");
        if (itemsMax < 0 || itemsMax > ITEMS_MAX)
            throw new IllegalArgumentException("stream items must be 0.." + ITEMS_MAX + ", was " + itemsMax);
        if (window.toMillis() < 1 || window.compareTo(WINDOW_MAX) > 0)
            throw new IllegalArgumentException("stream window must be 1 ms.." + WINDOW_MAX + ", was " + window);
    }

    public boolean on() {
        return itemsMax > 0;
    }
}
