/**
 * AI-generated content labels in images: a pure library (no file or network I/O).
 *
 * <ul>
 *   <li>{@link io.redline.media.MediaInspector#inspect} reads the implicit label
 *       ({@link io.redline.media.AigcLabel}), C2PA, IPTC digital source type and generator
 *       traces of a PNG, JPEG or WebP and decides an {@link io.redline.vocabulary.AiMark};
 *   <li>{@link io.redline.media.ImplicitLabelWriter} writes the label into the metadata
 *       without touching pixel data;
 *   <li>{@link io.redline.media.ExplicitLabel} draws the visible mark on a copy;
 *       {@link io.redline.media.TextLabel} is the visible notice for generated text;
 *   <li>{@link io.redline.media.MediaLimits} bounds every allocation;
 *       {@link io.redline.media.MediaFormatException} says why a file was refused.
 * </ul>
 *
 * <p>Formats, carriers, choices and the mark table: {@code docs/aigc-labels.md}.
 */
package io.redline.media;
