package io.redline.rights.text;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Items in time order → for each, the earlier item by another author it nearly copies. One
 * index, one rule, shared by {@code redline rights copies} and the benchmark (and intake, next).
 *
 * <p>The rule: the most similar earlier item whose author differs from this one's and which is
 * not itself a copy of this author's work — so a creator re-posting their own note is not
 * linked to someone else's repost of it.
 */
public final class CopyDetector {
    private final CopyIndex index;
    /** For items linked as copies: the author of the work they ultimately copy. Copies only, so small. */
    private final Map<String, String> rootAuthors = new HashMap<>();

    public CopyDetector(CopyParams params, int capacityHint) {
        this.index = new CopyIndex(params, capacityHint);
    }

    /** Links the item to its best earlier match by another author (if any), then indexes it. */
    public synchronized Optional<CopyMatch> observe(String id, String author, CharSequence text) {
        char[] signature = index.signature(text);
        Optional<CopyMatch> original = Optional.empty();
        for (CopyMatch m : index.lookup(signature, author)) {
            if (!author.equals(rootAuthors.getOrDefault(m.id(), m.author()))) {
                original = Optional.of(m);
                break;
            }
        }
        index.add(id, author, signature);
        original.ifPresent(m -> rootAuthors.put(id, rootAuthors.getOrDefault(m.id(), m.author())));
        return original;
    }

    public CopyIndex index() {
        return index;
    }
}
