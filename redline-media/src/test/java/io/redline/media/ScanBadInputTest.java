package io.redline.media;

import static io.redline.media.MediaFormatException.Kind.LIMIT_EXCEEDED;
import static io.redline.media.MediaFormatException.Kind.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.redline.media.scan.ImageScan;
import io.redline.media.scan.ImageScanner;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Scanning a picture refuses what the media engine refuses today, with the same kind and message. */
class ScanBadInputTest {
    static final MediaLimits LIMITS = MediaLimits.defaults();
    static final ImageScanner SCANNER = ImageScanner.codesOnly();

    @Test
    void truncatedFilesGetTheInspectorsError() {
        byte[] png = TestFiles.png(64, 64);
        sameAsInspect(Arrays.copyOf(png, 40), TRUNCATED);
        byte[] jpeg = TestFiles.jpeg(64, 64);
        sameAsInspect(Arrays.copyOf(jpeg, 100), TRUNCATED);
    }

    @Test
    void bombsAndHugeDimensionsAreRefusedFromTheHeaderWithoutDecoding() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            sameAsInspect(TestFiles.ihdrPng(100_000, 100_000), LIMIT_EXCEEDED);
            sameAsInspect(TestFiles.ihdrPng(60_000, 1_000), LIMIT_EXCEEDED);
        });
    }

    @Test
    void aFileOverTheSizeLimitIsRefused() {
        MediaLimits small = new MediaLimits(1_000, 1_000, 1_000_000);
        byte[] png = TestFiles.png(200, 200);
        assertThatThrownBy(() -> SCANNER.scan(png, small, false))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("over the limit of 1000 bytes");
    }

    @Test
    void aJpegCutInsideItsPixelsIsScannedOrRefusedButNeverCrashes() throws Exception {
        byte[] jpeg = TestFiles.jpeg(256, 256);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 200);
        try {
            ImageScan scan = SCANNER.scan(cut, LIMITS, false);
            assertThat(scan.codes()).isEmpty();
        } catch (MediaFormatException e) {
            assertThat(e.getMessage()).contains("JPEG");
        }
    }

    @Test
    void aScanWithoutTextReadingSaysTheTextWasNotScanned() throws Exception {
        ImageScan scan = SCANNER.scan(TestFiles.png(64, 64), LIMITS, true);
        assertThat(scan.textScanned()).isFalse();
        assertThat(scan.textNotScannedBecause()).isEqualTo("OCR not configured");
    }

    private static void sameAsInspect(byte[] file, MediaFormatException.Kind kind) {
        MediaFormatException expected = org.junit.jupiter.api.Assertions.assertThrows(
                MediaFormatException.class, () -> MediaInspector.inspect(file, LIMITS));
        assertThat(expected.kind()).isEqualTo(kind);
        assertThatThrownBy(() -> SCANNER.scan(file, LIMITS, true))
                .isInstanceOfSatisfying(
                        MediaFormatException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(expected.getMessage());
    }
}
