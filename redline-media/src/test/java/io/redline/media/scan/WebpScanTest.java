package io.redline.media.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.media.MediaFormatException;
import io.redline.media.MediaLimits;
import io.redline.store.SystemPackages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebP pictures are decoded (TwelveMonkeys' imageio-webp) and scanned like JPEG and PNG: a stored
 * WebP is no longer "not scanned".
 */
class WebpScanTest {
    static TextReader.Opened ocr;

    @BeforeAll
    static void open() {
        SystemPackages.require("tesseract-ocr-chi-sim");
        ocr = TextReader.open(1);
        assertThat(ocr.availability().available())
                .as(ocr.availability().detail())
                .isTrue();
    }

    @AfterAll
    static void close() {
        ocr.reader().close();
    }

    @Test
    void aWebpPictureIsDecodedAndItsCodeAndTextAreFoundWithTheirBoxes() throws Exception {
        BufferedImage img = Pictures.canvas(720, 960, Color.WHITE);
        Box code = Pictures.place(img, Pictures.qr("https://u.wechat.com/MDx7a9Kq-3fZ1mQ", 280), 380, 600, 0);
        Box line = Pictures.write(img, "电话 13800138000", 60, 120, 56, Color.BLACK);
        byte[] webp = Pictures.webpBilevel(img);
        assertThat(new String(webp, 8, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("WEBP");

        ImageScan scan = new ImageScanner(ocr).scan(webp, MediaLimits.defaults(), true);

        assertThat(scan.width()).isEqualTo(720);
        assertThat(scan.height()).isEqualTo(960);
        assertThat(scan.codes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CodeKind.WECHAT_PERSONAL);
            CodeScannerTest.assertLocated(c.box(), code);
        });
        assertThat(scan.textScanned()).isTrue();
        int p = scan.text().text().indexOf("13800138000");
        assertThat(p).as(scan.text().text()).isGreaterThanOrEqualTo(0);
        assertThat(scan.text().boxOf(p, p + 11).iou(line)).isGreaterThan(0.3);
    }

    @Test
    void aWebpCutInsideItsPixelsIsRefusedAsCorruptNotCrashed() {
        BufferedImage img = Pictures.canvas(200, 200, Color.WHITE);
        Pictures.place(img, Pictures.qr("https://m.tb.cn/h.5x9QaZ", 150), 25, 25, 0);
        byte[] webp = Pictures.webpBilevel(img);
        byte[] cut = Arrays.copyOf(webp, webp.length / 2);

        assertThatThrownBy(() -> ImageScanner.codesOnly().scan(cut, MediaLimits.defaults(), false))
                .isInstanceOf(MediaFormatException.class);
    }
}
