package io.redline.media.scan;

import io.redline.media.MediaFormatException;
import io.redline.media.MediaLimits;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * Looks at what a picture shows: QR codes and barcodes ({@link CodeScanner}, always) and text
 * ({@link TextReader}, when Tesseract is installed and the caller asks). Thread-safe. It does the
 * work on the caller's thread: callers put it on a bounded pool (OCR of one 1080×1440 image is
 * a few hundred milliseconds of one core).
 */
public final class ImageScanner {
    private final TextReader reader;
    private final TextReader.Availability ocr;

    /** @param opened {@link TextReader#open}'s result; its reader may be null (then text is never read) */
    public ImageScanner(TextReader.Opened opened) {
        Objects.requireNonNull(opened, "opened");
        this.reader = opened.reader();
        this.ocr = opened.availability();
    }

    /** A scanner that reads codes only (no Tesseract), e.g. for a quick check. */
    public static ImageScanner codesOnly() {
        return new ImageScanner(new TextReader.Opened(null, new TextReader.Availability(false, "OCR not configured")));
    }

    /**
     * Bumped whenever a change here could change what a picture's scan finds (passes, scales,
     * thresholds): stored scans made under another version are not reused.
     */
    static final int PASSES_VERSION = 2;

    /**
     * What a stored scan must have been made with to be reused: these passes, this ZXing, and
     * this Tesseract with its models and threshold settings (or none).
     */
    public String version() {
        return "passes " + PASSES_VERSION + "; zxing " + ZXING_VERSION + "; "
                + (reader == null
                        ? "no ocr"
                        : "tesseract " + reader.version() + " " + TextReader.LANGUAGES + " otsu then sauvola k"
                                + TextReader.SAUVOLA_K);
    }

    /** The ZXing core release on the class path (pom.xml pins it; the jar's manifest may not say). */
    static final String ZXING_VERSION = "3.5.4";

    /** Whether text can be read here, and what to tell an operator either way. */
    public TextReader.Availability ocr() {
        return ocr;
    }

    /**
     * Decodes and scans an uploaded file.
     *
     * @throws MediaFormatException for a file the media engine refuses anyway (bad format,
     *     truncated, over {@link MediaLimits}: the same messages as {@code /v1/media/inspect}), or
     *     whose pixels the JDK cannot decode
     */
    public ImageScan scan(byte[] file, MediaLimits limits, boolean readText) throws MediaFormatException {
        return scan(Pixels.decode(file, limits), readText);
    }

    public ImageScan scan(BufferedImage image, boolean readText) {
        Grey grey = Grey.of(image); // both engines read grey levels: convert once
        List<FoundCode> codes = CodeScanner.scan(grey);
        int w = image.getWidth();
        int h = image.getHeight();
        if (!readText) return new ImageScan(w, h, codes, OcrText.EMPTY, "text reading was not asked for");
        if (reader == null) return new ImageScan(w, h, codes, OcrText.EMPTY, ocr.detail());
        return new ImageScan(w, h, codes, reader.read(grey), null);
    }
}
