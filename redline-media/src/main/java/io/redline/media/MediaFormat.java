package io.redline.media;

/** The containers this library reads and labels, recognised by their magic bytes. */
public enum MediaFormat {
    PNG("image/png"),
    JPEG("image/jpeg"),
    WEBP("image/webp");

    private final String mediaType;

    MediaFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format named by the file's first bytes, or {@code null} when it is none of ours. */
    public static MediaFormat sniff(byte[] file) {
        if (file.length >= 8
                && (file[0] & 0xFF) == 0x89
                && file[1] == 'P'
                && file[2] == 'N'
                && file[3] == 'G'
                && file[4] == 0x0D
                && file[5] == 0x0A
                && file[6] == 0x1A
                && file[7] == 0x0A) {
            return PNG;
        }
        if (file.length >= 3 && (file[0] & 0xFF) == 0xFF && (file[1] & 0xFF) == 0xD8 && (file[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (file.length >= 12
                && file[0] == 'R'
                && file[1] == 'I'
                && file[2] == 'F'
                && file[3] == 'F'
                && file[8] == 'W'
                && file[9] == 'E'
                && file[10] == 'B'
                && file[11] == 'P') {
            return WEBP;
        }
        return null;
    }
}
