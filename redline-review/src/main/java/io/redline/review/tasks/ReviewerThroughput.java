package io.redline.review.tasks;

/** Tasks a reviewer decided in a window (quality samples included). */
public record ReviewerThroughput(String reviewer, long decided) {}
