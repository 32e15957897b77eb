package io.redline.policy;

import io.redline.vocabulary.Surface;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule scopes as bit masks: one bit per {@link Surface} ordinal, plus one for the retired scope
 * code {@code image}.
 *
 * <p>Why the retired code stays readable: policies once offered an {@code image} surface that no
 * content ever had (images belong to a note, profile or output; their findings are evidence about
 * that content). Stored policies that name it must still compile to the version they were stored
 * under, and a version hashes the canonical form, which prints the scope. So the parser still
 * accepts {@code image}, it matches no content (as it never did), it keeps its old bit (the last),
 * and error messages no longer offer it.
 */
final class Surfaces {
    /** The retired scope code; see the class comment. */
    static final String RETIRED_IMAGE = "image";

    static final int RETIRED_IMAGE_BIT = 1 << Surface.values().length;
    static final int ALL = (RETIRED_IMAGE_BIT << 1) - 1;

    private Surfaces() {}

    /** The codes a policy author may use (error messages list these). */
    static List<String> codes() {
        List<String> out = new ArrayList<>();
        for (Surface s : Surface.values()) {
            out.add(s.wireName());
        }
        return out;
    }

    /** The bit of a scope code, or 0 when the code is unknown. */
    static int bitOf(String code) {
        if (RETIRED_IMAGE.equals(code)) {
            return RETIRED_IMAGE_BIT;
        }
        return Surface.parse(code).map(s -> 1 << s.ordinal()).orElse(0);
    }

    static String describe(int mask) {
        if (mask == ALL) {
            return "*";
        }
        StringBuilder out = new StringBuilder();
        for (Surface surface : Surface.values()) {
            if ((mask & (1 << surface.ordinal())) != 0) {
                out.append(out.isEmpty() ? "" : ",").append(surface.wireName());
            }
        }
        if ((mask & RETIRED_IMAGE_BIT) != 0) {
            out.append(out.isEmpty() ? "" : ",").append(RETIRED_IMAGE);
        }
        return out.toString();
    }
}
