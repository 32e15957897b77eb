package io.redline.media.scan;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * Text in pictures, read by Debian's Tesseract (libtesseract through Tess4J's JNA mapping of its C
 * API) with the simplified Chinese and English models. Thread-safe: a Tesseract handle serves one
 * thread at a time, so this keeps up to {@code handlesMax} of them (each holds the models, about
 * 60 MB) and a caller borrows one per image.
 *
 * <p>Images are scaled down to {@link #SIDE_PX_MAX} on the long side first: recognition time grows
 * with the pixel count, and text a reader can see on a phone screen is still tens of pixels high
 * at that size.
 */
public final class TextReader implements AutoCloseable {
    /** Longest side read; a 1080×1440 note image is read as is. */
    public static final int SIDE_PX_MAX = 1600;
    /** Models loaded into each handle. */
    public static final String LANGUAGES = "chi_sim+eng";
    /** Where Debian's tesseract-ocr-* packages put the models, newest first. */
    static final List<Path> TESSDATA_DIRS = List.of(
            Path.of("/usr/share/tesseract-ocr/5/tessdata"),
            Path.of("/usr/share/tesseract-ocr/4.00/tessdata"),
            Path.of("/usr/share/tessdata"));

    /*
     * Binarisation. Tesseract's default is one global Otsu threshold; on a busy photo that one grey
     * level splits the background, not the ink, and the page segmenter then finds no text at all.
     * Sauvola's local threshold reads those, but alone it lost thin red glyphs over a gradient that
     * Otsu reads. So: Otsu first, and Sauvola only when Otsu read no word. Measured on
     * bench/image.sh's generated set (contact text found): Otsu alone 12/18 (all six misses read
     * nothing), Sauvola alone 16/18 at k 0.34, 17/18 at k 0.25, 15/18 at k 0.2; k was chosen on
     * that set, so it is a small sample. No run gave a finding on a clean picture.
     */
    private static final String OTSU = "0";
    private static final String SAUVOLA = "2";
    /** Sauvola's k: lower keeps fainter ink against its neighbourhood. */
    static final double SAUVOLA_K = 0.25;

    private static final int RIL_TEXTLINE = 2;
    private static final int RIL_WORD = 3;
    private static final int PSM_AUTO = 3;

    /** Whether OCR can run here, and if not, why (for the log, /readyz and "not scanned" findings). */
    public record Availability(boolean available, String detail) {}

    private final TessAPI api;
    private final String dataDir;
    private final BlockingQueue<TessBaseAPI> idle;
    private final String version;

    private TextReader(TessAPI api, String dataDir, int handlesMax, TessBaseAPI first) {
        this.api = api;
        this.dataDir = dataDir;
        this.idle = new ArrayBlockingQueue<>(handlesMax);
        this.idle.add(first);
        for (int i = 1; i < handlesMax; i++) idle.add(newHandle(api, dataDir));
        this.version = api.TessVersion();
    }

    /**
     * Loads libtesseract and the models; never throws for a missing library or model.
     *
     * @param handlesMax how many images may be read at once (the OCR pool's thread count)
     */
    public static Opened open(int handlesMax) {
        if (handlesMax < 1) throw new IllegalArgumentException("handlesMax must be >= 1");
        String override = System.getenv("TESSDATA_PREFIX");
        List<Path> dirs = new ArrayList<>();
        if (override != null && !override.isBlank()) dirs.add(Path.of(override));
        dirs.addAll(TESSDATA_DIRS);
        Path data = dirs.stream()
                .filter(d -> Files.isRegularFile(d.resolve("chi_sim.traineddata"))
                        && Files.isRegularFile(d.resolve("eng.traineddata")))
                .findFirst()
                .orElse(null);
        if (data == null) {
            return new Opened(
                    null,
                    new Availability(
                            false,
                            "Tesseract models chi_sim and eng not found in " + dirs
                                    + " (install tesseract-ocr-chi-sim and tesseract-ocr-eng)"));
        }
        TessAPI api;
        try {
            api = Native.load("tesseract", TessAPI.class);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Opened(
                    null,
                    new Availability(false, "libtesseract not loadable (install tesseract-ocr): " + e.getMessage()));
        }
        TessBaseAPI first;
        try {
            first = newHandle(api, data.toString());
        } catch (IllegalStateException e) {
            return new Opened(null, new Availability(false, e.getMessage()));
        }
        TextReader reader = new TextReader(api, data.toString(), handlesMax, first);
        return new Opened(
                reader, new Availability(true, "Tesseract " + reader.version + " with " + LANGUAGES + " from " + data));
    }

    /** The reader when OCR is available, and what to say about it either way. */
    public record Opened(TextReader reader, Availability availability) {
        public Opened {
            Objects.requireNonNull(availability);
        }
    }

    public String version() {
        return version;
    }

    private static TessBaseAPI newHandle(TessAPI api, String dataDir) {
        TessBaseAPI h = api.TessBaseAPICreate();
        if (api.TessBaseAPIInit3(h, dataDir, LANGUAGES) != 0) {
            api.TessBaseAPIDelete(h);
            throw new IllegalStateException("Tesseract could not load " + LANGUAGES + " from " + dataDir);
        }
        api.TessBaseAPISetPageSegMode(h, PSM_AUTO);
        // Tesseract writes notes ("Estimating resolution as …") to stderr per picture; not ours to show.
        api.TessBaseAPISetVariable(h, "debug_file", "/dev/null");
        api.TessBaseAPISetVariable(h, "thresholding_kfactor", String.valueOf(SAUVOLA_K));
        return h;
    }

    /** The words in an image, with boxes in its own pixel coordinates. */
    public OcrText read(BufferedImage image) {
        return read(Grey.of(image));
    }

    OcrText read(Grey image) {
        int w = image.width();
        int h = image.height();
        int side = Math.max(w, h);
        double scale = side > SIDE_PX_MAX ? (double) SIDE_PX_MAX / side : 1.0;
        int sw = Math.max(1, (int) Math.round(w * scale));
        int sh = Math.max(1, (int) Math.round(h * scale));
        byte[] grey = image.scaled(sw, sh).pixels();
        ByteBuffer buf = ByteBuffer.allocateDirect(grey.length).put(grey).flip();
        TessBaseAPI handle;
        try {
            handle = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Tesseract handle", e);
        }
        try {
            OcrText otsu = recognise(handle, buf, sw, sh, OTSU, scale, w, h);
            if (!otsu.words().isEmpty()) return otsu;
            return recognise(handle, buf, sw, sh, SAUVOLA, scale, w, h);
        } finally {
            idle.add(handle);
        }
    }

    private OcrText recognise(
            TessBaseAPI handle, ByteBuffer grey, int sw, int sh, String thresholding, double scale, int w, int h) {
        try {
            api.TessBaseAPISetVariable(handle, "thresholding_method", thresholding);
            api.TessBaseAPISetImage(handle, grey, sw, sh, 1, sw);
            if (api.TessBaseAPIRecognize(handle, null) != 0) return OcrText.EMPTY;
            return words(handle, scale, w, h);
        } finally {
            api.TessBaseAPIClear(handle);
        }
    }

    private OcrText words(TessBaseAPI handle, double scale, int width, int height) {
        TessResultIterator ri = api.TessBaseAPIGetIterator(handle);
        if (ri == null) return OcrText.EMPTY;
        StringBuilder text = new StringBuilder();
        List<OcrWord> words = new ArrayList<>();
        try {
            TessPageIterator pi = api.TessResultIteratorGetPageIterator(ri);
            IntBuffer l = IntBuffer.allocate(1),
                    t = IntBuffer.allocate(1),
                    r = IntBuffer.allocate(1),
                    b = IntBuffer.allocate(1);
            do {
                Pointer p = api.TessResultIteratorGetUTF8Text(ri, RIL_WORD);
                if (p == null) continue;
                String word;
                try {
                    word = p.getString(0, "UTF-8").strip();
                } finally {
                    api.TessDeleteText(p);
                }
                if (word.isEmpty()) continue;
                boolean newLine = api.TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE) != 0;
                float conf = api.TessResultIteratorConfidence(ri, RIL_WORD);
                api.TessPageIteratorBoundingBox(pi, RIL_WORD, l.clear(), t.clear(), r.clear(), b.clear());
                if (!text.isEmpty()) {
                    if (newLine) text.append('\n');
                    else if (!(han(text.codePointBefore(text.length())) && han(word.codePointAt(0)))) text.append(' ');
                }
                int start = text.length();
                text.append(word);
                int x0 = (int) Math.floor(l.get(0) / scale), y0 = (int) Math.floor(t.get(0) / scale);
                int x1 = (int) Math.ceil(r.get(0) / scale), y1 = (int) Math.ceil(b.get(0) / scale);
                Box box = new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)).clip(width, height);
                words.add(new OcrWord(word, box, Math.clamp(conf / 100.0, 0.0, 1.0), start, text.length()));
            } while (api.TessResultIteratorNext(ri, RIL_WORD) != 0);
        } finally {
            api.TessResultIteratorDelete(ri);
        }
        return new OcrText(text.toString(), words);
    }

    /** Chinese words are written without spaces between them; Tesseract splits them anyway. */
    private static boolean han(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    @Override
    public void close() {
        TessBaseAPI h;
        while ((h = idle.poll()) != null) {
            api.TessBaseAPIEnd(h);
            api.TessBaseAPIDelete(h);
        }
    }
}
