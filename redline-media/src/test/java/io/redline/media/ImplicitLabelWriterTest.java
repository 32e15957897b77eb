package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpDirectory;
import io.redline.vocabulary.AiMark;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImplicitLabelWriterTest {

    private static final MediaLimits LIMITS = MediaLimits.defaults();

    @Test
    void pngRoundTripKeepsAllSevenFieldsAndThePixels() throws Exception {
        byte[] original = TestFiles.png(40, 30);
        byte[] labelled = ImplicitLabelWriter.write(original, TestFiles.PRODUCED);

        Inspection in = MediaInspector.inspect(labelled, LIMITS);
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.mark()).isEqualTo(AiMark.CONFIRMED);
        assertThat(in.warnings()).isEmpty();
        assertThat(TestFiles.pixels(labelled)).isEqualTo(TestFiles.pixels(original));
        assertThat(idatBytes(labelled)).isEqualTo(idatBytes(original));
    }

    @Test
    void pngGetsAnXmpChunkAndAnAigcTextChunkBeforeIdatWithValidCrcs() throws Exception {
        byte[] labelled = ImplicitLabelWriter.write(TestFiles.png(8, 8), TestFiles.PRODUCED);
        PngContainer png = PngContainer.parse(labelled, LIMITS); // verifies every CRC
        int firstIdat = indexOfType(png, "IDAT");
        int xmp = -1;
        int aigc = -1;
        for (int i = 0; i < png.chunks.size(); i++) {
            String k = png.keyword(png.chunks.get(i));
            if (png.chunks.get(i).type().equals("iTXt") && PngContainer.XMP_KEYWORD.equals(k)) {
                xmp = i;
            }
            if (png.chunks.get(i).type().equals("tEXt") && "AIGC".equals(k)) {
                aigc = i;
            }
        }
        assertThat(xmp).isPositive().isLessThan(firstIdat);
        assertThat(aigc).isPositive().isLessThan(firstIdat);
        assertThat(new String(png.slice(png.chunks.get(aigc)), StandardCharsets.ISO_8859_1))
                .isEqualTo("AIGC\0" + TestFiles.PRODUCED.toJson());
    }

    @Test
    void pngUsesItxtForAigcJsonThatIsNotLatin1() throws Exception {
        AigcLabel chinese = new AigcLabel("1", "某某智能科技", "生成-1", "", "", "", "");
        byte[] labelled = ImplicitLabelWriter.write(TestFiles.png(8, 8), chinese);
        PngContainer png = PngContainer.parse(labelled, LIMITS);
        assertThat(png.chunks).anyMatch(c -> c.type().equals("iTXt") && "AIGC".equals(png.keyword(c)));
        assertThat(MediaInspector.inspect(labelled, LIMITS).aigc()).isEqualTo(chinese);
    }

    @Test
    void jpegRoundTripKeepsAllSevenFieldsAndTheScanBytes() throws Exception {
        byte[] original = TestFiles.jpeg(64, 48);
        byte[] labelled = ImplicitLabelWriter.write(original, TestFiles.PRODUCED);

        assertThat(MediaInspector.inspect(labelled, LIMITS).aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(TestFiles.pixels(labelled)).isEqualTo(TestFiles.pixels(original));
        JpegContainer a = JpegContainer.parse(original, LIMITS);
        JpegContainer b = JpegContainer.parse(labelled, LIMITS);
        assertThat(Arrays.copyOfRange(labelled, b.scanOffset, labelled.length))
                .isEqualTo(Arrays.copyOfRange(original, a.scanOffset, original.length));
    }

    @Test
    void jpegXmpGoesAfterApp0AndExifAndReplacesTheOldPacket() throws Exception {
        byte[] jpeg = TestFiles.jpegXmp(
                TestFiles.jpeg(16, 16), TestFiles.xmpAttribute(new AigcLabel("3", "OLD", "", "", "", "", "").toJson()));
        jpeg = TestFiles.jpegExif(jpeg, TestFiles.tiff("Camera 1.0", null));
        byte[] labelled = ImplicitLabelWriter.write(jpeg, TestFiles.PRODUCED);

        JpegContainer c = JpegContainer.parse(labelled, LIMITS);
        assertThat(c.segments.stream().filter(c::isXmp)).hasSize(1);
        int leading = -1; // last index of the leading APP0 / APP1-EXIF run
        int xmp = -1;
        for (int i = 0; i < c.segments.size(); i++) {
            JpegContainer.Segment s = c.segments.get(i);
            leading = (s.marker() == 0xE0 || c.isExif(s)) && leading == i - 1 ? i : leading;
            xmp = c.isXmp(s) ? i : xmp;
        }
        assertThat(leading).isEqualTo(1);
        assertThat(xmp).isEqualTo(leading + 1);
        Inspection in = MediaInspector.inspect(labelled, LIMITS);
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.warnings()).isEmpty();
    }

    @Test
    void webpLosslessRoundTripCreatesVp8xAndKeepsTheBitstream() throws Exception {
        byte[] original = TestFiles.webpLossless();
        byte[] labelled = ImplicitLabelWriter.write(original, TestFiles.PRODUCED);

        WebpContainer w = WebpContainer.parse(labelled, LIMITS);
        assertThat(w.chunks.stream().map(WebpContainer.Chunk::fourcc)).containsExactly("VP8X", "VP8L", "XMP ");
        assertThat(Bytes.u8(labelled, w.chunks.get(0).dataOffset()) & WebpContainer.FLAG_XMP)
                .isNotZero();
        assertThat(w.width).isEqualTo(1);
        assertThat(w.height).isEqualTo(1);
        assertThat(Bytes.u32le(labelled, 4)).isEqualTo(labelled.length - 8);
        assertThat(imageChunk(labelled, "VP8L")).isEqualTo(imageChunk(original, "VP8L"));
        assertThat(MediaInspector.inspect(labelled, LIMITS).aigc()).isEqualTo(TestFiles.PRODUCED);
    }

    @Test
    void webpStillDecodesToTheSamePixelsAfterLabelling() throws Exception {
        // TwelveMonkeys' WebP reader (test scope) is an independent decoder: it proves the
        // hand-built VP8L is a real image and that our VP8X wrapper keeps it decodable.
        byte[] original = TestFiles.webpLossless();
        byte[] labelled = ImplicitLabelWriter.write(original, TestFiles.PRODUCED);
        assertThat(TestFiles.decode(original).getRGB(0, 0)).isEqualTo(0xFF408020);
        assertThat(TestFiles.pixels(labelled)).isEqualTo(TestFiles.pixels(original));
    }

    @Test
    void webpLossyAndExtendedFilesAreLabelledTooAndRelabellingReplaces() throws Exception {
        byte[] lossy = ImplicitLabelWriter.write(TestFiles.webpLossyHeaderOnly(), TestFiles.PRODUCED);
        WebpContainer w = WebpContainer.parse(lossy, LIMITS);
        assertThat(w.width).isEqualTo(64);
        assertThat(w.height).isEqualTo(48);
        AigcLabel propagated = TestFiles.PRODUCED.withPropagator("PLAT", "n1");
        byte[] again = ImplicitLabelWriter.write(lossy, propagated);
        WebpContainer w2 = WebpContainer.parse(again, LIMITS);
        assertThat(w2.chunks.stream().filter(c -> c.fourcc().equals("XMP "))).hasSize(1);
        assertThat(w2.chunks.stream().filter(c -> c.fourcc().equals("VP8X"))).hasSize(1);
        assertThat(imageChunk(again, "VP8 ")).isEqualTo(imageChunk(TestFiles.webpLossyHeaderOnly(), "VP8 "));
        assertThat(MediaInspector.inspect(again, LIMITS).aigc()).isEqualTo(propagated);
    }

    @Test
    void metadataExtractorReadsTheXmpWeWroteInEveryFormat() throws Exception {
        for (byte[] file : new byte[][] {TestFiles.png(8, 8), TestFiles.jpeg(8, 8), TestFiles.webpLossless()}) {
            byte[] labelled = ImplicitLabelWriter.write(file, TestFiles.PRODUCED);
            Metadata md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(labelled));
            XmpDirectory xmp = md.getFirstDirectoryOfType(XmpDirectory.class);
            assertThat(xmp).as(MediaFormat.sniff(file) + " XMP directory").isNotNull();
            assertThat(xmp.getXMPMeta().getPropertyString(XmpPacket.TC260_NS, "AIGC"))
                    .isEqualTo(TestFiles.PRODUCED.toJson());
            Map<String, String> props = xmp.getXmpProperties();
            assertThat(props).containsValue(TestFiles.PRODUCED.toJson());
        }
    }

    @Test
    void existingXmpIsKeptAndOnlyTheTc260PropertyReplaced() throws Exception {
        String packet = TestFiles.xmpWithOtherFields("<xmp:CreatorTool>Lightroom</xmp:CreatorTool>"
                + "<TC260:AIGC xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\">{\"Label\":\"3\"}"
                + "</TC260:AIGC>");
        byte[] jpeg = TestFiles.jpegXmp(TestFiles.jpeg(8, 8), packet);
        byte[] labelled = ImplicitLabelWriter.write(jpeg, TestFiles.PRODUCED);

        byte[] xmp = MediaInspector.carriers(labelled, LIMITS).xmp.get(0).bytes();
        String text = new String(xmp, StandardCharsets.UTF_8);
        assertThat(text).contains("Jane Blogger").contains("Lightroom").doesNotContain("{\"Label\":\"3\"}");
        assertThat(text.split("AIGC>", -1)).hasSize(3); // one open and one close tag
        assertThat(MediaInspector.inspect(labelled, LIMITS).aigc()).isEqualTo(TestFiles.PRODUCED);
        XmpDirectory md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(labelled))
                .getFirstDirectoryOfType(XmpDirectory.class);
        assertThat(md.getXMPMeta().getPropertyString(XmpPacket.TC260_NS, "AIGC"))
                .isEqualTo(TestFiles.PRODUCED.toJson());
        assertThat(md.getXMPMeta().getPropertyString("http://ns.adobe.com/xap/1.0/", "CreatorTool"))
                .isEqualTo("Lightroom");
    }

    @Test
    void propagateKeepsTheProducerFieldsFoundInTheFile() throws Exception {
        byte[] produced = ImplicitLabelWriter.write(TestFiles.png(8, 8), TestFiles.PRODUCED);
        byte[] distributed = ImplicitLabelWriter.propagate(produced, AiMark.CONFIRMED, "PLAT-01", "note-777", LIMITS);
        AigcLabel l = MediaInspector.inspect(distributed, LIMITS).aigc();
        assertThat(l).isEqualTo(TestFiles.PRODUCED.withPropagator("PLAT-01", "note-777"));

        byte[] unlabelled =
                ImplicitLabelWriter.propagate(TestFiles.jpeg(8, 8), AiMark.POSSIBLE, "PLAT-01", "note-778", LIMITS);
        assertThat(MediaInspector.inspect(unlabelled, LIMITS).aigc())
                .isEqualTo(new AigcLabel("2", "", "", "", "PLAT-01", "note-778", ""));
    }

    @Test
    void writingIsRefusedForFilesThatAreNotImages() {
        assertThatThrownBy(() -> ImplicitLabelWriter.write("hello".getBytes(), TestFiles.PRODUCED))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("not a PNG, JPEG or WebP");
    }

    private static int indexOfType(PngContainer png, String type) {
        for (int i = 0; i < png.chunks.size(); i++) {
            if (png.chunks.get(i).type().equals(type)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] idatBytes(byte[] file) throws MediaFormatException {
        PngContainer png = PngContainer.parse(file, LIMITS);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (PngContainer.Chunk c : png.chunks) {
            if (c.type().equals("IDAT")) {
                out.writeBytes(png.slice(c));
            }
        }
        return out.toByteArray();
    }

    private static byte[] imageChunk(byte[] file, String fourcc) throws MediaFormatException {
        WebpContainer w = WebpContainer.parse(file, LIMITS);
        for (WebpContainer.Chunk c : w.chunks) {
            if (c.fourcc().equals(fourcc)) {
                return Arrays.copyOfRange(file, c.dataOffset(), c.dataOffset() + c.size());
            }
        }
        throw new AssertionError("no " + fourcc + " chunk");
    }
}
