package io.redline.intake;

/** One thing wrong with a submission: a JSON-pointer-like field path and what to fix. */
public record FieldError(String field, String message) {}
