package io.redline.decision;

import io.redline.media.MediaFormatException;
import io.redline.media.MediaLimits;
import io.redline.media.scan.Box;
import io.redline.media.scan.ImageScan;
import io.redline.media.scan.ImageScanner;
import io.redline.media.scan.OcrText;
import io.redline.text.Hit;
import io.redline.text.Screener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Screens pictures: codes and text from {@link ImageScanner}, the text through the same
 * {@link Screener} as every field, each hit mapped back to the box of the words it came from.
 *
 * <p>Scanning (OCR above all: a few hundred milliseconds of a core per note-sized picture) runs on
 * {@code pool}: the server's own bounded pool, so pictures never take the HTTP carriers or the
 * text screening threads' turn, and a full queue refuses with the pool's busy error (503 on a
 * {@code ?wait=true} request; the worker retries its batch later).
 */
public final class PictureScreener {
    private final ImageScanner scanner;
    private final MediaLimits limits;
    private final Pool pool;
    private final ScanCache cache; // null: every screen scans

    /** Where scans run: the server's bounded picture pool (its busy error refuses the caller). */
    public interface Pool {
        <T> T call(java.util.concurrent.Callable<T> work);

        /** Scans on the caller's thread (the CLI, tests). */
        Pool INLINE = new Pool() {
            @Override
            public <T> T call(java.util.concurrent.Callable<T> work) {
                try {
                    return work.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    public PictureScreener(ImageScanner scanner, MediaLimits limits, Pool pool) {
        this(scanner, limits, pool, null);
    }

    private PictureScreener(ImageScanner scanner, MediaLimits limits, Pool pool, ScanCache cache) {
        this.scanner = Objects.requireNonNull(scanner);
        this.limits = Objects.requireNonNull(limits);
        this.pool = Objects.requireNonNull(pool);
        this.cache = cache;
    }

    /**
     * The same screener, reusing stored scans of the same picture bytes made by the same scanner
     * version (a rescreen or a repeated upload skips ZXing and Tesseract; the text is still
     * screened again).
     */
    public PictureScreener withScanCache(ScanCache cache) {
        return new PictureScreener(scanner, limits, pool, Objects.requireNonNull(cache));
    }

    public ImageScanner scanner() {
        return scanner;
    }

    /**
     * One picture, scanned on the pool (or read back from the scan cache) and screened. A file the media engine refuses (or cannot
     * decode, e.g. WebP) is not scanned, with the reason: intake already accepted it, so the
     * decision must say "not scanned", not fail.
     */
    public PictureFindings screen(int index, byte[] file, Screener screener) {
        String sha256 = cache == null ? null : ScanCache.sha256(file);
        String version = cache == null ? null : scanner.version();
        ImageScan stored = cache == null ? null : cache.get(sha256, version).orElse(null);
        if (stored != null) return screened(index, stored, screener);
        ImageScan scan;
        try {
            scan = pool.call(() -> scanner.scan(file, limits, true));
            if (cache != null) cache.put(sha256, version, scan);
        } catch (RuntimeException e) {
            // The pool hands back a checked exception as a RuntimeException's cause.
            if (e.getCause() instanceof MediaFormatException m)
                return PictureFindings.notScanned(index, m.getMessage());
            throw e;
        }
        return screened(index, scan, screener);
    }

    /** A scan's text through the screener (pure; the CLI and {@code /v1/media/inspect} use it directly). */
    public static PictureFindings screened(int index, ImageScan scan, Screener screener) {
        if (!scan.textScanned())
            return new PictureFindings(index, scan.codes(), "", List.of(), scan.textNotScannedBecause());
        OcrText text = scan.text();
        List<PictureFindings.TextHit> hits = new ArrayList<>();
        if (!text.text().isBlank()) {
            for (Hit h : screener.screen(text.text()).hits()) {
                Box box = text.boxOf(h.start(), h.end());
                if (box == null) continue; // a span between words only (cannot happen with whole-word spans)
                hits.add(new PictureFindings.TextHit(h, box, text.confidenceOf(h.start(), h.end())));
            }
        }
        return new PictureFindings(index, scan.codes(), text.text(), hits, null);
    }
}
