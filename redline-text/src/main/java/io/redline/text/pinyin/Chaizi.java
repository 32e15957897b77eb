package io.redline.text.pinyin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Character decomposition (拆字): a term's characters written as their parts ({@code 女昌} for
 * 娼, {@code 言身寸} for 谢), for terms that opt in with {@code chaizi}. The table is the resource
 * {@code chaizi.tsv} (its header names its source and licence), read on first use.
 */
public final class Chaizi {
    /** Terms with more decomposable characters than this get only the fully decomposed spellings, not every mix. */
    static final int MIXED_MAX = 4;
    /** Spellings per term at most (bounded pattern count whatever the table holds). */
    static final int VARIANTS_MAX = 32;

    private static final String RESOURCE = "chaizi.tsv";

    private Chaizi() {}

    private static final class Table {
        static final Map<Integer, List<String>> PARTS = load();

        private static Map<Integer, List<String>> load() {
            Map<Integer, List<String>> m = new HashMap<>();
            try (InputStream in = Chaizi.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from redline-text");
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    m.put(
                            line.codePointAt(0),
                            List.of(line.substring(tab + 1).strip().split(" ")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
            return Map.copyOf(m);
        }
    }

    /** The decompositions of cp (usually one), empty when the table has none. */
    public static List<String> parts(int cp) {
        return Table.PARTS.getOrDefault(cp, List.of());
    }

    /**
     * The term's decomposed spellings: every decomposable character written as its parts and, for
     * terms with up to {@link #MIXED_MAX} such characters, every mix of whole and decomposed ones
     * (女昌 alone, 嫖女昌…); at most {@link #VARIANTS_MAX}.
     */
    public static List<String> variants(int[] term) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < term.length; i++) {
            if (!parts(term[i]).isEmpty()) {
                at.add(i);
            }
        }
        if (at.isEmpty()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        int masks = at.size() <= MIXED_MAX ? 1 << at.size() : 2;
        for (int m = 1; m < masks && out.size() < VARIANTS_MAX; m++) {
            int mask = at.size() <= MIXED_MAX ? m : (1 << at.size()) - 1;
            spell(term, at, mask, 0, new StringBuilder(), out);
        }
        return List.copyOf(out);
    }

    private static void spell(int[] term, List<Integer> at, int mask, int i, StringBuilder sb, Set<String> out) {
        if (out.size() >= VARIANTS_MAX) {
            return;
        }
        if (i == term.length) {
            out.add(sb.toString());
            return;
        }
        int h = at.indexOf(i);
        int len = sb.length();
        if (h >= 0 && (mask & (1 << h)) != 0) {
            for (String p : parts(term[i])) {
                sb.append(p);
                spell(term, at, mask, i + 1, sb, out);
                sb.setLength(len);
            }
        } else {
            sb.appendCodePoint(term[i]);
            spell(term, at, mask, i + 1, sb, out);
            sb.setLength(len);
        }
    }
}
