package io.redline.rights.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Pictures drawn with Java2D, and the transformations a reposter applies, for the image copy tests and the benchmark. */
public final class Pictures {
    private Pictures() {}

    /** A "photo": a gradient sky, shapes in random colours, some text. */
    public static BufferedImage photo(long seed, int width, int height) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(
                new GradientPaint(0, 0, new Color(r.nextInt(0xFFFFFF)), width, height, new Color(r.nextInt(0xFFFFFF))));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(r.nextInt(0xFFFFFF)));
            int x = r.nextInt(width),
                    y = r.nextInt(height),
                    w = 20 + r.nextInt(width / 2),
                    h = 20 + r.nextInt(height / 2);
            switch (r.nextInt(3)) {
                case 0 -> g.fillOval(x - w / 2, y - h / 2, w, h);
                case 1 -> g.fillRect(x - w / 2, y - h / 2, w, h);
                default -> {
                    g.setStroke(new BasicStroke(3 + r.nextInt(12)));
                    g.drawLine(x, y, r.nextInt(width), r.nextInt(height));
                }
            }
        }
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, height / 8));
        g.drawString("note " + seed, width / 10, height / 2);
        g.dispose();
        return img;
    }

    /** The transformations the image copy recall is measured for, by name. */
    public static Map<String, UnaryOperator<BufferedImage>> transformations() {
        Map<String, UnaryOperator<BufferedImage>> out = new LinkedHashMap<>();
        out.put("identical", img -> img);
        out.put("resized 50%", img -> resize(img, 0.5));
        out.put("resized 170%", img -> resize(img, 1.7));
        out.put("jpeg q=0.4", img -> jpeg(img, 0.4f));
        out.put("cropped 2% each side", img -> crop(img, 0.02));
        out.put("cropped 5% each side", img -> crop(img, 0.05));
        out.put("mirrored", Pictures::mirror);
        out.put("rotated 90°", Pictures::rotate90);
        out.put("re-labelled", Pictures::relabel);
        out.put("resized 60% + jpeg q=0.6 + label", img -> relabel(jpeg(resize(img, 0.6), 0.6f)));
        return out;
    }

    public static BufferedImage resize(BufferedImage img, double scale) {
        int w = Math.max(1, (int) (img.getWidth() * scale)), h = Math.max(1, (int) (img.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    public static BufferedImage jpeg(BufferedImage img, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(img, null, null), param);
            }
            writer.dispose();
            return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BufferedImage crop(BufferedImage img, double share) {
        int dx = (int) (img.getWidth() * share), dy = (int) (img.getHeight() * share);
        return copy(img.getSubimage(dx, dy, img.getWidth() - 2 * dx, img.getHeight() - 2 * dy));
    }

    public static BufferedImage mirror(BufferedImage img) {
        return affine(img, new AffineTransform(-1, 0, 0, 1, img.getWidth(), 0), img.getWidth(), img.getHeight());
    }

    public static BufferedImage rotate90(BufferedImage img) {
        return affine(img, new AffineTransform(0, 1, -1, 0, img.getHeight(), 0), img.getHeight(), img.getWidth());
    }

    /** A reposter's caption bar with their handle across the bottom. */
    public static BufferedImage relabel(BufferedImage img) {
        BufferedImage out = copy(img);
        Graphics2D g = out.createGraphics();
        int h = out.getHeight() / 10;
        g.setColor(new Color(0, 0, 0, 140));
        g.fillRect(0, out.getHeight() - h, out.getWidth(), h);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, h * 2 / 3));
        g.drawString("@repost_daily 转载", 4, out.getHeight() - h / 4);
        g.dispose();
        return out;
    }

    public static Luma luma(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        return Luma.ofArgb(w, h, img.getRGB(0, 0, w, h, null, 0, w));
    }

    private static BufferedImage affine(BufferedImage img, AffineTransform t, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, t, null);
        g.dispose();
        return out;
    }

    private static BufferedImage copy(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }
}
