package io.redline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON form that audit hashes are computed over (specified in docs/audit.md).
 *
 * <p>It is RFC 8785 (JCS) restricted to values every language reproduces exactly: object keys
 * sorted by UTF-16 code units, no whitespace, strings escaped only where JSON requires it
 * ({@code \"}, {@code \\}, {@code \b \t \n \f \r}, other controls as lower-case {@code \}{@code u00xx}),
 * everything else raw UTF-8. Numbers are limited to integers within ±(2<sup>53</sup>−1), where
 * JCS number formatting is plain decimal digits, so "numbers as written" is unambiguous;
 * fractions belong in strings (amounts in minor units).
 *
 * <p>{@link #normalize} turns caller input (maps, lists, Jackson nodes, numbers of any Java type)
 * into an immutable tree of {@code SortedMap}, {@code List}, {@code String}, {@code Long},
 * {@code Boolean} and {@code null}, rejecting anything the canonical form cannot represent with
 * a message naming the offending path.
 */
public final class CanonicalJson {
    public static final long INTEGER_MAX = (1L << 53) - 1;
    public static final int DEPTH_MAX = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /** Canonical text of a value; the value is normalised (and validated) first. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        appendNormalized(out, normalize(value, "$", 0));
        return out.toString();
    }

    /** UTF-8 byte length of a canonical text, the unit of the details size limit. */
    public static int utf8Length(String canonical) {
        return canonical.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Validates and converts to the immutable canonical tree; {@code path} names the value in errors. */
    public static Object normalize(Object value, String path, int depth) {
        if (depth > DEPTH_MAX) {
            throw new IllegalArgumentException(path + ": nested deeper than " + DEPTH_MAX + " levels");
        }
        return switch (value) {
            case null -> null;
            case String s -> checkedString(s, path);
            case Boolean b -> b;
            case Character c -> checkedString(String.valueOf(c), path);
            case Enum<?> e -> e.name();
            case Number n -> integer(n, path);
            case JsonNode node -> fromJsonNode(node, path, depth);
            case Map<?, ?> map -> {
                TreeMap<String, Object> sorted = new TreeMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException(path + ": object keys must be strings, found "
                                + (e.getKey() == null
                                        ? "null"
                                        : e.getKey().getClass().getSimpleName()));
                    }
                    checkedString(key, path);
                    sorted.put(key, normalize(e.getValue(), path + "." + key, depth + 1));
                }
                yield Collections.unmodifiableSortedMap(sorted);
            }
            case Iterable<?> items -> {
                List<Object> list = new ArrayList<>();
                int i = 0;
                for (Object item : items) list.add(normalize(item, path + "[" + i++ + "]", depth + 1));
                yield Collections.unmodifiableList(list);
            }
            case Object[] array -> normalize(List.of(array), path, depth);
            default ->
                throw new IllegalArgumentException(
                        path + ": values of type " + value.getClass().getName()
                                + " are not supported; use String, Boolean, an integer, Map or List");
        };
    }

    private static Object fromJsonNode(JsonNode node, String path, int depth) {
        if (depth > DEPTH_MAX) {
            throw new IllegalArgumentException(path + ": nested deeper than " + DEPTH_MAX + " levels");
        }
        return switch (node.getNodeType()) {
            case NULL, MISSING -> null;
            case STRING -> checkedString(node.textValue(), path);
            case BOOLEAN -> node.booleanValue();
            case NUMBER -> integer(node.numberValue(), path);
            case OBJECT -> {
                TreeMap<String, Object> map = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    checkedString(e.getKey(), path);
                    map.put(e.getKey(), fromJsonNode(e.getValue(), path + "." + e.getKey(), depth + 1));
                }
                yield Collections.unmodifiableSortedMap(map);
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < node.size(); i++)
                    list.add(fromJsonNode(node.get(i), path + "[" + i + "]", depth + 1));
                yield Collections.unmodifiableList(list);
            }
            case BINARY, POJO ->
                throw new IllegalArgumentException(path + ": binary and POJO JSON nodes are not supported");
        };
    }

    private static Long integer(Number n, String path) {
        long v;
        switch (n) {
            case Long l -> v = l;
            case Integer i -> v = i;
            case Short s -> v = s;
            case Byte b -> v = b;
            case BigInteger big -> {
                if (big.bitLength() > 53) throw outOfRange(n, path);
                v = big.longValue();
            }
            case BigDecimal dec -> {
                BigDecimal stripped = dec.stripTrailingZeros();
                if (stripped.scale() > 0) throw notInteger(n, path);
                if (stripped.abs().compareTo(BigDecimal.valueOf(INTEGER_MAX)) > 0) throw outOfRange(n, path);
                v = stripped.longValueExact();
            }
            case Double d -> v = integralDouble(d, n, path);
            case Float f -> v = integralDouble(f.doubleValue(), n, path);
            default ->
                throw new IllegalArgumentException(path + ": numbers of type "
                        + n.getClass().getName() + " are not supported; use long or BigInteger");
        }
        if (v > INTEGER_MAX || v < -INTEGER_MAX) throw outOfRange(n, path);
        return v;
    }

    private static long integralDouble(double d, Number n, String path) {
        if (!Double.isFinite(d) || d != Math.rint(d)) throw notInteger(n, path);
        if (Math.abs(d) > INTEGER_MAX) throw outOfRange(n, path);
        return (long) d;
    }

    private static IllegalArgumentException notInteger(Number n, String path) {
        return new IllegalArgumentException(path + ": " + n + " is not an integer; audit details hold integers only"
                + " (write fractions as strings, money in minor units)");
    }

    private static IllegalArgumentException outOfRange(Number n, String path) {
        return new IllegalArgumentException(path + ": " + n + " is outside ±" + INTEGER_MAX
                + " (the range every JSON reader keeps exact); write it as a string");
    }

    /** Rejects lone surrogates: they have no UTF-8 encoding, so the hash input would be ambiguous. */
    static String checkedString(String s, String path) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(path + ": string has an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(path + ": string has an unpaired surrogate at index " + i);
            }
        }
        return s;
    }

    /** Writes an already normalised tree (see {@link #normalize}); maps must be sorted. */
    static void appendNormalized(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Boolean b -> out.append(b.booleanValue());
            case Long l -> out.append(l.longValue());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    appendString(out, (String) e.getKey());
                    out.append(':');
                    appendNormalized(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) out.append(',');
                    appendNormalized(out, list.get(i));
                }
                out.append(']');
            }
            default -> throw new IllegalStateException("not a normalised value: " + value.getClass());
        }
    }

    /** A JSON string literal with exactly the escapes RFC 8785 prescribes. */
    static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
