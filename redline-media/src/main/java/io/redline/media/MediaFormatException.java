package io.redline.media;

/**
 * A file the caller gave us cannot be read or written as the image it claims to be, or it breaks
 * a {@link MediaLimits} bound. The message says what is wrong and where (byte offset), so an HTTP
 * caller can return it verbatim in a 422 problem body; {@link #kind()} lets it pick a status
 * (e.g. 413 for {@link Kind#LIMIT_EXCEEDED}).
 */
public final class MediaFormatException extends Exception {

    /** Closed set of reasons a file is refused. */
    public enum Kind {
        /** Not PNG, JPEG or WebP (by magic bytes), or an operation the format does not support. */
        UNSUPPORTED_FORMAT,
        /** The file ends before a structure it declares. */
        TRUNCATED,
        /** A structure is inconsistent: lying lengths, CRC mismatch, missing mandatory parts. */
        CORRUPT,
        /** A declared size is over a configured {@link MediaLimits} bound (file, metadata, pixels). */
        LIMIT_EXCEEDED,
        /** Metadata that tries XML tricks (DOCTYPE, entities) we refuse to process. */
        UNSAFE_METADATA,
        /**
         * The file carries a C2PA credential that writing would break, and the caller gave
         * neither a signing key to re-sign it nor permission to drop it ({@link Provenance}).
         */
        SIGNED_CONTENT
    }

    private final Kind kind;

    public MediaFormatException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MediaFormatException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
