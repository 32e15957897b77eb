package io.redline.intake;

/** The result of a submission: the stored content and whether this was an idempotent replay. */
public record Receipt(Content content, boolean replayed) {}
