package io.redline.media.scan;

import java.util.List;

/**
 * A rectangle in the pixel coordinates of the image as uploaded (not of a scaled copy): left,
 * top, width, height. Serialised as {@code [x, y, w, h]}.
 */
public record Box(int x, int y, int w, int h) {
    public Box {
        if (w < 0 || h < 0) throw new IllegalArgumentException("box size must be >= 0: " + w + "x" + h);
    }

    /** The smallest box holding both. */
    public Box union(Box o) {
        int x0 = Math.min(x, o.x);
        int y0 = Math.min(y, o.y);
        int x1 = Math.max(x + w, o.x + o.w);
        int y1 = Math.max(y + h, o.y + o.h);
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** This box clipped to an image of the given size. */
    Box clip(int width, int height) {
        int x0 = Math.clamp(x, 0, width);
        int y0 = Math.clamp(y, 0, height);
        int x1 = Math.clamp((long) x + w, 0, width);
        int y1 = Math.clamp((long) y + h, 0, height);
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** Area of the overlap divided by the area of the union: 1 for equal boxes, 0 for disjoint ones. */
    public double iou(Box o) {
        long ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        long iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        long inter = ix * iy;
        long union = (long) w * h + (long) o.w * o.h - inter;
        return union == 0 ? 0 : (double) inter / union;
    }

    public List<Integer> toList() {
        return List.of(x, y, w, h);
    }
}
