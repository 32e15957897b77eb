package io.redline.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations (byte flips, truncations, insertions, deletions, length-field lies) of files
 * carrying every carrier go through inspect and write: the only exception allowed is
 * MediaFormatException, and no file may cost much work. PNG mutants also get their CRCs repaired
 * so the mutations reach the text, XMP, EXIF and C2PA parsers instead of stopping at the CRC.
 */
class FuzzTest {

    private static final int MUTANTS_PER_SEED = 200;
    /**
     * Work per file, counted as the bytes the inspecting thread allocates (a parser that loops or
     * inflates a lying length field allocates in proportion): deterministic, unlike the 500 ms
     * wall-clock limit this replaces, which failed whenever the machine was busy. The seeds are a
     * few kilobytes; the heaviest file allocated 3.5 MB (first-call class initialisation included).
     */
    private static final long ALLOCATED_BYTES_MAX_PER_FILE = 32L * 1024 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    @Test
    void mutatedFilesAreRefusedOrInspectedNeverCrash() throws Exception {
        MediaLimits limits = new MediaLimits(4 * 1024 * 1024, 64 * 1024, 4_000_000);
        List<byte[]> seeds = seeds();
        Random random = new Random(20250901L);
        int refused = 0;
        int inspected = 0;
        long heaviestBytes = 0;
        for (byte[] seed : seeds) {
            for (int i = 0; i < MUTANTS_PER_SEED; i++) {
                byte[] mutant = mutate(seed, random);
                if (MediaFormat.sniff(seed) == MediaFormat.PNG && random.nextBoolean()) {
                    TestFiles.fixCrcs(mutant);
                }
                long start = THREADS.getCurrentThreadAllocatedBytes();
                try {
                    Inspection in = MediaInspector.inspect(mutant, limits);
                    assertThat(in.readable()).isTrue();
                    inspected++;
                    ImplicitLabelWriter.write(mutant, TestFiles.PRODUCED, limits, Provenance.drop());
                } catch (MediaFormatException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    refused++;
                }
                heaviestBytes = Math.max(heaviestBytes, THREADS.getCurrentThreadAllocatedBytes() - start);
                assertThat(MediaInspector.inspectOrUnreadable(mutant, limits)).isNotNull();
            }
        }
        assertThat(refused + inspected).isEqualTo(seeds.size() * MUTANTS_PER_SEED);
        assertThat(inspected).as("some mutants stay readable").isPositive();
        assertThat(refused).as("some mutants are refused").isPositive();
        assertThat(THREADS.isThreadAllocatedMemoryEnabled()).isTrue();
        assertThat(heaviestBytes).as("bytes allocated for the heaviest file").isLessThan(ALLOCATED_BYTES_MAX_PER_FILE);
    }

    private static List<byte[]> seeds() throws Exception {
        String json = TestFiles.PRODUCED.toJson();
        byte[] store = TestFiles.c2paStore(
                "Gen",
                "http://cv.iptc.org/newscodes/digitalsourcetype/" + "trainedAlgorithmicMedia",
                "cawg.training-mining",
                "notAllowed");
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(ImplicitLabelWriter.write(
                TestFiles.pngWith(
                        TestFiles.png(12, 10),
                        TestFiles.tEXt("parameters", "Steps: 20, Sampler: Euler"),
                        TestFiles.chunk(
                                "zTXt",
                                TestFiles.concat(
                                        TestFiles.ascii("AIGC\0\0"), DetectionTest.deflate(TestFiles.ascii(json)))),
                        TestFiles.chunk("eXIf", TestFiles.tiff("Midjourney", TestFiles.userCommentAscii(json)))),
                TestFiles.PRODUCED));
        // The (unsigned) store goes in after labelling: labelling a file with a store needs a key.
        seeds.set(0, TestFiles.pngWith(seeds.get(0), TestFiles.chunk("caBX", store)));
        byte[] jpeg = TestFiles.jpegExif(
                TestFiles.jpeg(16, 12), TestFiles.tiff("Stable Diffusion", TestFiles.userCommentUnicodeBe(json)));
        seeds.add(TestFiles.jpegWithJumbf(ImplicitLabelWriter.write(jpeg, TestFiles.PRODUCED), store, 2));
        seeds.add(ImplicitLabelWriter.write(TestFiles.webpLossless(), TestFiles.PRODUCED));
        seeds.add(TestFiles.riff(
                TestFiles.webpChunk("VP8X", DetectionTest.vp8x(0x0C)),
                TestFiles.webpChunk("VP8L", TestFiles.vp8l1x1()),
                TestFiles.webpChunk("EXIF", TestFiles.tiff("DALL-E", null)),
                TestFiles.webpChunk("XMP ", TestFiles.utf8(TestFiles.xmpAttribute(json))),
                TestFiles.webpChunk("C2PA", store)));
        return seeds;
    }

    private static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        int kind = r.nextInt(6);
        switch (kind) {
            case 0 -> { // flip a few bytes
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length)); // truncate
            case 2 -> { // insert random bytes
                int at = r.nextInt(b.length);
                byte[] junk = new byte[1 + r.nextInt(64)];
                r.nextBytes(junk);
                b = TestFiles.concat(Arrays.copyOf(b, at), junk, Arrays.copyOfRange(b, at, b.length));
            }
            case 3 -> { // delete a range
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                b = TestFiles.concat(Arrays.copyOf(b, at), Arrays.copyOfRange(b, at + len, b.length));
            }
            case 4 -> { // lie in a 32-bit field (chunk/box lengths, offsets)
                int at = r.nextInt(Math.max(1, b.length - 4));
                int v = r.nextInt();
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >>> (8 * i));
                }
            }
            default -> { // set bytes to extremes (0x00 / 0xFF) in a run
                int at = r.nextInt(b.length);
                Arrays.fill(
                        b, at, Math.min(b.length, at + 1 + r.nextInt(16)), r.nextBoolean() ? (byte) 0 : (byte) 0xFF);
            }
        }
        return b;
    }
}
