package io.redline.media.scan;

import io.redline.media.Inspection;
import io.redline.media.MediaFormat;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decoding an upload to pixels, after the same header checks every other media path makes. */
public final class Pixels {
    private Pixels() {}

    /**
     * The image's pixels.
     *
     * @throws MediaFormatException as {@link MediaInspector#inspect} does for a bad or oversized
     *     file (checked from the headers before anything is decoded), or when no ImageIO decoder
     *     reads the format (the JDK's, and TwelveMonkeys' for WebP) or the pixel data is broken
     */
    public static BufferedImage decode(byte[] file, MediaLimits limits) throws MediaFormatException {
        Inspection header = MediaInspector.inspect(file, limits);
        MediaFormat format = header.format();
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT,
                    "cannot look inside " + format + " images: no decoder for them is installed");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            reader.setInput(in, true, true);
            // The header was checked above; check the decoder's own idea of the size too.
            long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
            if (pixels > limits.pixelsMax()) {
                throw new MediaFormatException(
                        MediaFormatException.Kind.LIMIT_EXCEEDED,
                        format + " is " + reader.getWidth(0) + "x" + reader.getHeight(0) + ", over the limit of "
                                + limits.pixelsMax() + " pixels");
            }
            return reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.CORRUPT, "cannot decode the " + format + " pixels: " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
