package io.redline.media.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.redline.store.SystemPackages;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/** Test pictures drawn in memory: QR codes from ZXing's writer, text in Noto Sans CJK, photo-like noise. */
final class Pictures {
    static final String CJK_FONT = "Noto Sans CJK SC";

    private Pictures() {}

    static BufferedImage canvas(int w, int h, Color background) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** A soft diagonal gradient, like a product photo's backdrop. */
    static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 228, 200), w, h, new Color(170, 200, 235)));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** Blobs and speckle in many colours: a busy photo, where binarisation is hard. */
    static BufferedImage busy(int w, int h, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = gradient(w, h);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 90));
            int s = 10 + rnd.nextInt(120);
            g.fillOval(rnd.nextInt(w), rnd.nextInt(h), s, s);
        }
        g.dispose();
        for (int i = 0; i < w * h / 20; i++) {
            int x = rnd.nextInt(w), y = rnd.nextInt(h);
            int v = rnd.nextInt(256);
            img.setRGB(x, y, new Color(v, v, v).getRGB());
        }
        return img;
    }

    /** Many translucent blobs over a gradient (bench/image.sh's busy backgrounds): a global threshold fails. */
    static BufferedImage blobs(int w, int h, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = gradient(w, h);
        Graphics2D g = img.createGraphics();
        for (int i = 0; i < 300; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 80));
            int s = 20 + rnd.nextInt(160);
            g.fillOval(rnd.nextInt(w), rnd.nextInt(h), s, s);
        }
        g.dispose();
        return img;
    }

    /** A QR code of {@code sidePx} pixels including its quiet zone, as ZXing's writer makes it. */
    static BufferedImage qr(String payload, int sidePx) {
        try {
            BitMatrix m = new QRCodeWriter()
                    .encode(payload, BarcodeFormat.QR_CODE, sidePx, sidePx, Map.of(EncodeHintType.MARGIN, 2));
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < m.getHeight(); y++)
                for (int x = 0; x < m.getWidth(); x++) img.setRGB(x, y, m.get(x, y) ? 0x000000 : 0xFFFFFF);
            return img;
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Draws {@code code} at (x, y), turned by {@code degrees} about its centre; returns the drawn area's box. */
    static Box place(BufferedImage on, BufferedImage code, int x, int y, double degrees) {
        Graphics2D g = on.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.rotate(Math.toRadians(degrees), code.getWidth() / 2.0, code.getHeight() / 2.0);
        g.drawImage(code, t, null);
        g.dispose();
        Rectangle2D r = t.createTransformedShape(new Rectangle2D.Double(0, 0, code.getWidth(), code.getHeight()))
                .getBounds2D();
        return new Box((int) r.getX(), (int) r.getY(), (int) r.getWidth(), (int) r.getHeight());
    }

    /** Writes {@code text} with its top-left at (x, y) in the CJK font; returns the ink's box. */
    static Box write(BufferedImage on, String text, int x, int y, int sizePx, Color color) {
        Graphics2D g = on.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        SystemPackages.require("fonts-noto-cjk");
        Font font = new Font(CJK_FONT, Font.PLAIN, sizePx);
        g.setFont(font);
        g.setColor(color);
        FontRenderContext frc = g.getFontRenderContext();
        Rectangle2D ink = font.createGlyphVector(frc, text).getVisualBounds();
        int baseline = y + (int) Math.ceil(-ink.getY());
        g.drawString(text, x, baseline);
        g.dispose();
        return new Box(
                x + (int) Math.floor(ink.getX()), y, (int) Math.ceil(ink.getWidth()), (int) Math.ceil(ink.getHeight()));
    }

    static byte[] jpeg(BufferedImage img) {
        return encode(img, "jpeg");
    }

    static BufferedImage decodeJpeg(byte[] jpeg) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    /**
     * A lossless WebP (VP8L) of the picture turned black and white at mid-grey: no JDK or Maven
     * library writes WebP, so this writes the bitstream itself — no transforms, no colour cache,
     * and "simple" prefix codes of two literal symbols (0 and 255) for green, red and blue and one
     * (255) for alpha, so each pixel costs three bits.
     */
    static byte[] webpBilevel(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        Bits b = new Bits();
        b.put(0x2F, 8); // VP8L signature
        b.put(w - 1, 14);
        b.put(h - 1, 14);
        b.put(0, 1); // no alpha
        b.put(0, 3); // version 0
        b.put(0, 1); // no transform
        b.put(0, 1); // no colour cache
        b.put(0, 1); // no meta prefix codes
        for (int channel = 0; channel < 3; channel++) { // green, red, blue: symbols 0 and 255
            b.put(1, 1); // simple code
            b.put(1, 1); // two symbols
            b.put(1, 1); // first symbol in 8 bits
            b.put(0, 8);
            b.put(255, 8);
        }
        for (int symbol : new int[] {255, 0}) { // alpha: always 255; distance: never used
            b.put(1, 1);
            b.put(0, 1);
            b.put(1, 1);
            b.put(symbol, 8);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int grey = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;
                b.put(grey >= 128 ? 0b111 : 0, 3); // green, red, blue: code 1 is 255, code 0 is 0
            }
        }
        byte[] vp8l = b.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int padded = vp8l.length + (vp8l.length & 1);
        out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        le32(out, 4 + 8 + padded);
        out.writeBytes("WEBPVP8L".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        le32(out, vp8l.length);
        out.writeBytes(vp8l);
        if ((vp8l.length & 1) == 1) out.write(0);
        return out.toByteArray();
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) out.write((v >>> (8 * i)) & 0xff);
    }

    /** VP8L's bit order: least significant bit first. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        void put(long value, int count) {
            acc |= (value & ((1L << count) - 1)) << n;
            n += count;
            while (n >= 8) {
                out.write((int) (acc & 0xff));
                acc >>>= 8;
                n -= 8;
            }
        }

        byte[] bytes() {
            if (n > 0) out.write((int) (acc & 0xff));
            acc = 0;
            n = 0;
            return out.toByteArray();
        }
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no " + format + " writer");
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
