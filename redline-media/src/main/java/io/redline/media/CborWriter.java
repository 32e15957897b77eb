package io.redline.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Encodes the few CBOR shapes a C2PA manifest needs (RFC 8949): maps with text or integer keys
 * in the caller's order, arrays, text, byte strings, integers, booleans and null, every head in
 * its shortest form. {@link Tagged} wraps a value in a tag (COSE_Sign1 is tag 18).
 */
final class CborWriter {

    record Tagged(long tag, Object value) {}

    private CborWriter() {}

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object v) {
        switch (v) {
            case null -> out.write(0xF6);
            case Boolean b -> out.write(b ? 0xF5 : 0xF4);
            case Integer i -> integer(out, i);
            case Long l -> integer(out, l);
            case String s -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                Cbor.head(out, 3, b.length);
                out.writeBytes(b);
            }
            case byte[] b -> {
                Cbor.head(out, 2, b.length);
                out.writeBytes(b);
            }
            case List<?> l -> {
                Cbor.head(out, 4, l.size());
                l.forEach(x -> write(out, x));
            }
            case Map<?, ?> m -> {
                Cbor.head(out, 5, m.size());
                m.forEach((k, x) -> {
                    write(out, k);
                    write(out, x);
                });
            }
            case Tagged t -> {
                Cbor.head(out, 6, t.tag());
                write(out, t.value());
            }
            default -> throw new IllegalArgumentException("no CBOR encoding for " + v.getClass());
        }
    }

    private static void integer(ByteArrayOutputStream out, long n) {
        if (n >= 0) {
            Cbor.head(out, 0, n);
        } else {
            Cbor.head(out, 1, -1 - n);
        }
    }
}
