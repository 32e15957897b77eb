package io.redline.text;

import java.util.Arrays;

/**
 * The hits of one screening before selection, one column per field so collecting them allocates
 * nothing per hit: category index, span in the original text, severity, and what found it — a
 * lexicon term (with the main-pass pattern that matched, whose normalised form is what was seen)
 * or a detection.
 */
final class Candidates {
    private static final int NO_PATTERN = -1;

    private int[] category = new int[32];
    private int[] start = new int[32];
    private int[] end = new int[32];
    private int[] severity = new int[32];
    /** Term index (≥ 0) or -(detection index + 1). */
    private int[] source = new int[32];
    /** Main-pass pattern id, or {@link #NO_PATTERN} (phonetic-pass matches, detections). */
    private int[] pattern = new int[32];

    private int size;

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    void addTerm(int categoryIndex, int startOffset, int endOffset, int termSeverity, int term, int patternId) {
        add(categoryIndex, startOffset, endOffset, termSeverity, term, patternId);
    }

    void addDetection(int categoryIndex, int startOffset, int endOffset, int detectionSeverity, int detection) {
        add(categoryIndex, startOffset, endOffset, detectionSeverity, -(detection + 1), NO_PATTERN);
    }

    private void add(int categoryIndex, int startOffset, int endOffset, int sev, int src, int patternId) {
        if (size == category.length) {
            int cap = size * 2;
            category = Arrays.copyOf(category, cap);
            start = Arrays.copyOf(start, cap);
            end = Arrays.copyOf(end, cap);
            severity = Arrays.copyOf(severity, cap);
            source = Arrays.copyOf(source, cap);
            pattern = Arrays.copyOf(pattern, cap);
        }
        category[size] = categoryIndex;
        start[size] = startOffset;
        end[size] = endOffset;
        severity[size] = sev;
        source[size] = src;
        pattern[size] = patternId;
        size++;
    }

    int category(int i) {
        return category[i];
    }

    int start(int i) {
        return start[i];
    }

    int end(int i) {
        return end[i];
    }

    int severity(int i) {
        return severity[i];
    }

    boolean isDetection(int i) {
        return source[i] < 0;
    }

    /** The lexicon term of a term candidate. */
    int term(int i) {
        return source[i];
    }

    /** The index into the screening's detections of a detection candidate. */
    int detection(int i) {
        return -source[i] - 1;
    }

    /** The main-pass pattern id, or -1 when the match came from the phonetic pass. */
    int pattern(int i) {
        return pattern[i];
    }
}
