package io.redline.rights.image;

/**
 * dHash, the cheap pre-filter: the 64×64 PDQ buffer averaged down to 9×8 cells, one bit per
 * horizontally adjacent pair (is the left cell brighter than the right one?). One 64-bit word,
 * compared with one popcount, rules out almost every unrelated image before PDQ's four words
 * are compared.
 */
public final class DHash {
    private DHash() {}

    static long of(float[][] b) {
        int n = b.length;
        float[][] cells = new float[8][9];
        for (int r = 0; r < 8; r++) {
            int r0 = r * n / 8, r1 = (r + 1) * n / 8;
            for (int c = 0; c < 9; c++) {
                int c0 = c * n / 9, c1 = (c + 1) * n / 9;
                float sum = 0;
                for (int i = r0; i < r1; i++) for (int j = c0; j < c1; j++) sum += b[i][j];
                cells[r][c] = sum / ((r1 - r0) * (c1 - c0));
            }
        }
        long bits = 0;
        for (int r = 0; r < 8; r++)
            for (int c = 0; c < 8; c++) if (cells[r][c] > cells[r][c + 1]) bits |= 1L << (r * 8 + c);
        return bits;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
