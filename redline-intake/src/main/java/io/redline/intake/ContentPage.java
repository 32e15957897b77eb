package io.redline.intake;

import java.util.List;

/** One page of content; {@code nextBeforeId} is null on the last page. */
public record ContentPage(List<Content> items, Long nextBeforeId) {}
