package io.redline.policy;

/** Bit masks over {@link Surface} ordinals. */
final class Surfaces {
    static final int ALL = (1 << Surface.values().length) - 1;

    private Surfaces() {
    }

    static String describe(int mask) {
        if (mask == ALL) {
            return "*";
        }
        StringBuilder out = new StringBuilder();
        for (Surface surface : Surface.values()) {
            if ((mask & (1 << surface.ordinal())) != 0) {
                out.append(out.isEmpty() ? "" : ",").append(surface.code());
            }
        }
        return out.toString();
    }
}
