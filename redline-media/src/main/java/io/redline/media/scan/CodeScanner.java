package io.redline.media.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.ResultPointCallback;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.detector.FinderPattern;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Finds every QR code and barcode in an image with ZXing. Thread-safe (each call makes its own
 * readers; they are cheap).
 *
 * <p>Most pictures show no code, so the passes are ordered by what they cost on those:
 *
 * <ol>
 *   <li>a <b>first pass</b> on the picture at up to {@link #SIDE_PX_MAX}: QR codes try-harder
 *       (every third row, looking for the 1:1:3:1:1 rings in a code's corners: milliseconds on a
 *       note picture), then the other symbologies without try-harder (their try-harder scans every row
 *       and the picture turned, which cost most of the old time on pictures without codes). ZXing
 *       reports through a result-point callback every spot that passed its finder-pattern cross
 *       checks, decoded or not;
 *   <li>when it saw none, a quick QR check on a copy at half that size (a code printed large on a
 *       busy photo binarises better smaller; a quarter of the pixels);
 *   <li>only where some pass saw finder-like spots, the remaining <b>try-harder passes</b> for QR
 *       codes: at half size, and scaled up to {@link #UPSCALE_SIDE_PX} (a code of a few dozen
 *       pixels has modules of about 2 px, at the edge of what the detector resolves), each only
 *       while the ones before found nothing.
 * </ol>
 *
 * <p>A picture without finder-like spots thus costs one grey conversion, one binarisation, the
 * first pass and a quarter-size QR check. ZXing's QR detector is rotation-invariant, so rotated
 * codes need no pass of their own. Barcodes other than QR are read by the first pass only.
 */
public final class CodeScanner {
    /** Longest side scanned; a 1080×1440 note image is scanned as is, a 50 MP photo at 2048. */
    public static final int SIDE_PX_MAX = 2048;
    /** The long side of the upscaled retry. */
    static final int UPSCALE_SIDE_PX = 1600;
    /** Codes reported per image; more is a sticker sheet, and the first ones decide anyway. */
    public static final int CODES_MAX = 16;

    private static final List<BarcodeFormat> QR = List.of(BarcodeFormat.QR_CODE);
    private static final List<BarcodeFormat> OTHERS = List.of(
            BarcodeFormat.DATA_MATRIX,
            BarcodeFormat.AZTEC,
            BarcodeFormat.PDF_417,
            BarcodeFormat.EAN_13,
            BarcodeFormat.EAN_8,
            BarcodeFormat.UPC_A,
            BarcodeFormat.CODE_128);
    private static final Map<DecodeHintType, Object> OTHERS_QUICK = hints(OTHERS, false);
    private static final Map<DecodeHintType, Object> QR_HARD = hints(QR, true);

    private CodeScanner() {}

    public static List<FoundCode> scan(BufferedImage image) {
        return scan(Grey.of(image));
    }

    static List<FoundCode> scan(Grey image) {
        int w = image.width();
        int h = image.height();
        int side = Math.max(w, h);
        double base = side > SIDE_PX_MAX ? (double) SIDE_PX_MAX / side : 1.0;
        Grey atBase = scaledTo(image, base);
        if (atBase == null) return List.of(); // smaller than the smallest QR code
        BinaryBitmap bitmap = bitmap(atBase);
        FinderSpots spots = new FinderSpots();
        List<Result> results = qr(bitmap, spots.hints(true));
        if (results.isEmpty()) results = others(bitmap);
        if (!results.isEmpty()) return found(results, base, w, h);

        Grey atHalf = scaledTo(atBase, 0.5);
        if (spots.seen == 0 && atHalf != null) {
            results = qr(bitmap(atHalf), spots.hints(false));
            if (!results.isEmpty()) return found(results, base / 2, w, h);
        }
        if (spots.seen == 0) return List.of();

        if (atHalf != null) {
            results = qr(bitmap(atHalf), QR_HARD);
            if (!results.isEmpty()) return found(results, base / 2, w, h);
        }
        if (side * base < UPSCALE_SIDE_PX) {
            double up = (double) UPSCALE_SIDE_PX / side;
            results = qr(bitmap(scaledTo(image, up)), QR_HARD);
            if (!results.isEmpty()) return found(results, up, w, h);
        }
        return List.of();
    }

    /** Counts the spots ZXing's finder-pattern search confirmed in a pass (one callback each). */
    private static final class FinderSpots {
        int seen;

        Map<DecodeHintType, Object> hints(boolean tryHarder) {
            Map<DecodeHintType, Object> h = new EnumMap<>(CodeScanner.hints(QR, tryHarder));
            h.put(DecodeHintType.NEED_RESULT_POINT_CALLBACK, (ResultPointCallback) p -> seen++);
            return h;
        }
    }

    private static Grey scaledTo(Grey image, double scale) {
        int sw = Math.max(1, (int) Math.round(image.width() * scale));
        int sh = Math.max(1, (int) Math.round(image.height() * scale));
        if (Math.min(sw, sh) < 21) return null;
        return image.scaled(sw, sh);
    }

    private static BinaryBitmap bitmap(Grey g) {
        return new BinaryBitmap(new HybridBinarizer(
                new PlanarYUVLuminanceSource(g.pixels(), g.width(), g.height(), 0, 0, g.width(), g.height(), false)));
    }

    private static List<Result> qr(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
        try {
            return List.of(new QRCodeMultiReader().decodeMultiple(bitmap, hints));
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    private static List<Result> others(BinaryBitmap bitmap) {
        try {
            return List.of(
                    new GenericMultipleBarcodeReader(new MultiFormatReader()).decodeMultiple(bitmap, OTHERS_QUICK));
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    private static List<FoundCode> found(List<Result> results, double scale, int width, int height) {
        List<FoundCode> out = new ArrayList<>();
        for (Result r : results) {
            if (out.size() == CODES_MAX) break;
            if (out.stream().anyMatch(c -> c.payload().equals(r.getText()))) continue;
            Box box = boxOf(r, scale, width, height);
            out.add(new FoundCode(r.getText(), r.getBarcodeFormat().name(), CodeKind.of(r.getText()), box));
        }
        return out;
    }

    /**
     * ZXing reports a QR code's three finder-pattern centres (and maybe an alignment pattern), not
     * its corners: complete the fourth corner from the other three and pad by the 3.5 modules
     * between a finder centre and the code's edge. A barcode's points lie on its scan line.
     */
    static Box boxOf(Result r, double scale, int width, int height) {
        ResultPoint[] points = r.getResultPoints();
        if (points == null || points.length == 0) return new Box(0, 0, width, height);
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -1, maxY = -1;
        List<double[]> xy = new ArrayList<>();
        for (ResultPoint p : points) if (p != null) xy.add(new double[] {p.getX(), p.getY()});
        double pad = 0;
        if (r.getBarcodeFormat() == BarcodeFormat.QR_CODE
                && points.length >= 3
                && points[0] instanceof FinderPattern f) {
            // points: bottom-left, top-left, top-right
            xy.add(new double[] {
                points[0].getX() + points[2].getX() - points[1].getX(),
                points[0].getY() + points[2].getY() - points[1].getY()
            });
            pad = 3.5 * f.getEstimatedModuleSize();
        }
        for (double[] p : xy) {
            minX = Math.min(minX, p[0]);
            minY = Math.min(minY, p[1]);
            maxX = Math.max(maxX, p[0]);
            maxY = Math.max(maxY, p[1]);
        }
        int x0 = (int) Math.floor((minX - pad) / scale);
        int y0 = (int) Math.floor((minY - pad) / scale);
        int x1 = (int) Math.ceil((maxX + pad) / scale);
        int y1 = (int) Math.ceil((maxY + pad) / scale);
        return new Box(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0)).clip(width, height);
    }

    private static Map<DecodeHintType, Object> hints(List<BarcodeFormat> formats, boolean tryHarder) {
        Map<DecodeHintType, Object> h = new EnumMap<>(DecodeHintType.class);
        if (tryHarder) h.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        h.put(DecodeHintType.CHARACTER_SET, "UTF-8");
        h.put(DecodeHintType.POSSIBLE_FORMATS, formats);
        return Map.copyOf(h);
    }
}
