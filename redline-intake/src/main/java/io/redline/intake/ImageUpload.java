package io.redline.intake;

/** An image uploaded with a content item: the raw bytes as the client sent them. */
public record ImageUpload(String filename, byte[] bytes) {}
