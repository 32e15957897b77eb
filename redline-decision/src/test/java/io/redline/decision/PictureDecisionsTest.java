package io.redline.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.redline.intake.ImageFiles;
import io.redline.intake.ImageUpload;
import io.redline.intake.Intake;
import io.redline.intake.IntakeLimits;
import io.redline.intake.Labelling;
import io.redline.intake.Submission;
import io.redline.media.MediaLimits;
import io.redline.media.scan.ImageScanner;
import io.redline.media.scan.TextReader;
import io.redline.policy.Action;
import io.redline.store.Database;
import io.redline.store.Ids;
import io.redline.store.SystemPackages;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pictures feed decisions like text: real intake, real ZXing and Tesseract, SQLite and PostgreSQL. */
class PictureDecisionsTest {
    static TextReader.Opened ocr;

    @TempDir
    Path dir;

    @BeforeAll
    static void openOcr() {
        SystemPackages.require("tesseract-ocr-chi-sim");
        SystemPackages.require("fonts-noto-cjk");
        ocr = TextReader.open(1);
        assertThat(ocr.availability().available())
                .as(ocr.availability().detail())
                .isTrue();
    }

    @AfterAll
    static void closeOcr() {
        ocr.reader().close();
    }

    /** Counts the pictures sent to the pool (the server's bounded picture pool in production). */
    static final class CountingPool implements PictureScreener.Pool {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public <T> T call(Callable<T> work) {
            calls.incrementAndGet();
            return PictureScreener.Pool.INLINE.call(work);
        }
    }

    record Setup(Fixture f, Intake intake, DecidedIntake decided, CountingPool pool) implements AutoCloseable {
        @Override
        public void close() {
            f.close();
        }
    }

    Setup setup(Database db, ImageScanner scanner) {
        return setup(db, scanner, null);
    }

    Setup setup(Database db, ImageScanner scanner, ScanCache cache) {
        Fixture f = new Fixture(db);
        ImageFiles files = new ImageFiles(dir.resolve("media"));
        Intake intake = new Intake(
                db,
                f.writes,
                IntakeLimits.defaults(),
                Clock.systemUTC(),
                new Ids(3),
                new Labelling(files, MediaLimits.defaults(), "redline-test"),
                f.audit);
        CountingPool pool = new CountingPool();
        PictureScreener pictures = new PictureScreener(scanner, MediaLimits.defaults(), pool);
        f.decisions.screenPictures(cache == null ? pictures : pictures.withScanCache(cache), files);
        return new Setup(f, intake, new DecidedIntake(intake, f.decisions, () -> {}), pool);
    }

    static Submission note(String text) {
        return new Submission("note", "alice", null, "周末", text, List.of(), List.of());
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aWeChatCodeOnTheLastPictureBlocksANoteWhoseTextIsClean(Supplier<Database> factory) throws Exception {
        try (Setup s = setup(factory.get(), new ImageScanner(ocr))) {
            BufferedImage last = gradient(1080, 1440);
            int[] drawn = qr(last, "https://u.wechat.com/MDx7a9Kq-3fZ1mQ", 700, 1050, 300);

            DecidedIntake.Submitted r = s.decided()
                    .submit(
                            Fixture.SERVICE,
                            note("今天的穿搭分享"),
                            List.of(
                                    new ImageUpload("a.jpg", jpeg(gradient(1080, 1440))),
                                    new ImageUpload("b.jpg", jpeg(last))),
                            null,
                            true);

            Decision d = r.decisionOf(r.receipts().get(0));
            assertThat(d.action()).isEqualTo(Action.BLOCK);
            assertThat(d.ruleId()).isEqualTo("drainage-image-code-block");
            assertThat(d.evidence()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo("image");
                assertThat(e.image()).isEqualTo(1);
                assertThat(e.field()).isEqualTo("images[1]");
                assertThat(e.detector()).isEqualTo("qr_code");
                assertThat(e.term()).isEqualTo("wechat_personal");
                assertThat(e.normalized()).isEqualTo("https://u.wechat.com/MDx7a9Kq-3fZ1mQ");
                assertThat(e.decisive()).isTrue();
                assertInside(e.box(), drawn);
            });
            // Stored with its box, read back the same.
            assertThat(s.f().decisions.current(d.contentId())).contains(d);
            assertThat(s.pool().calls).hasValue(2);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aPhoneNumberWrittenOnAPictureSendsTheNoteToReviewWithTheWordsBox(Supplier<Database> factory) throws Exception {
        try (Setup s = setup(factory.get(), new ImageScanner(ocr))) {
            BufferedImage img = gradient(1080, 1440);
            int[] drawn = text(img, "13800138000", 300, 600, 72);
            s.intake().submit(Fixture.SERVICE, note("好物推荐"), List.of(new ImageUpload("p.png", png(img))), null);

            assertThat(s.f().decisions.decidePending(10)).isEqualTo(1); // the worker's path

            Decision d = s.f().decisions.current(onlyContentId(s)).orElseThrow();
            assertThat(d.action()).isEqualTo(Action.REVIEW);
            assertThat(d.ruleId()).isEqualTo("drainage-note-review");
            EvidenceHit phone = d.evidence().stream()
                    .filter(e -> e.detector().equals("phone"))
                    .findFirst()
                    .orElseThrow();
            assertThat(phone.kind()).isEqualTo("image");
            assertThat(phone.category()).isEqualTo("drainage");
            assertThat(phone.confidence()).isGreaterThan(0.5);
            assertInside(phone.box(), drawn);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void cleanPicturesAddNothing(Supplier<Database> factory) throws Exception {
        try (Setup s = setup(factory.get(), new ImageScanner(ocr))) {
            DecidedIntake.Submitted r = s.decided()
                    .submit(
                            Fixture.SERVICE,
                            note("今天的穿搭分享"),
                            List.of(new ImageUpload("a.jpg", jpeg(gradient(1080, 1440)))),
                            null,
                            true);
            Decision d = r.decisionOf(r.receipts().get(0));
            assertThat(d.evidence()).isEmpty();
            // A brand-new author's note is only limited in reach (low-trust-reduced); nothing from the picture.
            assertThat(d.action()).isIn(Action.ALLOW, Action.LIMIT);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void withoutOcrAPictureIsNotScannedAndNeverClean(Supplier<Database> factory) throws Exception {
        try (Setup s = setup(factory.get(), ImageScanner.codesOnly())) {
            DecidedIntake.Submitted r = s.decided()
                    .submit(
                            Fixture.SERVICE,
                            note("今天的穿搭分享"),
                            List.of(new ImageUpload("a.jpg", jpeg(gradient(1080, 1440)))),
                            null,
                            true);
            Decision d = r.decisionOf(r.receipts().get(0));
            assertThat(d.action()).isEqualTo(Action.REVIEW);
            assertThat(d.ruleId()).isEqualTo("images-not-scanned");
            assertThat(d.evidence()).singleElement().satisfies(e -> {
                assertThat(e.detector()).isEqualTo("image_not_scanned");
                assertThat(e.normalized()).isEqualTo("OCR not configured");
            });
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aPolicyThatDoesNotLookAtHitsDoesNotWaitForPictures(Supplier<Database> factory) throws Exception {
        try (Setup s = setup(factory.get(), new ImageScanner(ocr))) {
            s.f().policies.activate(s.f().policies.save("""
                            schema: redline/policy-v1
                            name: labels-only
                            defaults: {action: allow, reasonCode: ok}
                            rules:
                              - id: ai
                                when: {aiDeclared: true}
                                action: label
                                label: ai_generated
                                reasonCode: ai_generated
                            """, Fixture.EDITOR).version(), Fixture.EDITOR);
            BufferedImage img = gradient(600, 800);
            qr(img, "https://u.wechat.com/abc", 100, 100, 300);
            DecidedIntake.Submitted r = s.decided()
                    .submit(Fixture.SERVICE, note("hi"), List.of(new ImageUpload("a.png", png(img))), null, true);
            assertThat(r.decisionOf(r.receipts().get(0)).action()).isEqualTo(Action.ALLOW);
            assertThat(s.pool().calls).hasValue(0);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aFullPicturePoolRefusesAWaitingRequestAndStoresNothing(Supplier<Database> factory) throws Exception {
        try (Setup s = setup(factory.get(), new ImageScanner(ocr))) {
            PictureScreener refusing =
                    new PictureScreener(new ImageScanner(ocr), MediaLimits.defaults(), new PictureScreener.Pool() {
                        @Override
                        public <T> T call(Callable<T> work) {
                            throw new IllegalStateException("the server is busy with image-scan work; retry in 5 s");
                        }
                    });
            s.f().decisions.screenPictures(refusing, new ImageFiles(dir.resolve("media")));
            assertThatThrownBy(() -> s.decided()
                            .submit(
                                    Fixture.SERVICE,
                                    note("hi"),
                                    List.of(new ImageUpload("a.png", png(gradient(200, 200)))),
                                    null,
                                    true))
                    .hasMessageContaining("busy");
            long stored = s.f().db
                    .jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM contents")
                            .mapTo(Long.class)
                            .one());
            assertThat(stored).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aRescreenReusesTheStoredScanUntilTheScannerChanges(Supplier<Database> factory) throws Exception {
        ScanCache cache = new ScanCache(dir.resolve("media").resolve("scans"));
        try (Setup s = setup(factory.get(), new ImageScanner(ocr), cache)) {
            BufferedImage img = gradient(1080, 1440);
            int[] drawn = text(img, "13800138000", 300, 600, 72);
            DecidedIntake.Submitted r = s.decided()
                    .submit(Fixture.SERVICE, note("好物推荐"), List.of(new ImageUpload("p.png", png(img))), null, true);
            Decision first = r.decisionOf(r.receipts().get(0));
            assertThat(first.action()).isEqualTo(Action.REVIEW);
            assertThat(s.pool().calls).hasValue(1);
            try (var files = java.nio.file.Files.walk(dir.resolve("media").resolve("scans"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(1);
            }

            RescreenReport again = s.f().decisions.rescreen(java.time.Instant.EPOCH, Fixture.EDITOR, 100);

            assertThat(again.examined()).isEqualTo(1);
            assertThat(again.changed()).isZero(); // the same findings, with the same box, from the stored scan
            assertThat(s.pool().calls).as("no second scan").hasValue(1);
            Decision reused = s.f().decisions.current(first.contentId()).orElseThrow();
            EvidenceHit phone = reused.evidence().stream()
                    .filter(e -> e.detector().equals("phone"))
                    .findFirst()
                    .orElseThrow();
            assertInside(phone.box(), drawn);

            // Another scanner version (here: one without OCR) does not trust the stored scan.
            CountingPool pool = new CountingPool();
            s.f().decisions
                    .screenPictures(
                            new PictureScreener(ImageScanner.codesOnly(), MediaLimits.defaults(), pool)
                                    .withScanCache(cache),
                            new ImageFiles(dir.resolve("media")));
            assertThat(s.f().decisions
                            .rescreen(java.time.Instant.EPOCH, Fixture.EDITOR, 100)
                            .examined())
                    .isEqualTo(1);
            assertThat(pool.calls).as("scanned again").hasValue(1);
        }
    }

    @ParameterizedTest
    @MethodSource("io.redline.store.TestDatabases#both")
    void aWebpPictureIsScannedLikeAnyOther(Supplier<Database> factory) throws Exception {
        try (Setup s = setup(factory.get(), new ImageScanner(ocr))) {
            BufferedImage img = gradient(600, 800);
            int[] drawn = qr(img, "https://u.wechat.com/MDx7a9Kq-3fZ1mQ", 150, 250, 300);
            DecidedIntake.Submitted r = s.decided()
                    .submit(
                            Fixture.SERVICE,
                            note("今天的穿搭分享"),
                            List.of(new ImageUpload("a.webp", webpLossless(img))),
                            null,
                            true);
            Decision d = r.decisionOf(r.receipts().get(0));
            assertThat(d.action()).isEqualTo(Action.BLOCK);
            assertThat(d.ruleId()).isEqualTo("drainage-image-code-block");
            assertInside(d.evidence().getFirst().box(), drawn);
        }
    }

    /**
     * A lossless WebP (VP8L) of a picture in black and white: no JDK or Maven library writes WebP.
     * No transforms, no colour cache; "simple" prefix codes of the two literals 0 and 255 for
     * green, red and blue, 255 alone for alpha: three bits a pixel.
     */
    static byte[] webpLossless(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        ByteArrayOutputStream bits = new ByteArrayOutputStream();
        long[] acc = {0, 0}; // bits, count
        java.util.function.BiConsumer<Long, Integer> put = (value, count) -> {
            acc[0] |= (value & ((1L << count) - 1)) << acc[1];
            acc[1] += count;
            while (acc[1] >= 8) {
                bits.write((int) (acc[0] & 0xff));
                acc[0] >>>= 8;
                acc[1] -= 8;
            }
        };
        put.accept(0x2FL, 8);
        put.accept((long) w - 1, 14);
        put.accept((long) h - 1, 14);
        put.accept(0L, 1 + 3 + 1 + 1 + 1); // no alpha, version 0, no transform, no colour cache, no meta codes
        for (int channel = 0; channel < 3; channel++) {
            put.accept(0b111L, 3); // simple code, two symbols, first in 8 bits
            put.accept(0L, 8);
            put.accept(255L, 8);
        }
        for (long symbol : new long[] {255, 0}) {
            put.accept(0b101L, 3); // simple code, one symbol, in 8 bits
            put.accept(symbol, 8);
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = img.getRGB(x, y);
                int grey = (((p >> 16) & 0xff) * 3 + ((p >> 8) & 0xff) * 6 + (p & 0xff)) / 10;
                put.accept(grey >= 128 ? 0b111L : 0L, 3);
            }
        }
        if (acc[1] > 0) bits.write((int) (acc[0] & 0xff));
        byte[] vp8l = bits.toByteArray();
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(20 + vp8l.length + (vp8l.length & 1))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.putInt(12 + vp8l.length + (vp8l.length & 1));
        out.put("WEBPVP8L".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.putInt(vp8l.length);
        out.put(vp8l);
        return out.array();
    }

    private static long onlyContentId(Setup s) {
        return s.f().db
                .jdbi()
                .withHandle(h -> h.createQuery("SELECT id FROM contents")
                        .mapTo(Long.class)
                        .one());
    }

    /** The reported box lies within the drawn area (a few pixels' slack) and is not a sliver of it. */
    static void assertInside(List<Integer> box, int[] drawn) {
        assertThat(box).hasSize(4);
        int slack = 8;
        assertThat(box.get(0)).isGreaterThanOrEqualTo(drawn[0] - slack);
        assertThat(box.get(1)).isGreaterThanOrEqualTo(drawn[1] - slack);
        assertThat(box.get(0) + box.get(2)).isLessThanOrEqualTo(drawn[0] + drawn[2] + slack);
        assertThat(box.get(1) + box.get(3)).isLessThanOrEqualTo(drawn[1] + drawn[3] + slack);
        assertThat((long) box.get(2) * box.get(3)).isGreaterThan((long) drawn[2] * drawn[3] / 3);
    }

    static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(250, 228, 200), w, h, new Color(170, 200, 235)));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static int[] qr(BufferedImage on, String payload, int x, int y, int side) throws Exception {
        BitMatrix m =
                new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, side, side, Map.of(EncodeHintType.MARGIN, 2));
        for (int j = 0; j < m.getHeight(); j++)
            for (int i = 0; i < m.getWidth(); i++) on.setRGB(x + i, y + j, m.get(i, j) ? 0 : 0xFFFFFF);
        return new int[] {x, y, m.getWidth(), m.getHeight()};
    }

    static int[] text(BufferedImage on, String s, int x, int y, int sizePx) {
        Graphics2D g = on.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Font font = new Font("Noto Sans CJK SC", Font.PLAIN, sizePx);
        g.setFont(font);
        g.setColor(new Color(30, 30, 30));
        var ink = font.createGlyphVector(g.getFontRenderContext(), s).getVisualBounds();
        int baseline = y + (int) Math.ceil(-ink.getY());
        g.drawString(s, x, baseline);
        g.dispose();
        return new int[] {x + (int) ink.getX(), y, (int) Math.ceil(ink.getWidth()), (int) Math.ceil(ink.getHeight())};
    }

    static byte[] jpeg(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
