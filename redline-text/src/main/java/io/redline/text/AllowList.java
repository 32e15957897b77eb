package io.redline.text;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Known-benign phrases: a hit that lies entirely inside an occurrence of one of them is dropped
 * ({@code 大麻哈鱼} is a fish, not {@code 大麻}; {@code 微信支付} is a payment method, not drainage).
 * Phrases are normalised and matched exactly like lexicon terms, evasions included.
 * Format: one phrase a line, {@code #} comments.
 */
public final class AllowList {
    private static final AllowList EMPTY = new AllowList(Set.of());

    private final Set<String> phrases;
    /** Hashed on first use, as {@link Lexicon#version()}. */
    private String version;

    private AllowList(Set<String> phrases) {
        this.phrases = phrases;
    }

    public static AllowList of(Collection<String> phrases) {
        Set<String> clean = new LinkedHashSet<>();
        for (String p : phrases) {
            if (p == null || p.isBlank()) {
                throw new IllegalArgumentException("allow-list phrase is empty");
            }
            if (p.length() > Term.MAX_LENGTH) {
                throw new IllegalArgumentException(
                        "allow-list phrase is longer than " + Term.MAX_LENGTH + " characters");
            }
            clean.add(p.strip());
        }
        return new AllowList(Set.copyOf(clean));
    }

    public static AllowList parse(Reader in) {
        List<String> phrases = new ArrayList<>();
        Lexicon.forEachLine(in, (lineNo, line) -> {
            String p = line.strip();
            if (p.length() > Term.MAX_LENGTH) {
                throw new LexiconFormatException(lineNo, "phrase is longer than " + Term.MAX_LENGTH + " characters");
            }
            phrases.add(p);
        });
        return of(phrases);
    }

    /** The starter allow list shipped with Redline. */
    public static AllowList starter() {
        return StarterHolder.STARTER;
    }

    private static final class StarterHolder {
        static final AllowList STARTER = parse(Lexicon.resource("starter-allow.txt"));
    }

    public static AllowList empty() {
        return EMPTY;
    }

    public Set<String> phrases() {
        return phrases;
    }

    public int size() {
        return phrases.size();
    }

    public String version() {
        String v = version;
        if (v == null) {
            List<String> sorted = new ArrayList<>(phrases);
            sorted.sort(null);
            v = Lexicon.sha256(sorted);
            version = v;
        }
        return v;
    }

    @Override
    public String toString() {
        return "AllowList[" + phrases.size() + " phrases, version " + version() + "]";
    }
}
