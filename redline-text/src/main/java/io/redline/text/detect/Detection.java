package io.redline.text.detect;

/**
 * What a pattern detector found: a span [start, end) of the original text (UTF-16 offsets) and
 * the canonical value (digits of a phone number, the id after a cue, the host and path of a link).
 */
public record Detection(String detector, String category, int severity, int start, int end, String value) {}
