package io.redline.media;

import static io.redline.media.MediaFormatException.Kind.CORRUPT;
import static io.redline.media.MediaFormatException.Kind.LIMIT_EXCEEDED;
import static io.redline.media.MediaFormatException.Kind.TRUNCATED;
import static io.redline.media.MediaFormatException.Kind.UNSAFE_METADATA;
import static io.redline.media.MediaFormatException.Kind.UNSUPPORTED_FORMAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.redline.vocabulary.AiMark;
import java.time.Duration;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Hostile and broken files: each a typed, explained refusal or a warning — never a crash. */
class BadInputTest {

    private static final MediaLimits LIMITS = MediaLimits.defaults();

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(
            byte[] file, MediaFormatException.Kind kind) {
        return assertThatThrownBy(() -> MediaInspector.inspect(file, LIMITS))
                .isInstanceOf(MediaFormatException.class)
                .satisfies(e -> assertThat(((MediaFormatException) e).kind()).isEqualTo(kind));
    }

    @Test
    void wrongMagicBytes() {
        refused("GIF89a......".getBytes(), UNSUPPORTED_FORMAT)
                .hasMessageContaining("not a PNG, JPEG or WebP file (first bytes: 47 49 46 38");
        refused(new byte[0], UNSUPPORTED_FORMAT).hasMessageContaining("first bytes: none");
    }

    @Test
    void truncatedFilesInEveryFormat() {
        byte[] png = TestFiles.png(16, 16);
        refused(Arrays.copyOf(png, png.length - 5), TRUNCATED).hasMessageContaining("PNG");
        refused(Arrays.copyOf(png, 40), TRUNCATED).hasMessageContaining("PNG truncated at byte 33");
        byte[] jpeg = TestFiles.jpeg(16, 16);
        refused(Arrays.copyOf(jpeg, 100), TRUNCATED).hasMessageContaining("JPEG");
        byte[] webp = TestFiles.webpLossless();
        refused(Arrays.copyOf(webp, webp.length - 4), TRUNCATED).hasMessageContaining("RIFF header declares");
    }

    @Test
    void aJpegCutInsideItsImageDataIsReadableWithAWarning() throws Exception {
        byte[] jpeg = TestFiles.jpeg(64, 64);
        Inspection in = MediaInspector.inspect(Arrays.copyOf(jpeg, jpeg.length - 30), LIMITS);
        assertThat(in.warnings()).anyMatch(w -> w.contains("no EOI"));
    }

    @Test
    void lyingLengths() {
        byte[] png = TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.tEXt("Comment", "hi"));
        TestFiles.putU32be(png, 33, 5_000); // tEXt says 5000 bytes, the file is much shorter
        refused(png, TRUNCATED).hasMessageContaining("PNG chunk 'tEXt' at byte 33 declares 5000");

        byte[] jpeg = TestFiles.jpegWith(TestFiles.jpeg(8, 8), 0xE1, new byte[] {1, 2, 3});
        jpeg[4] = (byte) 0xFF;
        jpeg[5] = (byte) 0xF0; // APP1 claims 65520 bytes
        refused(Arrays.copyOf(jpeg, 2000), TRUNCATED).hasMessageContaining("declares 65520");

        byte[] webp = TestFiles.webpLossless();
        webp[16] = 0x7F; // VP8L chunk size far beyond the RIFF
        refused(webp, TRUNCATED).hasMessageContaining("WebP chunk 'VP8L'");

        byte[] tiny = TestFiles.jpegWith(TestFiles.jpeg(8, 8), 0xE1, new byte[0]);
        tiny[5] = 1; // a segment length below 2 is impossible
        refused(tiny, CORRUPT).hasMessageContaining("impossible length 1");
    }

    @Test
    void afewStrayBytesBetweenJpegSegmentsAreToleratedManyAreNot() throws Exception {
        byte[] jpeg = TestFiles.jpeg(8, 8);
        int app0End = 4 + Bytes.u16be(jpeg, 4); // SOI, then the JFIF APP0 segment
        byte[] stray = TestFiles.concat(
                Arrays.copyOf(jpeg, app0End), new byte[] {0, 0, 0}, Arrays.copyOfRange(jpeg, app0End, jpeg.length));
        assertThat(MediaInspector.inspect(stray, LIMITS).warnings()).anyMatch(w -> w.contains("3 stray bytes"));
        byte[] garbage = TestFiles.concat(
                Arrays.copyOf(jpeg, app0End), new byte[2000], Arrays.copyOfRange(jpeg, app0End, jpeg.length));
        refused(garbage, CORRUPT).hasMessageContaining("expected a marker (FF) at byte " + app0End);
    }

    @Test
    void crcErrors() {
        byte[] png = TestFiles.png(8, 8);
        png[png.length - 20] ^= 0x55; // inside the last IDAT
        refused(png, CORRUPT).hasMessageContaining("fails its CRC check");
    }

    @Test
    void decompressionBombsAreRefusedFromTheHeaderWithoutDecoding() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            refused(TestFiles.ihdrPng(100_000, 100_000), LIMIT_EXCEEDED)
                    .hasMessageContaining("100000x100000 = 10000000000 pixels, over the limit of 50000000");
            byte[] jpeg = TestFiles.jpeg(8, 8);
            JpegContainer c = JpegContainer.parse(jpeg, LIMITS);
            int sof = c.segments.stream()
                    .filter(s -> JpegContainer.isSof(s.marker()))
                    .findFirst()
                    .orElseThrow()
                    .payloadOffset();
            jpeg[sof + 1] = (byte) 0xEA; // height 60000
            jpeg[sof + 3] = (byte) 0xEA; // width 60000
            refused(jpeg, LIMIT_EXCEEDED).hasMessageContaining("frame header (SOF)");
            byte[] vp8x = DetectionTest.vp8x(0);
            vp8x[4] = vp8x[5] = vp8x[7] = vp8x[8] = (byte) 0xFF; // 65536 x 65536 canvas
            refused(
                            TestFiles.riff(
                                    TestFiles.webpChunk("VP8X", vp8x),
                                    TestFiles.webpChunk("VP8L", TestFiles.vp8l1x1())),
                            LIMIT_EXCEEDED)
                    .hasMessageContaining("VP8X canvas");
        });
    }

    @Test
    void aFiftyMegabyteMetadataBlockIsRefusedByTheLimit() {
        int fifty = 50 * 1024 * 1024;
        byte[] png = TestFiles.png(8, 8);
        byte[] huge = new byte[33 + 12 + fifty + png.length - 33];
        System.arraycopy(png, 0, huge, 0, 33);
        TestFiles.putU32be(huge, 33, fifty);
        System.arraycopy("iTXt".getBytes(), 0, huge, 37, 4);
        System.arraycopy(png, 33, huge, 33 + 12 + fifty, png.length - 33);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            refused(huge, LIMIT_EXCEEDED)
                    .hasMessageContaining(
                            "PNG iTXt chunk at byte 33 is 52428800" + " bytes, over the metadata limit of 1048576");
            // Declared but absent: refused on the declaration, before any copying.
            refused(Arrays.copyOf(huge, 4096), LIMIT_EXCEEDED);
            byte[] webp = TestFiles.riff(
                    TestFiles.webpChunk("VP8L", TestFiles.vp8l1x1()), TestFiles.webpChunk("XMP ", new byte[16]));
            TestFiles.putU32be(webp, webp.length - 20, 0); // little-endian size follows
            webp[webp.length - 20] = 0;
            webp[webp.length - 19] = 0;
            webp[webp.length - 18] = 0x20; // 0x00200000 = 2 MiB XMP
            webp[webp.length - 17] = 0;
            refused(webp, LIMIT_EXCEEDED).hasMessageContaining("WebP XMP chunk");
        });
    }

    @Test
    void fileSizeLimit() {
        MediaLimits small = new MediaLimits(100, 1024, 1_000_000);
        assertThatThrownBy(() -> MediaInspector.inspect(TestFiles.png(16, 16), small))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("over the limit of 100");
    }

    @Test
    void streamsAreReadOnlyUpToTheLimit() throws Exception {
        MediaLimits small = new MediaLimits(1000, 1024, 1_000_000);
        byte[] ok = small.read(new java.io.ByteArrayInputStream(new byte[1000]));
        assertThat(ok).hasSize(1000);
        java.io.InputStream endless = new java.io.InputStream() {
            @Override
            public int read() {
                return 0;
            }
        };
        assertThatThrownBy(() -> small.read(endless))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("over the limit of 1000 bytes");
    }

    @Test
    void compressedTextBombIsRefused() {
        byte[] zeros = new byte[8 * 1024 * 1024];
        byte[] ztxt = TestFiles.concat(TestFiles.ascii("AIGC\0\0"), DetectionTest.deflate(zeros));
        assertThat(ztxt.length).isLessThan(20_000);
        byte[] png = TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.chunk("zTXt", ztxt));
        assertTimeoutPreemptively(
                Duration.ofSeconds(2), () -> refused(png, LIMIT_EXCEEDED).hasMessageContaining("inflated"));
    }

    @Test
    void xmpBillionLaughsAndExternalEntitiesAreRefusedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            refused(TestFiles.jpegXmp(TestFiles.jpeg(8, 8), TestFiles.BILLION_LAUGHS), UNSAFE_METADATA)
                    .hasMessageContaining("DOCTYPE");
            refused(
                            TestFiles.pngWith(
                                    TestFiles.png(8, 8),
                                    TestFiles.iTXt(PngContainer.XMP_KEYWORD, TestFiles.EXTERNAL_ENTITY)),
                            UNSAFE_METADATA)
                    .hasMessageContaining("PNG iTXt chunk 'XML:com.adobe.xmp'");
        });
    }

    @Test
    void utf16XmpWithADoctypeIsRefusedByTheParserItself() throws Exception {
        // The byte pre-scan cannot see "<!DOCTYPE" in UTF-16; the locked-down parser must.
        byte[] packet = TestFiles.BILLION_LAUGHS
                .replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_16);
        for (int i = 0; i < 3; i++) { // the per-thread parser is reused: every use must refuse
            assertTimeoutPreemptively(
                    Duration.ofSeconds(2),
                    () -> refused(
                                    TestFiles.jpegWith(
                                            TestFiles.jpeg(8, 8), 0xE1, TestFiles.concat(JpegContainer.XMP_ID, packet)),
                                    UNSAFE_METADATA)
                            .hasMessageContaining("DOCTYPE"));
        }
    }

    @Test
    void writingOverHostileXmpReplacesItWithAFreshPacket() throws Exception {
        byte[] jpeg = TestFiles.jpegXmp(TestFiles.jpeg(8, 8), TestFiles.EXTERNAL_ENTITY);
        byte[] labelled = ImplicitLabelWriter.write(jpeg, TestFiles.PRODUCED);
        Inspection in = MediaInspector.inspect(labelled, LIMITS);
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
    }

    @Test
    void deeplyNestedXmpIsAWarningNotAStackOverflow() throws Exception {
        String deep = "<a>".repeat(8_000) + "</a>".repeat(8_000);
        Inspection in = MediaInspector.inspect(TestFiles.jpegXmp(TestFiles.jpeg(8, 8), deep), LIMITS);
        assertThat(in.readable()).isTrue();
        assertThat(in.warnings()).anyMatch(w -> w.contains("XMP"));
    }

    @Test
    void malformedMetadataIsAWarningAndTheFileStaysReadable() throws Exception {
        byte[] jpeg = TestFiles.jpegXmp(TestFiles.jpeg(8, 8), "<x:xmpmeta unclosed");
        jpeg = TestFiles.jpegExif(jpeg, TestFiles.ascii("MM\0\u002a\0\0\u00ff\u00ff"));
        Inspection in = MediaInspector.inspect(jpeg, LIMITS);
        assertThat(in.readable()).isTrue();
        assertThat(in.warnings())
                .anyMatch(w -> w.contains("not well-formed"))
                .anyMatch(w -> w.contains("EXIF IFD offset"));
    }

    @Test
    void brokenC2paFallsBackToAByteScan() throws Exception {
        byte[] store = TestFiles.c2paStore(
                "X",
                "http://cv.iptc.org/newscodes/digitalsourcetype/" + "trainedAlgorithmicMedia",
                "c2pa.training-mining",
                "notAllowed");
        store[0] = 0x7F; // outer box length lies
        Inspection in =
                MediaInspector.inspect(TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.chunk("caBX", store)), LIMITS);
        assertThat(in.c2pa().parsed()).isFalse();
        assertThat(in.c2pa().digitalSourceType()).endsWith("trainedAlgorithmicMedia");
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
        assertThat(in.warnings()).anyMatch(w -> w.contains("byte scan"));
    }

    @Test
    void inspectOrUnreadableTurnsRefusalsIntoAnUnreadableResult() {
        Inspection in = MediaInspector.inspectOrUnreadable(TestFiles.ihdrPng(100_000, 100_000), LIMITS);
        assertThat(in.readable()).isFalse();
        assertThat(in.format()).isEqualTo(MediaFormat.PNG);
        assertThat(in.problem()).contains("over the limit");
        assertThat(in.mark()).isEqualTo(AiMark.NONE);
    }

    @Test
    void pngStructureRules() {
        byte[] noIdat = TestFiles.concat(
                PngContainer.SIGNATURE,
                Arrays.copyOfRange(TestFiles.ihdrPng(1, 1), 8, 33),
                TestFiles.chunk("IEND", new byte[0]));
        refused(noIdat, CORRUPT).hasMessageContaining("no IDAT");
        byte[] badType = TestFiles.png(4, 4);
        badType[37] = '1';
        refused(badType, CORRUPT).hasMessageContaining("invalid type");
    }
}
