package io.redline.media;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict, bounded reader and writer for the one JSON shape the AIGC field uses: an object of
 * string (or number/boolean/null) values, optionally wrapped once in {@code {"AIGC":{…}}}.
 *
 * <p>Why not Jackson: this module is a dependency-free engine, the shape is seven flat keys, and
 * a hand-written reader lets us refuse duplicate keys and deep nesting outright (a general
 * binder would silently take the last duplicate — a label-confusion vector).
 */
final class AigcJson {

    private static final int DEPTH_MAX = 2;
    private static final java.util.regex.Pattern HEX4 = java.util.regex.Pattern.compile("[0-9A-Fa-f]{4}");
    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final String s;
    private int pos;

    private AigcJson(String s) {
        this.s = s;
    }

    static String write(Map<String, String> fields) {
        StringBuilder b = new StringBuilder(128).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, e.getKey());
            b.append(':');
            quote(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static void quote(StringBuilder b, String v) {
        b.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /**
     * The first balanced {@code {…}} in free text (strings and escapes respected), or null. Used
     * for carriers that hold more than the JSON: EXIF comments, raw "AIGC{…}" APP segments.
     */
    static String firstObject(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            return null;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(start, i + 1);
            }
        }
        return null;
    }

    static Map<String, Object> parseObject(String text) throws MediaFormatException {
        AigcJson p = new AigcJson(text);
        p.skipWs();
        Map<String, Object> m = p.object(1);
        p.skipWs();
        // Trailing NULs are common in fixed-size metadata fields (EXIF, padded chunks).
        while (p.pos < p.s.length() && (p.s.charAt(p.pos) == 0 || Character.isWhitespace(p.s.charAt(p.pos)))) {
            p.pos++;
        }
        if (p.pos != p.s.length()) {
            throw p.fail("unexpected text after the JSON object");
        }
        return m;
    }

    private Map<String, Object> object(int depth) throws MediaFormatException {
        if (depth > DEPTH_MAX) {
            throw fail("objects nested deeper than the {\"AIGC\":{...}} wrapper");
        }
        expect('{');
        Map<String, Object> m = new LinkedHashMap<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipWs();
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            Object value = value(depth);
            if (m.putIfAbsent(key, value == null ? NULL : value) != null) {
                throw fail("duplicate key \"" + key + "\"");
            }
            skipWs();
            char c = next();
            if (c == '}') {
                m.replaceAll((k, v) -> v == NULL ? null : v);
                m.values().removeIf(java.util.Objects::isNull);
                return m;
            }
            if (c != ',') {
                pos--;
                throw fail("expected ',' or '}'");
            }
        }
    }

    private static final Object NULL = new Object();

    private Object value(int depth) throws MediaFormatException {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{') {
            return object(depth + 1);
        }
        if (c == '[') {
            throw fail("arrays are not part of the AIGC format");
        }
        if (s.startsWith("true", pos)) {
            pos += 4;
            return "true";
        }
        if (s.startsWith("false", pos)) {
            pos += 5;
            return "false";
        }
        if (s.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String number = s.substring(start, pos);
            if (!NUMBER.matcher(number).matches()) {
                pos = start;
                throw fail("malformed number");
            }
            return number;
        }
        throw fail("expected a value");
    }

    private String string() throws MediaFormatException {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw fail("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                pos--;
                throw fail("control character in string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw fail("truncated \\u escape");
                    }
                    String hex = s.substring(pos, pos + 4);
                    if (!HEX4.matcher(hex).matches()) {
                        throw fail("bad \\u escape");
                    }
                    b.append((char) Integer.parseInt(hex, 16));
                    pos += 4;
                }
                default -> {
                    pos--;
                    throw fail("bad escape \\" + e);
                }
            }
        }
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\uFEFF') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws MediaFormatException {
        if (pos >= s.length()) {
            throw fail("unexpected end of text");
        }
        return s.charAt(pos);
    }

    private char next() throws MediaFormatException {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) throws MediaFormatException {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private MediaFormatException fail(String what) {
        return new MediaFormatException(
                MediaFormatException.Kind.CORRUPT,
                "AIGC value is not the expected JSON object: " + what + " at character " + pos);
    }
}
