package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ExplicitLabelTest {

    private static final MediaLimits LIMITS = MediaLimits.defaults();

    @Test
    void textInkIsAtLeastFivePercentOfTheShorterSide() throws Exception {
        for (int[] size : new int[][] {{400, 300}, {300, 900}, {1000, 120}}) {
            byte[] png = TestFiles.encode(TestFiles.solid(size[0], size[1], Color.BLACK), "png");
            byte[] out = ExplicitLabel.render(png, ExplicitLabel.DEFAULT_TEXT, ExplicitLabel.Corner.BOTTOM_RIGHT);
            // On black, the dark box and outline stay dark; only the white glyphs are bright.
            Rectangle ink = bounds(TestFiles.decode(out), rgb -> brightness(rgb) > 128);
            int shorter = Math.min(size[0], size[1]);
            assertThat(ink.height).as("ink height on %dx%d", size[0], size[1]).isGreaterThanOrEqualTo((int)
                    Math.ceil(shorter * 0.05));
            assertThat(ink.x + ink.width).isGreaterThan(size[0] / 2); // right side
            assertThat(ink.y).isGreaterThan(size[1] / 2); // bottom
        }
    }

    @Test
    void capitalLettersAloneReachTheFivePercent() throws Exception {
        byte[] png = TestFiles.encode(TestFiles.solid(640, 480, Color.BLACK), "png");
        Rectangle ink = bounds(
                TestFiles.decode(ExplicitLabel.render(png, "AI", ExplicitLabel.Corner.TOP_LEFT)),
                rgb -> brightness(rgb) > 128);
        assertThat(ink.height).isGreaterThanOrEqualTo(24); // 5% of 480
        assertThat(ExplicitLabel.textHeightPx(640, 480)).isEqualTo(24);
        assertThat(ExplicitLabel.textHeightPx(64, 48)).isEqualTo(ExplicitLabel.TEXT_HEIGHT_PX_MIN);
    }

    @Test
    void cornersAreHonoured() throws Exception {
        byte[] png = TestFiles.encode(TestFiles.solid(200, 200, Color.BLACK), "png");
        Rectangle tl = bounds(
                TestFiles.decode(ExplicitLabel.render(png, "AI", ExplicitLabel.Corner.TOP_LEFT)),
                rgb -> brightness(rgb) > 128);
        assertThat(tl.x).isLessThan(30);
        assertThat(tl.y).isLessThan(30);
        Rectangle bl = bounds(
                TestFiles.decode(ExplicitLabel.render(png, "AI", ExplicitLabel.Corner.BOTTOM_LEFT)),
                rgb -> brightness(rgb) > 128);
        assertThat(bl.x).isLessThan(30);
        assertThat(bl.y).isGreaterThan(150);
    }

    @Test
    void legibleOnLightAndDarkBackgrounds() throws Exception {
        for (Color bg : new Color[] {Color.WHITE, Color.BLACK, new Color(128, 128, 128)}) {
            byte[] png = TestFiles.encode(TestFiles.solid(300, 200, bg), "png");
            BufferedImage out =
                    TestFiles.decode(ExplicitLabel.render(png, "AI-generated", ExplicitLabel.Corner.TOP_RIGHT));
            BufferedImage before = TestFiles.solid(300, 200, bg);
            Rectangle changed = bounds(out, null, before);
            if (bg.equals(Color.BLACK)) {
                changed = bounds(out, rgb -> brightness(rgb) > 128);
            }
            int bright = 0;
            int dark = 0;
            for (int y = changed.y; y < changed.y + changed.height; y++) {
                for (int x = changed.x; x < changed.x + changed.width; x++) {
                    int v = brightness(out.getRGB(x, y));
                    bright += v > 220 ? 1 : 0;
                    dark += v < 110 ? 1 : 0;
                }
            }
            assertThat(bright).as("white glyph pixels on %s", bg).isGreaterThan(50);
            assertThat(dark).as("dark backing pixels on %s", bg).isGreaterThan(50);
        }
    }

    @Test
    void jpegStaysJpegAndKeepsItsImplicitLabel() throws Exception {
        byte[] jpeg = ImplicitLabelWriter.write(TestFiles.jpeg(320, 240), TestFiles.PRODUCED);
        byte[] out = ExplicitLabel.render(jpeg, ExplicitLabel.DEFAULT_TEXT, ExplicitLabel.Corner.BOTTOM_LEFT);
        assertThat(MediaFormat.sniff(out)).isEqualTo(MediaFormat.JPEG);
        Inspection in = MediaInspector.inspect(out, LIMITS);
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.width()).isEqualTo(320);
    }

    @Test
    void pngKeepsItsXmpAndLabelAndAlpha() throws Exception {
        byte[] png = TestFiles.encode(TestFiles.picture(120, 80, true, 3), "png");
        png = TestFiles.pngWith(png, TestFiles.iTXt(PngContainer.XMP_KEYWORD, TestFiles.xmpWithOtherFields("")));
        png = ImplicitLabelWriter.write(png, TestFiles.PRODUCED);
        byte[] out = ExplicitLabel.render(png, "AI生成", ExplicitLabel.Corner.TOP_LEFT);
        assertThat(MediaFormat.sniff(out)).isEqualTo(MediaFormat.PNG);
        assertThat(TestFiles.decode(out).getColorModel().hasAlpha()).isTrue();
        Inspection in = MediaInspector.inspect(out, LIMITS);
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        byte[] xmp = MediaInspector.carriers(out, LIMITS).xmp.get(0).bytes();
        assertThat(new String(xmp, java.nio.charset.StandardCharsets.UTF_8)).contains("Jane Blogger");
    }

    @Test
    void tinyGreyAndPaletteImagesAreLabelledWithoutFailing() throws Exception {
        BufferedImage grey = new BufferedImage(64, 40, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage palette = new BufferedImage(64, 40, BufferedImage.TYPE_BYTE_INDEXED);
        for (BufferedImage img : new BufferedImage[] {grey, palette, TestFiles.picture(6, 5, false, 1)}) {
            byte[] out = ExplicitLabel.render(TestFiles.encode(img, "png"), "AI", ExplicitLabel.Corner.BOTTOM_RIGHT);
            BufferedImage decoded = TestFiles.decode(out);
            assertThat(decoded.getWidth()).isEqualTo(img.getWidth());
            assertThat(decoded.getHeight()).isEqualTo(img.getHeight());
        }
    }

    @Test
    void textFallsBackToLatinOnlyWhenNoInstalledFontShowsIt() {
        assertThat(ExplicitLabel.effectiveText("AI-generated")).isEqualTo("AI-generated");
        String cjk = ExplicitLabel.effectiveText("AI生成");
        assertThat(cjk).isIn("AI生成", ExplicitLabel.LATIN_FALLBACK);
    }

    @Test
    void refusesWebpAndBombsBeforeDecoding() {
        assertThatThrownBy(() -> ExplicitLabel.render(TestFiles.webpLossless(), "AI", ExplicitLabel.Corner.TOP_LEFT))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("PNG and JPEG only");
        assertThatThrownBy(() ->
                        ExplicitLabel.render(TestFiles.ihdrPng(100_000, 100_000), "AI", ExplicitLabel.Corner.TOP_LEFT))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("over the limit");
    }

    static int brightness(int rgb) {
        return (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
    }

    static Rectangle bounds(BufferedImage img, java.util.function.IntPredicate hit) {
        return bounds(img, hit, null);
    }

    /** Bounding box of pixels matching {@code hit}, or differing from {@code before}. */
    static Rectangle bounds(BufferedImage img, java.util.function.IntPredicate hit, BufferedImage before) {
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                boolean h = before != null ? rgb != before.getRGB(x, y) : hit.test(rgb);
                if (h) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertThat(maxX).as("some pixels changed").isGreaterThanOrEqualTo(0);
        return new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
