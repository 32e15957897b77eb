package io.redline.media;

/**
 * A sign that a generation tool made or touched the file, short of a label.
 *
 * @param where the carrier, e.g. "PNG tEXt chunk 'parameters' at byte 41"
 * @param generator what it points to, e.g. "Stable Diffusion web UI generation parameters"
 */
public record GeneratorTrace(String where, String generator) {}
