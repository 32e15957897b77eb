package io.redline.media;

/**
 * Bounds applied before anything is allocated or decoded, so a hostile file costs at most these
 * amounts. Sizing: a 50-megapixel RGBA raster is 200 MB when a caller decodes it (explicit label);
 * a metadata block over 1 MB is not a label, it is an attack or a thumbnail we do not need.
 *
 * @param fileBytesMax largest accepted file
 * @param metadataBytesMax largest single metadata block we parse (XMP packet, text chunk, EXIF,
 *     inflated zTXt/iTXt, reassembled C2PA store)
 * @param pixelsMax largest declared width x height, checked from the header without decoding
 * @param c2paStoreBytesMax largest C2PA manifest store we parse and validate (reassembled from
 *     its segments or chunk). Real exports carry ingredient thumbnails: Photoshop's run to a few
 *     MiB, so the default (32 MiB) is far above them; the store's boxes and CBOR stay bounded by
 *     their own item and depth limits. A larger store is reported present and not read.
 */
public record MediaLimits(long fileBytesMax, int metadataBytesMax, long pixelsMax, int c2paStoreBytesMax) {

    public static final long FILE_BYTES_MAX_DEFAULT = 64L * 1024 * 1024;
    public static final int METADATA_BYTES_MAX_DEFAULT = 1024 * 1024;
    public static final long PIXELS_MAX_DEFAULT = 50_000_000L;
    public static final int C2PA_STORE_BYTES_MAX_DEFAULT = 32 * 1024 * 1024;

    public MediaLimits {
        if (fileBytesMax <= 0 || metadataBytesMax <= 0 || pixelsMax <= 0 || c2paStoreBytesMax <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + fileBytesMax + ", " + metadataBytesMax
                    + ", " + pixelsMax + ", " + c2paStoreBytesMax);
        }
    }

    /** These limits with the default C2PA store limit (32 MiB). */
    public MediaLimits(long fileBytesMax, int metadataBytesMax, long pixelsMax) {
        this(fileBytesMax, metadataBytesMax, pixelsMax, C2PA_STORE_BYTES_MAX_DEFAULT);
    }

    /** 64 MiB files, 1 MiB metadata blocks, 50 megapixels, 32 MiB C2PA stores. */
    public static MediaLimits defaults() {
        return new MediaLimits(
                FILE_BYTES_MAX_DEFAULT, METADATA_BYTES_MAX_DEFAULT, PIXELS_MAX_DEFAULT, C2PA_STORE_BYTES_MAX_DEFAULT);
    }

    /** These limits with another C2PA store limit. */
    public MediaLimits withC2paStoreBytesMax(int bytes) {
        return new MediaLimits(fileBytesMax, metadataBytesMax, pixelsMax, bytes);
    }

    /**
     * Reads a caller's stream into memory, refusing it as soon as it exceeds
     * {@link #fileBytesMax()} (at most one byte over the limit is ever buffered beyond it).
     */
    public byte[] read(java.io.InputStream in) throws java.io.IOException, MediaFormatException {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, fileBytesMax + 1));
        if (data.length > fileBytesMax) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.LIMIT_EXCEEDED, "file is over the limit of " + fileBytesMax + " bytes");
        }
        return data;
    }

    void checkFile(byte[] file) throws MediaFormatException {
        if (file.length > fileBytesMax) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.LIMIT_EXCEEDED,
                    "file is " + file.length + " bytes, over the limit of " + fileBytesMax + " bytes");
        }
    }

    void checkPixels(MediaFormat format, long width, long height, String where) throws MediaFormatException {
        if (width <= 0 || height <= 0) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.CORRUPT,
                    format + " " + where + " declares an empty image (" + width + "x" + height + ")");
        }
        if (width * height > pixelsMax) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.LIMIT_EXCEEDED,
                    format + " " + where + " declares " + width + "x" + height + " = " + (width * height)
                            + " pixels, over the limit of " + pixelsMax + " pixels (refused without decoding)");
        }
    }

    void checkMetadata(long bytes, String what) throws MediaFormatException {
        if (bytes > metadataBytesMax) {
            throw new MediaFormatException(
                    MediaFormatException.Kind.LIMIT_EXCEEDED,
                    what + " is " + bytes + " bytes, over the metadata limit of " + metadataBytesMax + " bytes");
        }
    }
}
