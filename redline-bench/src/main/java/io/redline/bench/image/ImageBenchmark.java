package io.redline.bench.image;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.redline.decision.PictureFindings;
import io.redline.decision.PictureScreener;
import io.redline.decision.ScanCache;
import io.redline.media.MediaLimits;
import io.redline.media.scan.CodeScanner;
import io.redline.media.scan.ImageScan;
import io.redline.media.scan.ImageScanner;
import io.redline.media.scan.Pixels;
import io.redline.media.scan.TextReader;
import io.redline.text.Screener;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * bench/image.sh: pictures per second for codes only and codes + OCR at note size (1080×1440
 * JPEG), beside the floor of decoding the JPEG alone; the latency scanning adds to a note of nine
 * pictures on the server's one-thread picture pool; recall on the generated set, per picture; the
 * cost of a rescreen that reuses stored scans; and what a text-likelihood pre-check (edge density)
 * would save and lose.
 */
public final class ImageBenchmark {
    static final int W = 1080, H = 1440;
    static final MediaLimits LIMITS = MediaLimits.defaults();

    /** One generated picture and what was drawn on it. */
    record Sample(String name, byte[] jpeg, String code, String contact) {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        List<Sample> set = generate(n, 42);
        TextReader.Opened ocr = TextReader.open(1);
        if (!ocr.availability().available())
            throw new IllegalStateException(ocr.availability().detail());
        ImageScanner scanner = new ImageScanner(ocr);
        Screener screener = Screener.starter();
        System.out.println("== " + ocr.availability().detail() + "; " + n + " generated 1080x1440 JPEG pictures ("
                + set.stream().mapToInt(s -> s.jpeg().length).sum() / n / 1024 + " KiB average)");

        // Warm-up: JIT, Tesseract's first-use allocations.
        for (Sample s : set.subList(0, Math.min(4, n))) scanner.scan(s.jpeg(), LIMITS, true);

        double[] decode = perImageMs(set, s -> Pixels.decode(s.jpeg(), LIMITS));
        double[] codes = perImageMs(set, s -> CodeScanner.scan(Pixels.decode(s.jpeg(), LIMITS)));
        double[] both = perImageMs(set, s -> scanner.scan(s.jpeg(), LIMITS, true));
        System.out.printf(
                "decode only (floor)   median %7.1f ms  p90 %7.1f ms  %6.2f pictures/s%n",
                median(decode), p90(decode), 1000 / median(decode));
        System.out.printf(
                "codes (QR-only)       median %7.1f ms  p90 %7.1f ms  %6.2f pictures/s  (%.1fx the floor's time)%n",
                median(codes), p90(codes), 1000 / median(codes), median(codes) / median(decode));
        double[] codesNone = pick(codes, set, false), codesSome = pick(codes, set, true);
        System.out.printf(
                "  on pictures without a code  median %7.1f ms (%d)   with one  median %7.1f ms (%d)%n",
                median(codesNone), codesNone.length, median(codesSome), codesSome.length);
        System.out.printf(
                "codes + OCR           median %7.1f ms  p90 %7.1f ms  %6.2f pictures/s  (%.1fx the floor's time)%n",
                median(both), p90(both), 1000 / median(both), median(both) / median(decode));

        // A note of nine pictures, scanned one after another as the one-thread picture pool does.
        List<Double> notes = new ArrayList<>();
        for (int start = 0; start + 9 <= set.size(); start += 9) {
            long t0 = System.nanoTime();
            for (Sample s : set.subList(start, start + 9)) scanner.scan(s.jpeg(), LIMITS, true);
            notes.add((System.nanoTime() - t0) / 1e6);
        }
        double[] noteMs = notes.stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf(
                "9-picture note        median %7.0f ms added latency (codes + OCR, one thread), %d notes%n",
                median(noteMs), noteMs.length);

        // Recall on the generated set (every scan kept for the stored-scan figure below).
        int codesDrawn = 0, codesFound = 0, contactsDrawn = 0, contactsFound = 0, cleanFalse = 0, clean = 0;
        java.nio.file.Path scans = java.nio.file.Files.createTempDirectory("redline-bench-scans-");
        ScanCache cache = new ScanCache(scans);
        List<String> cases = new ArrayList<>();
        for (Sample s : set) {
            ImageScan scan = scanner.scan(s.jpeg(), LIMITS, true);
            cache.put(ScanCache.sha256(s.jpeg()), scanner.version(), scan);
            PictureFindings f = PictureScreener.screened(0, scan, screener);
            if (s.contact() != null) {
                boolean hit = f.hits().stream().anyMatch(h -> h.hit().category().equals("drainage"));
                cases.add(String.format(
                        "  %-5s %-22s drawn %-18s read %s",
                        hit ? "found" : "MISS",
                        s.name(),
                        s.contact(),
                        scan.text().text().replace("\n", " / ")));
            }
            if (s.code() != null) {
                codesDrawn++;
                if (scan.codes().stream().anyMatch(c -> c.payload().equals(s.code()))) codesFound++;
            }
            if (s.contact() != null) {
                contactsDrawn++;
                if (f.hits().stream().anyMatch(h -> h.hit().category().equals("drainage"))) contactsFound++;
            }
            if (s.code() == null && s.contact() == null) {
                clean++;
                if (!scan.codes().isEmpty() || !f.hits().isEmpty()) cleanFalse++;
            }
        }
        System.out.printf(
                "recall                codes %d/%d   contact text %d/%d   clean pictures with findings %d/%d%n",
                codesFound, codesDrawn, contactsFound, contactsDrawn, cleanFalse, clean);
        System.out.println("contact text, per picture:");
        cases.forEach(System.out::println);

        // A rescreen of stored pictures: the stored scan read back (by the picture's SHA-256) and
        // its text screened again, instead of ZXing and Tesseract.
        PictureScreener cached = new PictureScreener(scanner, LIMITS, PictureScreener.Pool.INLINE).withScanCache(cache);
        double[] reuse = perImageMs(set, s -> cached.screen(0, s.jpeg(), screener));
        System.out.printf(
                "rescreen, stored scan median %7.1f ms  p90 %7.1f ms  %6.0f pictures/s  (%.3fx codes + OCR)%n",
                median(reuse), p90(reuse), 1000 / median(reuse), median(reuse) / median(both));

        // Pre-check candidate: edge density (share of strong horizontal luminance steps).
        System.out.println("pre-check candidate (edge density; not in the product):");
        for (Sample s : set) {
            BufferedImage img = Pixels.decode(s.jpeg(), LIMITS);
            long t0 = System.nanoTime();
            double d = edgeDensity(img);
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf("  %-22s text=%-5s edges=%.4f  (%.1f ms)%n", s.name(), s.contact() != null, d, ms);
        }
        ocr.reader().close();
    }

    interface Work {
        Object run(Sample s) throws Exception;
    }

    static double[] perImageMs(List<Sample> set, Work w) throws Exception {
        double[] out = new double[set.size()];
        for (int i = 0; i < set.size(); i++) {
            long t0 = System.nanoTime();
            w.run(set.get(i));
            out[i] = (System.nanoTime() - t0) / 1e6;
        }
        return out;
    }

    /** The timings of the pictures with ({@code withCode}) or without a drawn code. */
    static double[] pick(double[] ms, List<Sample> set, boolean withCode) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) if ((set.get(i).code() != null) == withCode) out.add(ms[i]);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double p90(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.9) - 1)];
    }

    static double edgeDensity(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight(), edges = 0, total = 0;
        for (int y = 0; y < h; y += 2) {
            int prev = -1;
            for (int x = 0; x < w; x += 1) {
                int p = img.getRGB(x, y);
                int l = ((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff);
                if (prev >= 0 && Math.abs(l - prev) > 600) edges++;
                prev = l;
                total++;
            }
        }
        return (double) edges / total;
    }

    /** Four kinds in turn: a code, contact text, both, neither; on gradients or busy backgrounds. */
    static List<Sample> generate(int n, long seed) throws Exception {
        Random rnd = new Random(seed);
        String[] codes = {
            "https://u.wechat.com/MDx7a9Kq-3fZ1mQ",
            "https://weixin.qq.com/g/AwYAAKx9Zr3mQ1",
            "https://qr.alipay.com/fkx19375abc",
            "https://m.tb.cn/h.5x9QaZ",
            "https://qm.qq.com/q/8fK2x"
        };
        String[] contacts = {"微信 xhs_shop2024", "电话 13800138000", "加V: meimei_8866", "QQ 2843390021", "手机 139-1234-5678"
        };
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int kind = i % 4;
            boolean busy = (i / 4) % 2 == 1;
            BufferedImage img = background(busy, rnd);
            String code = kind == 0 || kind == 2 ? codes[i % codes.length] : null;
            String contact = kind == 1 || kind == 2 ? contacts[i % contacts.length] : null;
            if (code != null) {
                int side = 120 + rnd.nextInt(260);
                // Codes go in the lower part, text at the top: a code drawn over the text hides it.
                drawCode(
                        img,
                        code,
                        rnd.nextInt(W - side - 40) + 20,
                        500 + rnd.nextInt(H - side - 540),
                        side,
                        rnd.nextInt(31) - 15);
            }
            if (contact != null) {
                Graphics2D g = img.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(new Font("Noto Sans CJK SC", Font.BOLD, 48 + rnd.nextInt(24)));
                g.setColor(new Color(20 + rnd.nextInt(60), 20, 20));
                g.drawString(contact, 60 + rnd.nextInt(200), 150 + rnd.nextInt(200));
                g.dispose();
            }
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(img, "jpeg", jpeg);
            String name = (code != null ? "code" : "") + (contact != null ? "text" : "") + (kind == 3 ? "clean" : "")
                    + (busy ? "-busy" : "-gradient") + "-" + i;
            out.add(new Sample(name, jpeg.toByteArray(), code, contact));
        }
        return out;
    }

    static BufferedImage background(boolean busy, Random rnd) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(240, 220, 200), W, H, new Color(160, 190, 230)));
        g.fillRect(0, 0, W, H);
        if (busy) {
            for (int i = 0; i < 300; i++) {
                g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 80));
                int s = 20 + rnd.nextInt(160);
                g.fillOval(rnd.nextInt(W), rnd.nextInt(H), s, s);
            }
        }
        g.dispose();
        return img;
    }

    static void drawCode(BufferedImage on, String payload, int x, int y, int side, double degrees) throws Exception {
        BitMatrix m =
                new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, side, side, Map.of(EncodeHintType.MARGIN, 2));
        BufferedImage code = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < m.getHeight(); j++)
            for (int i = 0; i < m.getWidth(); i++) code.setRGB(i, j, m.get(i, j) ? 0 : 0xFFFFFF);
        Graphics2D g = on.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.rotate(Math.toRadians(degrees), code.getWidth() / 2.0, code.getHeight() / 2.0);
        g.drawImage(code, t, null);
        g.dispose();
    }

    private ImageBenchmark() {}
}
