package io.redline.media.scan;

import io.redline.media.Inspection;
import io.redline.media.MediaFormat;
import io.redline.media.MediaFormatException;
import io.redline.media.MediaInspector;
import io.redline.media.MediaLimits;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
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
     *     file (checked from the headers before anything is decoded), or when no decoder in the
     *     JDK reads the format (WebP) or the pixel data is broken
     */
    public static BufferedImage decode(byte[] file, MediaLimits limits) throws MediaFormatException {
        Inspection header = MediaInspector.inspect(file, limits);
        MediaFormat format = header.format();
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.UNSUPPORTED_FORMAT,
                    "cannot look inside " + format + " images: the JDK has no decoder for them");
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

    /** A copy at {@code w×h} (bilinear), or the image itself at its own size. */
    static BufferedImage scaled(BufferedImage image, int w, int h) {
        if (w == image.getWidth() && h == image.getHeight() && image.getType() == BufferedImage.TYPE_INT_RGB)
            return image;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE); // transparent PNG areas read as paper, not as black ink
            g.fillRect(0, 0, w, h);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** RGB pixels of a {@code w×h} copy, row by row. */
    static int[] argb(BufferedImage image, int w, int h) {
        return scaled(image, w, h).getRGB(0, 0, w, h, null, 0, w);
    }

    /** 8-bit grey levels of a {@code w×h} copy, row by row (what Tesseract reads). */
    static byte[] grey(BufferedImage image, int w, int h) {
        int[] rgb = argb(image, w, h);
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
            out[i] = (byte) ((r * 299 + g * 587 + b * 114) / 1000);
        }
        return out;
    }
}
