package io.redline.media.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeScannerTest {
    static final String WECHAT = "https://u.wechat.com/MDx7a9Kq-3fZ1mQ";
    static final String GROUP = "https://weixin.qq.com/g/AwYAAKx9Zr3mQ1";

    @Test
    void aPlainCodeIsFoundWithItsPayloadKindAndBox() {
        BufferedImage img = Pictures.canvas(1080, 1440, Color.WHITE);
        Box drawn = Pictures.place(img, Pictures.qr(WECHAT, 300), 600, 1000, 0);

        List<FoundCode> codes = CodeScanner.scan(img);

        assertThat(codes).singleElement().satisfies(c -> {
            assertThat(c.payload()).isEqualTo(WECHAT);
            assertThat(c.format()).isEqualTo("QR_CODE");
            assertThat(c.kind()).isEqualTo(CodeKind.WECHAT_PERSONAL);
            assertLocated(c.box(), drawn);
        });
    }

    @Test
    void aCodeTurnedFifteenDegreesIsFound() {
        BufferedImage img = Pictures.gradient(1080, 1440);
        Box drawn = Pictures.place(img, Pictures.qr(GROUP, 320), 300, 400, 15);

        List<FoundCode> codes = CodeScanner.scan(img);

        assertThat(codes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CodeKind.WECHAT_GROUP);
            assertLocated(c.box(), drawn);
        });
    }

    @Test
    void aSixtyPixelCodeInALargePictureIsFound() {
        BufferedImage img = Pictures.gradient(1080, 1440);
        Box drawn = Pictures.place(img, Pictures.qr("https://qm.qq.com/q/8fK2x", 60), 900, 1300, 0);

        List<FoundCode> codes = CodeScanner.scan(img);

        assertThat(codes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CodeKind.QQ_PERSONAL);
            assertLocated(c.box(), drawn);
        });
    }

    @Test
    void twoCodesOnOnePictureAreBothFoundEachWithItsOwnBox() {
        BufferedImage img = Pictures.canvas(1080, 1440, Color.WHITE);
        Box left = Pictures.place(img, Pictures.qr(WECHAT, 280), 80, 200, 0);
        Box right = Pictures.place(img, Pictures.qr("https://qr.alipay.com/fkx19375abc", 280), 650, 900, 0);

        List<FoundCode> codes = CodeScanner.scan(img).stream()
                .sorted(Comparator.comparingInt(c -> c.box().x()))
                .toList();

        assertThat(codes).hasSize(2);
        assertThat(codes.get(0).kind()).isEqualTo(CodeKind.WECHAT_PERSONAL);
        assertLocated(codes.get(0).box(), left);
        assertThat(codes.get(1).kind()).isEqualTo(CodeKind.ALIPAY);
        assertLocated(codes.get(1).box(), right);
    }

    @Test
    void aCodeOnABusyPhotoLikeBackgroundIsFound() {
        BufferedImage img = Pictures.busy(1080, 1440, 7);
        Box drawn = Pictures.place(img, Pictures.qr("https://m.tb.cn/h.5x9QaZ", 260), 400, 700, 0);

        List<FoundCode> codes = CodeScanner.scan(Pictures.decodeJpeg(Pictures.jpeg(img)));

        assertThat(codes).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(CodeKind.SHOP);
            assertLocated(c.box(), drawn);
        });
    }

    @Test
    void picturesWithoutCodesGiveNothing() {
        assertThat(CodeScanner.scan(Pictures.gradient(1080, 1440))).isEmpty();
        assertThat(CodeScanner.scan(Pictures.busy(1080, 1440, 3))).isEmpty();
        assertThat(CodeScanner.scan(Pictures.canvas(1, 1, Color.WHITE))).isEmpty();
    }

    /**
     * The drawn area includes the code's quiet zone, which the scanner does not report: the
     * found box must lie inside the drawn one (a few pixels' slack) and cover most of it.
     */
    static void assertLocated(Box found, Box drawn) {
        int slack = Math.max(4, drawn.w() / 25);
        assertThat(found.x()).as("%s inside %s", found, drawn).isGreaterThanOrEqualTo(drawn.x() - slack);
        assertThat(found.y()).as("%s inside %s", found, drawn).isGreaterThanOrEqualTo(drawn.y() - slack);
        assertThat(found.x() + found.w())
                .as("%s inside %s", found, drawn)
                .isLessThanOrEqualTo(drawn.x() + drawn.w() + slack);
        assertThat(found.y() + found.h())
                .as("%s inside %s", found, drawn)
                .isLessThanOrEqualTo(drawn.y() + drawn.h() + slack);
        assertThat(found.iou(drawn)).as("%s covers %s", found, drawn).isGreaterThan(0.5);
    }
}
