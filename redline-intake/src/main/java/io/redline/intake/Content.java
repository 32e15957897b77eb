package io.redline.intake;

import java.time.Instant;
import java.util.List;

/** A stored piece of content. {@code id} is a time-ordered 63-bit id (sent as a string in JSON). */
public record Content(long id, Surface surface, String authorId, String externalId, String title, String text,
                      List<String> tags, List<String> images, String submittedBy, Instant createdAt) {}
