package io.redline.rights.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Our PDQ against the reference implementation's published hashes (facebook/ThreatExchange,
 * BSD licence; images and hashes listed in src/test/resources/pdq/README.md). The reference's own
 * tests accept 16 bits of Hamming distance, since JPEG decoders differ in the last bit of pixels.
 */
class PdqReferenceTest {
    /** The reference suite's tolerance. */
    static final int TOLERANCE_BITS = 16;

    static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("q0003.jpg", "54a977c221d14c1c43ba5e6e21d4a13989a3553f1462611cbb85fda7be83b677");
        EXPECTED.put("q0004.jpg", "992d44af36d69e6ca6b812585928bac11def254ef5398c6d07466c9abcc65b92");
        EXPECTED.put("q0122.jpg", "cfb2009ddd21c6dab0046a7745b5984757a8a4535b3377aea2591d32b33ff940");
        EXPECTED.put("q0291.jpg", "a0fe94f1e5cc1cc8dd855948498dc9243f7ca27336f036d7f212b74bc103c9a7");
        EXPECTED.put("q0746.jpg", "1049d96239e24d4dca2c55512b8bdb77425f4dbcf575a0a95555aaab5554aaaa");
        EXPECTED.put("q1050.jpg", "489db672e9190276d452aeab41eba20f02375fe4092d88defdf491a5c55c5f70");
        EXPECTED.put("q2821.jpg", "b150231ffae4710ffcf4f18bb574b109a576f14bb8543189f8743289f174b109");
        EXPECTED.put("bridge-1-original.jpg", "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22");
    }

    /** The reference's hash of the bridge rotated by 90° (its bridge-2-rotate-90.jpg), against our dihedral variant. */
    static final String BRIDGE_ROTATED_90 = "38a50efd71c83f429013d68d0ffffc52e34e0e15ada952a9d29684214aa9e5af";

    static Luma luma(String name) throws IOException {
        try (InputStream in = PdqReferenceTest.class.getResourceAsStream("/pdq/" + name)) {
            BufferedImage img = ImageIO.read(in);
            int w = img.getWidth(), h = img.getHeight();
            return Luma.ofArgb(w, h, img.getRGB(0, 0, w, h, null, 0, w));
        }
    }

    static int distance(ImageHash ours, String expectedHex) {
        HexFormat hex = HexFormat.of();
        long[] e = {
            hex.fromHexDigitsToLong(expectedHex, 48, 64),
            hex.fromHexDigitsToLong(expectedHex, 32, 48),
            hex.fromHexDigitsToLong(expectedHex, 16, 32),
            hex.fromHexDigitsToLong(expectedHex, 0, 16)
        };
        long[] o = ours.pdq();
        int d = 0;
        for (int i = 0; i < 4; i++) d += Long.bitCount(o[i] ^ e[i]);
        return d;
    }

    @Test
    void ourHashesAreWithinTheReferenceSuitesToleranceOfItsPublishedHashes() throws IOException {
        Map<String, Integer> distances = new LinkedHashMap<>();
        for (var e : EXPECTED.entrySet()) distances.put(e.getKey(), distance(Pdq.hash(luma(e.getKey())), e.getValue()));
        System.out.println("PDQ distance to the reference hashes: " + distances);
        assertThat(distances).allSatisfy((name, d) -> assertThat(d).as(name).isLessThanOrEqualTo(TOLERANCE_BITS));
    }

    @Test
    void ourRotatedVariantMatchesTheReferenceHashOfTheRotatedFile() throws IOException {
        ImageHash[] variants = Pdq.dihedral(luma("bridge-1-original.jpg"));
        int best = Integer.MAX_VALUE;
        for (ImageHash v : variants) best = Math.min(best, distance(v, BRIDGE_ROTATED_90));
        System.out.println("PDQ distance of our best dihedral variant to the reference's rotated bridge: " + best);
        assertThat(best).isLessThanOrEqualTo(TOLERANCE_BITS);
    }
}
