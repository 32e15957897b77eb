package io.redline.rights.image;

import java.util.Arrays;

/**
 * PDQ perceptual hashing, written from Facebook's published description ("The TMK+PDQF and PDQ
 * hashing algorithms", ThreatExchange {@code hashing/hashing.pdf}, 2019; the reference code is
 * BSD-licensed, none of it is copied here):
 * <ol>
 *   <li>luminance (BT.601) of the image;</li>
 *   <li>a Jarosz filter: two passes of a box filter along rows and columns, the window
 *       ⌈dimension / (2·64)⌉ wide, which approximates a tent filter and removes what the
 *       64×64 sampling would alias;</li>
 *   <li>64×64 samples at the centres of the cells;</li>
 *   <li>a quality metric: the summed absolute gradient of the 64×64 image, scaled so that
 *       featureless images score below 50 (they hash to noise and must not be matched);</li>
 *   <li>the 16×16 lowest-frequency coefficients of the 2-D DCT-II, the DC row and column
 *       left out;</li>
 *   <li>each coefficient above the median of the 256 sets its bit.</li>
 * </ol>
 * Matching is a Hamming distance; the paper suggests at most 31 of 256 bits for a match. Mirrors
 * and rotations (the eight dihedral variants) are hashed from transposed or flipped 64×64
 * buffers, so {@link #dihedral} returns the variants a query must try.
 *
 * <p>Not verified bit for bit against the reference implementation's test vectors (none were at
 * hand); the box filter's edge handling may differ in the last bit of some samples.
 */
public final class Pdq {
    public static final int SIZE = 64;
    public static final int DCT_SIZE = 16;
    /** Below this quality the paper advises not to trust the hash. */
    public static final int QUALITY_MIN = 50;

    private static final int JAROSZ_PASSES = 2;
    private static final float[][] DCT = dctMatrix();

    private Pdq() {}

    /** The hash of the image as given and the 64×64 buffer it came from. */
    public static ImageHash hash(Luma luma) {
        float[][] buffer = downsample(luma);
        return hash(buffer);
    }

    /** Centre crops a stored image is also hashed at, so a lightly cropped copy lands near one of them. */
    public static final double[] REFERENCE_CROPS = {0, 0.03, 0.06};

    /**
     * What an index stores for an image: its hash and the hashes of its centre crops
     * ({@link #REFERENCE_CROPS}). PDQ alone moves 50–96 bits when 5% is cut from each side; against
     * the nearest reference crop the same copies stay within 30 (measured in ImageIndexTest).
     */
    public static ImageHash[] references(Luma luma) {
        ImageHash[] out = new ImageHash[REFERENCE_CROPS.length];
        for (int i = 0; i < out.length; i++)
            out[i] = hash(REFERENCE_CROPS[i] == 0 ? luma : luma.cropCentre(REFERENCE_CROPS[i]));
        return out;
    }

    /** The hashes of the eight dihedral variants (identity first: rotations by 0/90/180/270°, then their mirrors). */
    public static ImageHash[] dihedral(Luma luma) {
        float[][] buffer = downsample(luma);
        ImageHash[] out = new ImageHash[8];
        for (int v = 0; v < 8; v++) out[v] = hash(transform(buffer, v));
        return out;
    }

    static ImageHash hash(float[][] buffer) {
        int quality = quality(buffer);
        float[][] coefficients = dct(buffer);
        float[] flat = new float[DCT_SIZE * DCT_SIZE];
        for (int i = 0; i < DCT_SIZE; i++) System.arraycopy(coefficients[i], 0, flat, i * DCT_SIZE, DCT_SIZE);
        float[] sorted = flat.clone();
        Arrays.sort(sorted);
        float median = (sorted[127] + sorted[128]) / 2;
        long[] bits = new long[4];
        for (int k = 0; k < flat.length; k++) if (flat[k] > median) bits[k >> 6] |= 1L << (k & 63);
        return new ImageHash(bits, quality, DHash.of(buffer));
    }

    /** The Jarosz-filtered 64×64 buffer, indexed [row][column]. */
    static float[][] downsample(Luma luma) {
        int w = luma.width(), h = luma.height();
        float[] img = luma.values().clone();
        int windowAlongRows = (w + 2 * SIZE - 1) / (2 * SIZE);
        int windowAlongCols = (h + 2 * SIZE - 1) / (2 * SIZE);
        float[] scratch = new float[Math.max(w, h)];
        float[] line = new float[Math.max(w, h)];
        for (int pass = 0; pass < JAROSZ_PASSES; pass++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(img, r * w, line, 0, w);
                box(line, w, windowAlongRows, scratch);
                System.arraycopy(scratch, 0, img, r * w, w);
            }
            for (int c = 0; c < w; c++) {
                for (int r = 0; r < h; r++) line[r] = img[r * w + c];
                box(line, h, windowAlongCols, scratch);
                for (int r = 0; r < h; r++) img[r * w + c] = scratch[r];
            }
        }
        float[][] out = new float[SIZE][SIZE];
        for (int i = 0; i < SIZE; i++) {
            int r = (int) (((2L * i + 1) * h) / (2 * SIZE));
            for (int j = 0; j < SIZE; j++) {
                int c = (int) (((2L * j + 1) * w) / (2 * SIZE));
                out[i][j] = img[r * w + c];
            }
        }
        return out;
    }

    /** A centred moving average of {@code window} samples, the window clipped at the ends. */
    private static void box(float[] in, int n, int window, float[] out) {
        int before = (window - 1) / 2, after = window / 2;
        double sum = 0;
        int lo = 0, hi = -1; // current window [lo, hi]
        for (int i = 0; i < n; i++) {
            int wantHi = Math.min(n - 1, i + after);
            int wantLo = Math.max(0, i - before);
            while (hi < wantHi) sum += in[++hi];
            while (lo < wantLo) sum -= in[lo++];
            out[i] = (float) (sum / (hi - lo + 1));
        }
    }

    /** Summed absolute neighbour differences in percent of full scale, /90, capped at 100 (as in the paper). */
    static int quality(float[][] b) {
        long gradient = 0;
        for (int i = 0; i < SIZE - 1; i++) {
            for (int j = 0; j < SIZE; j++) gradient += (long) Math.abs((int) ((b[i + 1][j] - b[i][j]) * 100 / 255));
        }
        for (int i = 0; i < SIZE; i++) {
            for (int j = 0; j < SIZE - 1; j++) gradient += (long) Math.abs((int) ((b[i][j + 1] - b[i][j]) * 100 / 255));
        }
        return (int) Math.min(100, gradient / 90);
    }

    /** D · B · Dᵀ with D the 16×64 DCT-II basis, rows 1..16 (no DC). */
    private static float[][] dct(float[][] b) {
        float[][] half = new float[DCT_SIZE][SIZE]; // D · B
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int k = 0; k < SIZE; k++) {
                float d = DCT[i][k];
                float[] row = b[k];
                for (int j = 0; j < SIZE; j++) half[i][j] += d * row[j];
            }
        }
        float[][] out = new float[DCT_SIZE][DCT_SIZE];
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < DCT_SIZE; j++) {
                float s = 0;
                for (int k = 0; k < SIZE; k++) s += half[i][k] * DCT[j][k];
                out[i][j] = s;
            }
        }
        return out;
    }

    private static float[][] dctMatrix() {
        float[][] d = new float[DCT_SIZE][SIZE];
        double scale = Math.sqrt(2.0 / SIZE);
        for (int i = 0; i < DCT_SIZE; i++) {
            for (int j = 0; j < SIZE; j++)
                d[i][j] = (float) (scale * Math.cos(Math.PI / 2 / SIZE * (i + 1) * (2 * j + 1)));
        }
        return d;
    }

    /** Variant v of the dihedral group: rotate by 90°·(v mod 4), then mirror left-right when v ≥ 4. */
    static float[][] transform(float[][] b, int v) {
        float[][] out = b;
        for (int turn = 0; turn < (v & 3); turn++) out = rotate(out);
        if (v >= 4) {
            float[][] m = new float[SIZE][SIZE];
            for (int i = 0; i < SIZE; i++) for (int j = 0; j < SIZE; j++) m[i][j] = out[i][SIZE - 1 - j];
            out = m;
        }
        return out;
    }

    private static float[][] rotate(float[][] b) {
        float[][] out = new float[SIZE][SIZE];
        for (int i = 0; i < SIZE; i++) for (int j = 0; j < SIZE; j++) out[j][SIZE - 1 - i] = b[i][j];
        return out;
    }
}
