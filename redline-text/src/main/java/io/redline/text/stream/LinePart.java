package io.redline.text.stream;

/**
 * The part of one line a cross-line hit covers.
 *
 * @param lineId the line's id ({@link PriorLine#id()}, or the current line's id)
 * @param start  UTF-16 offset in that line, inclusive
 * @param end    UTF-16 offset in that line, exclusive
 */
public record LinePart(String lineId, int start, int end) {}
