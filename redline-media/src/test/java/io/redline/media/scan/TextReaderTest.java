package io.redline.media.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.SystemPackages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real Tesseract (Debian's tesseract-ocr with chi_sim and eng, listed in system-packages.tsv). */
class TextReaderTest {
    static TextReader reader;

    @BeforeAll
    static void open() {
        SystemPackages.require("tesseract-ocr");
        SystemPackages.require("tesseract-ocr-chi-sim");
        SystemPackages.require("tesseract-ocr-eng");
        TextReader.Opened opened = TextReader.open(1);
        assertThat(opened.availability().available())
                .as(opened.availability().detail())
                .isTrue();
        reader = opened.reader();
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    @Test
    void aPhoneNumberAndAWeChatIdOverAGradientAreReadWithTheirBoxes() {
        BufferedImage img = Pictures.gradient(1080, 1440);
        Box phone = Pictures.write(img, "电话 13800138000", 120, 300, 64, new Color(40, 40, 40));
        Box wechat = Pictures.write(img, "微信 xhs_shop2024", 120, 900, 64, new Color(150, 20, 20));

        OcrText text = reader.read(img);

        int p = text.text().indexOf("13800138000");
        assertThat(p).as(text.text()).isGreaterThanOrEqualTo(0);
        assertThat(text.boxOf(p, p + 11).iou(rightPart(phone)))
                .as("%s", text.boxOf(p, p + 11))
                .isGreaterThan(0.4);
        assertThat(text.confidenceOf(p, p + 11)).isGreaterThan(0.5);
        int w = text.text().indexOf("xhs_shop2024");
        assertThat(w).as(text.text()).isGreaterThanOrEqualTo(0);
        assertThat(text.boxOf(w, w + 12).iou(rightPart(wechat))).isGreaterThan(0.4);
        assertThat(text.text()).contains("微信").contains("电话");
    }

    @Test
    void contactTextOnABusyPhotoLikeBackgroundIsRead() {
        BufferedImage img = Pictures.blobs(1080, 1440, 11);
        Box phone = Pictures.write(img, "手机 13912345678", 100, 260, 64, new Color(30, 20, 20));

        OcrText text = reader.read(Pictures.decodeJpeg(Pictures.jpeg(img)));

        int p = text.text().indexOf("13912345678");
        assertThat(p).as(text.text()).isGreaterThanOrEqualTo(0);
        assertThat(text.boxOf(p, p + 11).iou(rightPart(phone))).isGreaterThan(0.4);
    }

    @Test
    void chineseAndEnglishLinesAreReadInOrder() {
        BufferedImage img = Pictures.canvas(1080, 1440, Color.WHITE);
        Pictures.write(img, "加我私聊领优惠", 100, 200, 72, Color.BLACK);
        Pictures.write(img, "Follow me for deals", 100, 500, 64, Color.BLACK);

        OcrText text = reader.read(img);

        assertThat(text.text()).contains("加我私聊领优惠").contains("Follow me for deals");
        assertThat(text.text().indexOf('\n')).isGreaterThan(0);
        assertThat(text.words())
                .allSatisfy(w ->
                        assertThat(text.text().substring(w.start(), w.end())).isEqualTo(w.text()));
    }

    @Test
    void aLargePictureIsReadScaledDownAndItsBoxesAreInItsOwnPixels() {
        BufferedImage img = Pictures.canvas(3200, 2400, Color.WHITE);
        Box drawn = Pictures.write(img, "13912345678", 1600, 1800, 160, Color.BLACK);

        OcrText text = reader.read(img);

        int p = text.text().indexOf("13912345678");
        assertThat(p).as(text.text()).isGreaterThanOrEqualTo(0);
        assertThat(text.boxOf(p, p + 11).iou(drawn)).isGreaterThan(0.6);
    }

    @Test
    void picturesWithoutTextGiveNoText() {
        assertThat(reader.read(Pictures.gradient(1080, 1440)).text()).isBlank();
        assertThat(reader.read(Pictures.canvas(1080, 1440, Color.WHITE)).words())
                .isEmpty();
    }

    /** The ink box of "label value" drawn in one call; the value is its right part. */
    private static Box rightPart(Box line) {
        int skip = line.w() * 3 / 10;
        return new Box(line.x() + skip, line.y(), line.w() - skip, line.h());
    }
}
