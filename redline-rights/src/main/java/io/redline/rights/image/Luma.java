package io.redline.rights.image;

/**
 * An image's luminance as floats, row-major: the only input the perceptual hashes need. Built
 * from packed ARGB pixels (what {@code BufferedImage.getRGB} returns) so the engine needs no
 * imaging library; the caller decodes, and bounds the pixel count before it does.
 */
public record Luma(int width, int height, float[] values) {
    /** 50 megapixels: above any photo a creator posts, below a decompression bomb's reach. */
    public static final long PIXELS_MAX = 50_000_000L;

    public Luma {
        if (width < 1 || height < 1 || (long) width * height > PIXELS_MAX) {
            throw new IllegalArgumentException(
                    "image must be 1.." + PIXELS_MAX + " pixels, got " + width + "×" + height);
        }
        if (values.length != width * height)
            throw new IllegalArgumentException("expected " + width * height + " values, got " + values.length);
    }

    /** ITU-R BT.601 luma (0.299 R + 0.587 G + 0.114 B), as the PDQ specification prescribes; alpha is ignored. */
    public static Luma ofArgb(int width, int height, int[] argb) {
        if ((long) width * height != argb.length)
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels, got " + argb.length);
        float[] y = new float[argb.length];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            y[i] = 0.299f * ((p >> 16) & 0xFF) + 0.587f * ((p >> 8) & 0xFF) + 0.114f * (p & 0xFF);
        }
        return new Luma(width, height, y);
    }

    /** The centre of this image with {@code share} of the width and height cut from each side. */
    public Luma cropCentre(double share) {
        if (!(share >= 0 && share < 0.5))
            throw new IllegalArgumentException("crop share must be in [0, 0.5), got " + share);
        int dx = (int) (width * share), dy = (int) (height * share);
        int w = width - 2 * dx, h = height - 2 * dy;
        float[] out = new float[w * h];
        for (int r = 0; r < h; r++) System.arraycopy(values, (r + dy) * width + dx, out, r * w, w);
        return new Luma(w, h, out);
    }
}
