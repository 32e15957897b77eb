package io.redline.media.scan;

import java.util.List;

/**
 * The text of an image as one string (lines separated by {@code \n}), with every word's place in
 * the string and in the picture, so a text hit's span maps back to the pixels it came from.
 */
public record OcrText(String text, List<OcrWord> words) {
    public static final OcrText EMPTY = new OcrText("", List.of());

    public OcrText {
        words = List.copyOf(words);
    }

    /** The box around the words a span {@code [start, end)} of {@link #text()} touches; null when it touches none. */
    public Box boxOf(int start, int end) {
        Box box = null;
        for (OcrWord w : touching(start, end)) box = box == null ? w.box() : box.union(w.box());
        return box;
    }

    /** The lowest confidence among the words the span touches (a hit is as sure as its weakest word); 0 when none. */
    public double confidenceOf(int start, int end) {
        double c = Double.NaN;
        for (OcrWord w : touching(start, end)) c = Double.isNaN(c) ? w.confidence() : Math.min(c, w.confidence());
        return Double.isNaN(c) ? 0 : c;
    }

    private List<OcrWord> touching(int start, int end) {
        // Words are in text order: a binary search would do, but an image has at most a few hundred.
        return words.stream().filter(w -> w.start() < end && start < w.end()).toList();
    }
}
