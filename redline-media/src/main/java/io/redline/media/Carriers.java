package io.redline.media;

import java.util.ArrayList;
import java.util.List;

/**
 * What a container parser found, format-independent: declared dimensions and copies of the
 * metadata blocks that can carry labels (each copy bounded by {@link MediaLimits}).
 */
final class Carriers {

    /** A raw metadata block and where it was found, e.g. "JPEG APP1 XMP at byte 20". */
    record Block(String where, byte[] bytes) {}

    /** A decoded keyword/text pair, e.g. a PNG tEXt chunk or a JPEG COM segment. */
    record Text(String where, String keyword, String text) {}

    /** A C2PA/JUMBF store; {@code bytes} is null when it was over the metadata limit. */
    record Jumbf(String where, byte[] bytes, long size) {}

    final MediaFormat format;
    int width;
    int height;
    final List<Block> xmp = new ArrayList<>();
    final List<Block> exif = new ArrayList<>();
    final List<Text> texts = new ArrayList<>();
    final List<Jumbf> c2pa = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** The whole file, for the C2PA hard binding (set by {@link MediaInspector#carriers}). */
    byte[] file = new byte[0];

    Carriers(MediaFormat format) {
        this.format = format;
    }
}
