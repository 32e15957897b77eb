package io.redline.rights.text;

import java.util.Optional;

/**
 * Items in time order → for each, the earlier item by another author it nearly copies. One
 * index, one rule, shared by intake, {@code redline rights copies} and the benchmark.
 */
public final class CopyDetector {
    private final CopyIndex index;

    public CopyDetector(CopyParams params, int capacityHint) {
        this.index = new CopyIndex(params, capacityHint);
    }

    /** Links the item to its best earlier match by another author (if any), then indexes it. */
    public Optional<CopyMatch> observe(String id, String author, CharSequence text) {
        char[] signature = index.signature(text);
        Optional<CopyMatch> original = index.original(signature, author);
        index.add(id, author, signature);
        return original;
    }

    public CopyIndex index() {
        return index;
    }
}
