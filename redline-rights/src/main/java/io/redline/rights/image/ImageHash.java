package io.redline.rights.image;

import java.util.HexFormat;

/**
 * An image's perceptual hashes.
 *
 * @param pdq     the 256-bit PDQ hash, four words, bit k of the 16×16 coefficients in word k/64
 * @param quality PDQ's quality metric, 0..100; below {@link Pdq#QUALITY_MIN} the hash is not trusted
 * @param dhash   the 64-bit dHash pre-filter
 */
public record ImageHash(long[] pdq, int quality, long dhash) {
    public ImageHash {
        if (pdq.length != 4) throw new IllegalArgumentException("a PDQ hash has 4 words, got " + pdq.length);
        pdq = pdq.clone();
    }

    @Override
    public long[] pdq() {
        return pdq.clone();
    }

    public int pdqDistance(ImageHash other) {
        int d = 0;
        for (int i = 0; i < 4; i++) d += Long.bitCount(pdq[i] ^ other.pdq[i]);
        return d;
    }

    /** The PDQ hash as 64 hex digits, most significant word first. */
    public String pdqHex() {
        HexFormat hex = HexFormat.of();
        return hex.toHexDigits(pdq[3]) + hex.toHexDigits(pdq[2]) + hex.toHexDigits(pdq[1]) + hex.toHexDigits(pdq[0]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageHash h
                && java.util.Arrays.equals(pdq, h.pdq)
                && quality == h.quality
                && dhash == h.dhash;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(pdq) * 31 + Long.hashCode(dhash);
    }

    @Override
    public String toString() {
        return "ImageHash[pdq=" + pdqHex() + ", quality=" + quality + ", dhash="
                + HexFormat.of().toHexDigits(dhash) + "]";
    }
}
