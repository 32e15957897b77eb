package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.vocabulary.AiMark;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Each carrier the issue names, found in a file that carries only that carrier. */
class DetectionTest {

    private static final MediaLimits LIMITS = MediaLimits.defaults();
    private static final String JSON = TestFiles.PRODUCED.toJson();
    private static final String WRAPPED = "{\"AIGC\":" + JSON + "}";

    private static Inspection inspect(byte[] file) throws MediaFormatException {
        return MediaInspector.inspect(file, LIMITS);
    }

    @Test
    void aPlainImageCarriesNothing() throws Exception {
        for (byte[] f : new byte[][] {TestFiles.png(8, 8), TestFiles.jpeg(8, 8), TestFiles.webpLossless()}) {
            Inspection in = inspect(f);
            assertThat(in.readable()).isTrue();
            assertThat(in.aigc()).isNull();
            assertThat(in.c2pa()).isNull();
            assertThat(in.generatorTraces()).isEmpty();
            assertThat(in.mark()).isEqualTo(AiMark.NONE);
            assertThat(in.evidence()).isEmpty();
        }
        Inspection png = inspect(TestFiles.png(40, 30));
        assertThat(png.format()).isEqualTo(MediaFormat.PNG);
        assertThat(png.width()).isEqualTo(40);
        assertThat(png.height()).isEqualTo(30);
    }

    @Test
    void xmpAttributeFormInJpeg() throws Exception {
        Inspection in = inspect(TestFiles.jpegXmp(TestFiles.jpeg(8, 8), TestFiles.xmpAttribute(JSON)));
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.mark()).isEqualTo(AiMark.CONFIRMED);
        assertThat(in.evidence())
                .anyMatch(e -> e.contains("XMP TC260:AIGC (attribute)") && e.contains("JPEG APP1 XMP segment"));
    }

    @Test
    void xmpElementFormWithTheWrappedJsonInPng() throws Exception {
        String packet = TestFiles.xmpWithOtherFields("<TC260:AIGC "
                + "xmlns:TC260=\"http://www.tc260.org.cn/ns/AIGC/1.0/\">"
                + WRAPPED.replace("&", "&amp;") + "</TC260:AIGC>");
        Inspection in =
                inspect(TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.iTXt(PngContainer.XMP_KEYWORD, packet)));
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.evidence()).anyMatch(e -> e.contains("XMP TC260:AIGC (element)"));
    }

    @Test
    void xmpInWebp() throws Exception {
        byte[] webp = TestFiles.riff(
                TestFiles.webpChunk("VP8X", vp8x(WebpContainer.FLAG_XMP)),
                TestFiles.webpChunk("VP8L", TestFiles.vp8l1x1()),
                TestFiles.webpChunk("XMP ", TestFiles.utf8(TestFiles.xmpAttribute(WRAPPED))));
        assertThat(inspect(webp).aigc()).isEqualTo(TestFiles.PRODUCED);
    }

    @Test
    void pngTextChunksWithKeywordAigcInEveryEncoding() throws Exception {
        byte[] base = TestFiles.png(8, 8);
        assertThat(inspect(TestFiles.pngWith(base, TestFiles.tEXt("AIGC", JSON)))
                        .aigc())
                .isEqualTo(TestFiles.PRODUCED);
        assertThat(inspect(TestFiles.pngWith(base, TestFiles.iTXt("AIGC", WRAPPED)))
                        .aigc())
                .isEqualTo(TestFiles.PRODUCED);

        byte[] ztxt = TestFiles.concat(TestFiles.ascii("AIGC\0\0"), deflate(TestFiles.ascii(JSON)));
        assertThat(inspect(TestFiles.pngWith(base, TestFiles.chunk("zTXt", ztxt)))
                        .aigc())
                .isEqualTo(TestFiles.PRODUCED);

        byte[] itxtZ = TestFiles.concat(TestFiles.ascii("AIGC\0\1\0\0\0"), deflate(TestFiles.utf8(WRAPPED)));
        Inspection in = inspect(TestFiles.pngWith(base, TestFiles.chunk("iTXt", itxtZ)));
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.evidence()).anyMatch(e -> e.contains("PNG iTXt chunk 'AIGC'"));
    }

    @Test
    void exifUserCommentInAsciiAndUnicode() throws Exception {
        byte[] jpeg =
                TestFiles.jpegExif(TestFiles.jpeg(8, 8), TestFiles.tiff(null, TestFiles.userCommentAscii(WRAPPED)));
        Inspection in = inspect(jpeg);
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.evidence()).anyMatch(e -> e.contains("EXIF UserComment"));

        byte[] unicode =
                TestFiles.jpegExif(TestFiles.jpeg(8, 8), TestFiles.tiff(null, TestFiles.userCommentUnicodeBe(JSON)));
        assertThat(inspect(unicode).aigc()).isEqualTo(TestFiles.PRODUCED);
    }

    @Test
    void labelsEmbeddedInFreeTextAndRawAppSegments() throws Exception {
        byte[] comment = TestFiles.jpegExif(
                TestFiles.jpeg(8, 8),
                TestFiles.tiff(null, TestFiles.userCommentAscii("generated; AIGC=" + WRAPPED + " (v2)")));
        assertThat(inspect(comment).aigc()).isEqualTo(TestFiles.PRODUCED);

        byte[] description = TestFiles.jpegExif(TestFiles.jpeg(8, 8), TestFiles.tiff(null, WRAPPED, null));
        Inspection d = inspect(description);
        assertThat(d.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(d.evidence()).anyMatch(e -> e.contains("EXIF ImageDescription"));

        byte[] blob = TestFiles.jpegWith(
                TestFiles.jpeg(8, 8),
                0xEA,
                TestFiles.concat(TestFiles.ascii("AIGC"), TestFiles.utf8(JSON), new byte[] {0, 0}));
        Inspection b = inspect(blob);
        assertThat(b.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(b.evidence()).anyMatch(e -> e.contains("raw AIGC blob"));

        // Writing replaces the blob rather than leaving a second, stale label behind.
        AigcLabel relabelled = TestFiles.PRODUCED.withPropagator("PLAT", "9");
        Inspection after = inspect(ImplicitLabelWriter.write(blob, relabelled));
        assertThat(after.aigc()).isEqualTo(relabelled);
        assertThat(after.warnings()).isEmpty();
    }

    @Test
    void jsonInAnOrdinaryCommentIsNotALabel() throws Exception {
        Inspection in = inspect(TestFiles.jpegExif(
                TestFiles.jpeg(8, 8),
                TestFiles.tiff(null, TestFiles.userCommentAscii("{\"Label\":\"Holiday\",\"Album\":\"2024\"}"))));
        assertThat(in.aigc()).isNull();
        assertThat(in.mark()).isEqualTo(AiMark.NONE);
    }

    @Test
    void labelValuesMapToMarks() throws Exception {
        byte[] base = TestFiles.png(8, 8);
        assertThat(markOf(base, "1")).isEqualTo(AiMark.CONFIRMED);
        assertThat(markOf(base, "2")).isEqualTo(AiMark.POSSIBLE);
        assertThat(markOf(base, "3")).isEqualTo(AiMark.SUSPECTED);
        assertThat(markOf(base, "9")).isEqualTo(AiMark.SUSPECTED);
    }

    @Test
    void authorDeclarationMakesPlainContentPossibleButNeverWeakensConfirmed() throws Exception {
        Inspection plain = inspect(TestFiles.png(8, 8));
        assertThat(AiMarking.decide(plain, true)).isEqualTo(AiMark.POSSIBLE);
        assertThat(plain.withAuthorDeclaration(true).evidence()).contains("author declared the content AI-generated");
        Inspection labelled = inspect(ImplicitLabelWriter.write(TestFiles.png(8, 8), TestFiles.PRODUCED));
        assertThat(AiMarking.decide(labelled, true)).isEqualTo(AiMark.CONFIRMED);
        assertThat(AiMarking.decide(Inspection.unreadable(null, "x"), true)).isEqualTo(AiMark.POSSIBLE);
    }

    @Test
    void unparseableAigcValueIsSuspectedWithAWarning() throws Exception {
        Inspection in = inspect(TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.tEXt("AIGC", "{Label: 1")));
        assertThat(in.aigc()).isNull();
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
        assertThat(in.warnings()).anyMatch(w -> w.contains("AIGC value is not the expected JSON"));
    }

    @Test
    void c2paInJpegApp11AcrossSegmentsWithCawgTrainingMining() throws Exception {
        byte[] store = TestFiles.c2paStore(
                "Example Generator/2.1",
                "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
                "cawg.training-mining",
                "notAllowed");
        Inspection in = inspect(TestFiles.jpegWithJumbf(TestFiles.jpeg(8, 8), store, 3));
        assertThat(in.c2pa()).isNotNull();
        assertThat(in.c2pa().parsed()).isTrue();
        assertThat(in.c2pa().claimGenerator()).isEqualTo("Example Generator/2.1");
        assertThat(in.c2pa().digitalSourceType()).endsWith("/trainedAlgorithmicMedia");
        assertThat(in.c2pa().trainingMining()).singleElement().satisfies(t -> {
            assertThat(t.label()).isEqualTo("cawg.training-mining");
            assertThat(t.uses()).containsEntry("cawg.ai_generative_training", "notAllowed");
        });
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
        assertThat(in.evidence()).anyMatch(e -> e.contains("C2PA manifest store") && e.contains("JPEG APP11"));
        assertThat(in.warnings()).isEmpty();
    }

    @Test
    void toMapGivesTheCliAndHttpShapeWithTheStandardKeys() throws Exception {
        byte[] store = TestFiles.c2paStore("Gen", null, "c2pa.training-mining", "notAllowed");
        byte[] png = TestFiles.pngWith(
                ImplicitLabelWriter.write(
                        TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.tEXt("parameters", "Steps: 1")),
                        TestFiles.PRODUCED),
                TestFiles.chunk("caBX", store));
        java.util.Map<String, Object> m = inspect(png).toMap();
        assertThat(m)
                .containsEntry("readable", true)
                .containsEntry("format", "png")
                .containsEntry("mark", "confirmed")
                .containsEntry("width", 8);
        assertThat(m.keySet())
                .containsSubsequence(
                        "aigc", "c2pa", "iptcDigitalSourceType", "generatorTraces", "evidence", "warnings");
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> aigc = (java.util.Map<String, String>) m.get("aigc");
        assertThat(aigc.keySet())
                .containsExactly(
                        "Label",
                        "ContentProducer",
                        "ProduceID",
                        "ReservedCode1",
                        "ContentPropagator",
                        "PropagateID",
                        "ReservedCode2");
        assertThat(m.get("c2pa").toString()).contains("c2pa.training-mining").contains("notAllowed");
        assertThat(Inspection.unreadable(null, "bad").toMap())
                .containsEntry("readable", false)
                .containsEntry("problem", "bad")
                .containsEntry("mark", "none");
    }

    @Test
    void c2paInPngCabxWithC2paTrainingMining() throws Exception {
        byte[] store = TestFiles.c2paStore("Adobe Firefly", null, "c2pa.training-mining", "allowed");
        Inspection in = inspect(TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.chunk("caBX", store)));
        assertThat(in.c2pa().claimGenerator()).isEqualTo("Adobe Firefly");
        assertThat(in.c2pa().trainingMining())
                .extracting(C2paInfo.TrainingMining::label)
                .containsExactly("c2pa.training-mining");
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED); // claim generator names a generator
    }

    @Test
    void c2paV2ClaimGeneratorInfoAndWebpC2paChunk() throws Exception {
        byte[] claim = TestFiles.superbox(
                "c2pa.claim.v2",
                TestFiles.box(
                        "cbor",
                        TestFiles.cbor(java.util.Map.of(
                                "claim_generator_info",
                                java.util.List.of(java.util.Map.of("name", "ChatGPT", "version", "4o"))))));
        byte[] store = TestFiles.superbox("c2pa", TestFiles.superbox("urn:c2pa:1234", claim));
        byte[] webp = TestFiles.riff(
                TestFiles.webpChunk("VP8X", vp8x(0)),
                TestFiles.webpChunk("VP8L", TestFiles.vp8l1x1()),
                TestFiles.webpChunk("C2PA", store));
        Inspection in = inspect(webp);
        assertThat(in.c2pa().claimGenerator()).isEqualTo("ChatGPT 4o");
        assertThat(in.c2pa().where()).startsWith("WebP C2PA chunk");
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
    }

    @Test
    void exifInPngAndWebpIsReadToo() throws Exception {
        Inspection png = inspect(TestFiles.pngWith(
                TestFiles.png(8, 8),
                TestFiles.chunk("eXIf", TestFiles.tiff("DALL·E 3", TestFiles.userCommentAscii(JSON)))));
        assertThat(png.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(png.generatorTraces()).anyMatch(t -> t.generator().contains("DALL·E"));
        byte[] webp = TestFiles.riff(
                TestFiles.webpChunk("VP8X", vp8x(WebpContainer.FLAG_EXIF)),
                TestFiles.webpChunk("VP8L", TestFiles.vp8l1x1()),
                TestFiles.webpChunk(
                        "EXIF", TestFiles.concat(JpegContainer.EXIF_ID, TestFiles.tiff("Midjourney", null))));
        assertThat(inspect(webp).generatorTraces())
                .singleElement()
                .satisfies(t -> assertThat(t.where()).contains("WebP EXIF chunk"));
    }

    @Test
    void c2paFromACameraIsNotAnAiSignal() throws Exception {
        byte[] store = TestFiles.c2paStore(
                "Leica Camera", "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture", null, null);
        Inspection in = inspect(TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.chunk("caBX", store)));
        assertThat(in.c2pa()).isNotNull();
        assertThat(in.mark()).isEqualTo(AiMark.NONE);
    }

    @Test
    void iptcDigitalSourceTypeInXmpAsResourceTextOrAttribute() throws Exception {
        String[] forms = {
            "<Iptc4xmpExt:DigitalSourceType rdf:resource=\"http://cv.iptc.org/newscodes/"
                    + "digitalsourcetype/trainedAlgorithmicMedia\"/>",
            "<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/"
                    + "compositeWithTrainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>",
        };
        for (String form : forms) {
            Inspection in = inspect(TestFiles.jpegXmp(TestFiles.jpeg(8, 8), TestFiles.xmpWithOtherFields(form)));
            assertThat(in.iptcDigitalSourceType()).containsIgnoringCase("trainedAlgorithmicMedia");
            assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
        }
        String attr = TestFiles.xmpWithOtherFields("")
                .replace(
                        "xmlns:Iptc4xmpExt=",
                        "Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/"
                                + "trainedAlgorithmicMedia\" xmlns:Iptc4xmpExt=");
        assertThat(inspect(TestFiles.jpegXmp(TestFiles.jpeg(8, 8), attr)).mark())
                .isEqualTo(AiMark.SUSPECTED);
        // algorithmicMedia is "not based on any sampled training data": read, reported, no mark.
        Inspection algorithmic = inspect(
                TestFiles.jpegXmp(TestFiles.jpeg(8, 8), attr.replace("trainedAlgorithmicMedia", "algorithmicMedia")));
        assertThat(algorithmic.iptcDigitalSourceType()).endsWith("/algorithmicMedia");
        assertThat(algorithmic.evidence()).anyMatch(e -> e.contains("not counted as AI-generated"));
        assertThat(algorithmic.mark()).isEqualTo(AiMark.NONE);
        String capture = TestFiles.xmpWithOtherFields("<Iptc4xmpExt:DigitalSourceType>"
                + "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
                + "</Iptc4xmpExt:DigitalSourceType>");
        assertThat(inspect(TestFiles.jpegXmp(TestFiles.jpeg(8, 8), capture)).mark())
                .isEqualTo(AiMark.NONE);
    }

    @Test
    void generatorTracesFromDiffusionToolsComfyUiExifAndXmp() throws Exception {
        byte[] base = TestFiles.png(8, 8);
        assertTrace(
                TestFiles.pngWith(
                        base,
                        TestFiles.tEXt("parameters", "a cat\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1")),
                "Stable Diffusion web UI");
        assertTrace(
                TestFiles.pngWith(base, TestFiles.tEXt("prompt", "{\"3\":{\"class_type\":" + "\"KSampler\"}}")),
                "ComfyUI prompt");
        assertTrace(TestFiles.pngWith(base, TestFiles.tEXt("workflow", "{\"nodes\":[]}")), "ComfyUI workflow");
        assertTrace(TestFiles.pngWith(base, TestFiles.tEXt("Software", "NovelAI")), "NovelAI");
        assertTrace(TestFiles.pngWith(base, TestFiles.tEXt("hf-job-id", "0d6f3c1e")), "Hugging Face job");
        assertTrace(TestFiles.jpegExif(TestFiles.jpeg(8, 8), TestFiles.tiff("Midjourney v6", null)), "Midjourney");
        assertTrace(
                TestFiles.jpegExif(
                        TestFiles.jpeg(8, 8),
                        TestFiles.tiff(
                                null, TestFiles.userCommentUnicodeBe("a dog\nSteps: 30, Sampler: DPM++ 2M, Seed: 5"))),
                "Stable Diffusion generation parameters");
        assertTrace(
                TestFiles.jpegXmp(
                        TestFiles.jpeg(8, 8),
                        TestFiles.xmpWithOtherFields("<xmp:CreatorTool>Adobe Firefly</xmp:CreatorTool>")),
                "Firefly");
        assertTrace(
                TestFiles.jpegWith(
                        TestFiles.jpeg(8, 8),
                        0xFE,
                        TestFiles.ascii("portrait, Steps: 25, Sampler: Euler, CFG scale: 5")),
                "Stable Diffusion");
    }

    @Test
    void ordinarySoftwareNamesAreNotTraces() throws Exception {
        Inspection in = inspect(TestFiles.jpegExif(
                TestFiles.jpeg(8, 8), TestFiles.tiff("Adobe Photoshop 25.0 (Influx Edition)", null)));
        assertThat(in.generatorTraces()).isEmpty();
        assertThat(in.mark()).isEqualTo(AiMark.NONE);
        Inspection comment = inspect(
                TestFiles.pngWith(TestFiles.png(8, 8), TestFiles.tEXt("prompt", "not json: a note about prompts")));
        assertThat(comment.generatorTraces()).isEmpty();
    }

    @Test
    void disagreeingCarriersUseXmpAndWarn() throws Exception {
        AigcLabel other = new AigcLabel("3", "OTHER", "", "", "", "", "");
        byte[] png = TestFiles.pngWith(
                TestFiles.png(8, 8),
                TestFiles.iTXt(PngContainer.XMP_KEYWORD, TestFiles.xmpAttribute(JSON)),
                TestFiles.tEXt("AIGC", other.toJson()));
        Inspection in = inspect(png);
        assertThat(in.aigc()).isEqualTo(TestFiles.PRODUCED);
        assertThat(in.warnings()).anyMatch(w -> w.startsWith("labels disagree"));
    }

    private static void assertTrace(byte[] file, String generator) throws Exception {
        Inspection in = inspect(file);
        assertThat(in.generatorTraces())
                .as("traces")
                .anyMatch(t -> t.generator().contains(generator));
        assertThat(in.mark()).isEqualTo(AiMark.SUSPECTED);
        assertThat(in.evidence()).anyMatch(e -> e.startsWith("generator trace:"));
    }

    private static AiMark markOf(byte[] base, String label) throws Exception {
        AigcLabel l = new AigcLabel(label, "P", "1", "", "", "", "");
        return inspect(TestFiles.pngWith(base, TestFiles.tEXt("AIGC", l.toJson())))
                .mark();
    }

    static byte[] vp8x(int flags) {
        byte[] b = new byte[10]; // canvas 1x1: width-1 = height-1 = 0
        b[0] = (byte) flags;
        return b;
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
