package io.redline.server.cli;

/**
 * JSON text written by hand for the streaming screen output, escaped as Jackson escapes by
 * default: quote, backslash and control characters; everything else, non-ASCII included, as is.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends {@code "name":"value"} (or {@code "name":null}). */
    static StringBuilder field(String name, String value, StringBuilder out) {
        out.append('"').append(name).append("\":");
        return string(value, out);
    }

    /** Appends the value as a JSON string, or {@code null}. */
    static StringBuilder string(String value, StringBuilder out) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.append(value, from, value.length()).append('"');
    }
}
