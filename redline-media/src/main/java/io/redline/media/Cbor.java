package io.redline.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small bounded CBOR (RFC 8949) decoder for C2PA assertions: maps, arrays, text, bytes,
 * integers, simple values, floats; tags are unwrapped. Depth and item count are capped so a
 * hostile manifest costs at most {@link #ITEMS_MAX} steps.
 */
final class Cbor {

    static final int DEPTH_MAX = 32;
    static final int ITEMS_MAX = 100_000;

    static final class Malformed extends Exception {
        Malformed(String m) {
            super(m);
        }
    }

    private final byte[] b;
    private final int end;
    private int pos;
    private int items;

    private Cbor(byte[] b, int from, int end) {
        this.b = b;
        this.pos = from;
        this.end = end;
    }

    static Object decode(byte[] b, int from, int end) throws Malformed {
        return new Cbor(b, from, end).item(0);
    }

    private Object item(int depth) throws Malformed {
        if (depth > DEPTH_MAX) {
            throw new Malformed("CBOR nested deeper than " + DEPTH_MAX);
        }
        if (++items > ITEMS_MAX) {
            throw new Malformed("CBOR has more than " + ITEMS_MAX + " items");
        }
        int ib = u8();
        int major = ib >>> 5;
        int info = ib & 0x1F;
        if (major == 7) {
            return switch (info) {
                case 20 -> Boolean.FALSE;
                case 21 -> Boolean.TRUE;
                case 22, 23 -> null;
                case 25 -> {
                    skip(2);
                    yield 0.0;
                } // half floats do not occur in the fields we read
                case 26 -> Float.intBitsToFloat((int) arg(26));
                case 27 -> Double.longBitsToDouble(arg(27));
                case 31 -> throw new Malformed("unexpected CBOR break");
                default -> info < 20 ? (Object) (long) info : (Object) arg(info);
            };
        }
        boolean indefinite = info == 31;
        long n = indefinite ? -1 : arg(info);
        switch (major) {
            case 0:
                return n;
            case 1:
                return -1 - n;
            case 2:
            case 3: {
                byte[] data;
                if (indefinite) {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    while (peek() != 0xFF) {
                        Object chunk = item(depth + 1);
                        if (chunk instanceof byte[] bytes) {
                            out.writeBytes(bytes);
                        } else if (chunk instanceof String s) {
                            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                        } else {
                            throw new Malformed("bad chunk in indefinite CBOR string");
                        }
                    }
                    pos++;
                    data = out.toByteArray();
                } else {
                    data = bytes(n);
                }
                return major == 2 ? data : new String(data, StandardCharsets.UTF_8);
            }
            case 4: {
                List<Object> list = new ArrayList<>();
                for (long i = 0; indefinite ? peek() != 0xFF : i < n; i++) {
                    list.add(item(depth + 1));
                }
                if (indefinite) {
                    pos++;
                }
                return list;
            }
            case 5: {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (long i = 0; indefinite ? peek() != 0xFF : i < n; i++) {
                    Object k = item(depth + 1);
                    map.put(k instanceof byte[] ? "bytes" : k, item(depth + 1));
                }
                if (indefinite) {
                    pos++;
                }
                return map;
            }
            default: // 6: tag, value follows
                return item(depth + 1);
        }
    }

    private long arg(int info) throws Malformed {
        return switch (info) {
            case 24 -> u8();
            case 25 -> (u8() << 8) | u8();
            case 26 -> ((long) u8() << 24) | (u8() << 16) | (u8() << 8) | u8();
            case 27 -> {
                long v = 0;
                for (int i = 0; i < 8; i++) {
                    v = (v << 8) | u8();
                }
                yield v;
            }
            default -> {
                if (info < 24) {
                    yield info;
                }
                throw new Malformed("reserved CBOR additional info " + info);
            }
        };
    }

    private byte[] bytes(long n) throws Malformed {
        if (n < 0 || n > end - pos) {
            throw new Malformed("CBOR string of " + n + " bytes runs past the box");
        }
        byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    private void skip(int n) throws Malformed {
        bytes(n);
    }

    private int u8() throws Malformed {
        if (pos >= end) {
            throw new Malformed("CBOR ends early");
        }
        return b[pos++] & 0xFF;
    }

    private int peek() throws Malformed {
        if (pos >= end) {
            throw new Malformed("CBOR ends early");
        }
        return b[pos] & 0xFF;
    }

    /** Writes a CBOR head: major type and argument in the shortest form (RFC 8949 §3). */
    static void head(java.io.ByteArrayOutputStream out, int major, long n) {
        int m = major << 5;
        if (n < 24) {
            out.write(m | (int) n);
        } else if (n < 0x100) {
            out.write(m | 24);
            out.write((int) n);
        } else if (n < 0x10000) {
            out.write(m | 25);
            out.write((int) (n >>> 8));
            out.write((int) n);
        } else if (n < 0x100000000L) {
            out.write(m | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (n >>> shift));
            }
        } else {
            out.write(m | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (n >>> shift));
            }
        }
    }
}
