package io.redline.media.scan;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * 8-bit grey levels of a picture, row by row: what ZXing and Tesseract read. Read straight from
 * the raster for the layouts the JDK's decoders produce (JPEG: 3-byte BGR; PNG: int or byte
 * RGB(A), grey), because going through {@code getRGB} or a Graphics2D copy cost a 1080×1440 JPEG
 * several times its decode (bench/image.sh). Transparent pixels read as white paper, not black ink.
 */
record Grey(byte[] pixels, int width, int height) {
    Grey {
        if (pixels.length != width * height)
            throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
    }

    static Grey of(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        byte[] out = new byte[w * h];
        boolean plain = image.getRaster().getParent() == null
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0;
        switch (plain ? image.getType() : BufferedImage.TYPE_CUSTOM) {
            case BufferedImage.TYPE_3BYTE_BGR -> {
                byte[] d = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                for (int i = 0, j = 0; i < out.length; i++, j += 3)
                    out[i] = luma(d[j + 2] & 0xff, d[j + 1] & 0xff, d[j] & 0xff);
            }
            case BufferedImage.TYPE_4BYTE_ABGR -> {
                byte[] d = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                for (int i = 0, j = 0; i < out.length; i++, j += 4)
                    out[i] = onWhite(luma(d[j + 3] & 0xff, d[j + 2] & 0xff, d[j + 1] & 0xff), d[j] & 0xff);
            }
            case BufferedImage.TYPE_INT_RGB -> {
                int[] d = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
                for (int i = 0; i < out.length; i++) out[i] = luma(d[i]);
            }
            case BufferedImage.TYPE_INT_ARGB -> {
                int[] d = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
                for (int i = 0; i < out.length; i++) out[i] = onWhite(luma(d[i]), d[i] >>> 24);
            }
            case BufferedImage.TYPE_BYTE_GRAY ->
                System.arraycopy(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, out, 0, out.length);
            default -> {
                // Palettes, 16-bit, premultiplied, sub-images: the colour model converts, a row at a time.
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    image.getRGB(0, y, w, 1, row, 0, w);
                    for (int x = 0; x < w; x++) out[y * w + x] = onWhite(luma(row[x]), row[x] >>> 24);
                }
            }
        }
        return new Grey(out, w, h);
    }

    private static byte luma(int rgb) {
        return luma((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /** ITU-R BT.601 weights, in integers (×1024). */
    private static byte luma(int r, int g, int b) {
        return (byte) ((r * 306 + g * 601 + b * 117) >> 10);
    }

    private static byte onWhite(byte grey, int alpha) {
        return (byte) (((grey & 0xff) * alpha + 255 * (255 - alpha)) / 255);
    }

    /**
     * A copy at {@code w×h}: each target pixel the mean of the source pixels it covers when
     * shrinking (so thin strokes and code modules fade instead of vanishing between samples),
     * bilinear when growing; the picture itself at its own size.
     */
    Grey scaled(int w, int h) {
        if (w == width && h == height) return this;
        if (w <= width && h <= height) return shrunk(w, h);
        return grown(w, h);
    }

    private Grey shrunk(int w, int h) {
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            int y0 = (int) ((long) y * height / h), y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * height / h));
            for (int x = 0; x < w; x++) {
                int x0 = (int) ((long) x * width / w), x1 = Math.max(x0 + 1, (int) ((long) (x + 1) * width / w));
                int sum = 0;
                for (int sy = y0; sy < y1; sy++) {
                    int base = sy * width;
                    for (int sx = x0; sx < x1; sx++) sum += pixels[base + sx] & 0xff;
                }
                out[y * w + x] = (byte) (sum / ((y1 - y0) * (x1 - x0)));
            }
        }
        return new Grey(out, w, h);
    }

    private Grey grown(int w, int h) {
        byte[] out = new byte[w * h];
        double fx = (double) width / w, fy = (double) height / h;
        for (int y = 0; y < h; y++) {
            double sy = Math.max(0, (y + 0.5) * fy - 0.5);
            int y0 = Math.min((int) sy, height - 1), y1 = Math.min(y0 + 1, height - 1);
            double wy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.max(0, (x + 0.5) * fx - 0.5);
                int x0 = Math.min((int) sx, width - 1), x1 = Math.min(x0 + 1, width - 1);
                double wx = sx - x0;
                double top = (pixels[y0 * width + x0] & 0xff) * (1 - wx) + (pixels[y0 * width + x1] & 0xff) * wx;
                double bottom = (pixels[y1 * width + x0] & 0xff) * (1 - wx) + (pixels[y1 * width + x1] & 0xff) * wx;
                out[y * w + x] = (byte) Math.round(top * (1 - wy) + bottom * wy);
            }
        }
        return new Grey(out, w, h);
    }
}
