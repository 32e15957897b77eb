package io.redline.media.scan;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
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
 * <p>Passes, each only when the ones before found nothing: the image at up to
 * {@link #SIDE_PX_MAX} (try-harder, several QR codes, then any symbology); a copy at half that
 * size (a code printed large on a busy photo binarises better smaller); a copy scaled up to
 * {@link #UPSCALE_SIDE_PX} (a code of a few dozen pixels has modules under 2 px, below what the
 * finder-pattern detector resolves). ZXing's QR detector is rotation-invariant, so rotated codes
 * need no pass of their own.
 */
public final class CodeScanner {
    /** Longest side scanned; a 1080×1440 note image is scanned as is, a 50 MP photo at 2048. */
    public static final int SIDE_PX_MAX = 2048;
    /** The long side of the upscaled retry. */
    static final int UPSCALE_SIDE_PX = 1600;
    /** Codes reported per image; more is a sticker sheet, and the first ones decide anyway. */
    public static final int CODES_MAX = 16;

    private static final Map<DecodeHintType, Object> HINTS = hints();

    private CodeScanner() {}

    public static List<FoundCode> scan(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int side = Math.max(w, h);
        double base = side > SIDE_PX_MAX ? (double) SIDE_PX_MAX / side : 1.0;
        List<FoundCode> found = pass(image, base);
        if (found.isEmpty()) found = pass(image, base / 2);
        if (found.isEmpty() && side * base < UPSCALE_SIDE_PX) found = pass(image, (double) UPSCALE_SIDE_PX / side);
        return found;
    }

    private static List<FoundCode> pass(BufferedImage image, double scale) {
        int sw = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int sh = Math.max(1, (int) Math.round(image.getHeight() * scale));
        if (Math.min(sw, sh) < 21) return List.of(); // smaller than the smallest QR code
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(Luminance.of(image, sw, sh)));
        List<Result> results = new ArrayList<>();
        try {
            results.addAll(List.of(new QRCodeMultiReader().decodeMultiple(bitmap, HINTS)));
        } catch (NotFoundException e) {
            // no QR code at this scale; barcodes next
        }
        try {
            for (Result r : new GenericMultipleBarcodeReader(new MultiFormatReader()).decodeMultiple(bitmap, HINTS)) {
                if (results.stream().noneMatch(q -> q.getText().equals(r.getText()))) results.add(r);
            }
        } catch (NotFoundException e) {
            // nothing at this scale
        }
        List<FoundCode> out = new ArrayList<>();
        for (Result r : results) {
            if (out.size() == CODES_MAX) break;
            Box box = boxOf(r, scale, image.getWidth(), image.getHeight());
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

    private static Map<DecodeHintType, Object> hints() {
        Map<DecodeHintType, Object> h = new EnumMap<>(DecodeHintType.class);
        h.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        h.put(DecodeHintType.CHARACTER_SET, "UTF-8");
        h.put(
                DecodeHintType.POSSIBLE_FORMATS,
                List.of(
                        BarcodeFormat.QR_CODE,
                        BarcodeFormat.DATA_MATRIX,
                        BarcodeFormat.AZTEC,
                        BarcodeFormat.PDF_417,
                        BarcodeFormat.EAN_13,
                        BarcodeFormat.EAN_8,
                        BarcodeFormat.UPC_A,
                        BarcodeFormat.CODE_128));
        return Map.copyOf(h);
    }

    /** Grey levels of a (scaled) copy, for ZXing. */
    static final class Luminance {
        static LuminanceSource of(BufferedImage image, int w, int h) {
            return new com.google.zxing.RGBLuminanceSource(w, h, Pixels.argb(image, w, h));
        }

        private Luminance() {}
    }
}
