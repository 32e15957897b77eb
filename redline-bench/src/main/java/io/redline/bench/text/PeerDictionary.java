package io.redline.bench.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one word list every contestant matches: the dictionary bundled in houbb sensitive-word
 * 0.25.0 (Apache-2.0), read from its jar's resources, so the peer runs on its own data and we
 * run on the same. About 64k terms.
 */
public final class PeerDictionary {

    /** The resources houbb's own {@code WordDenySystem} loads. */
    static final List<String> RESOURCES = List.of("/sensitive_word_dict.txt", "/sensitive_word_dict_en.txt");

    private PeerDictionary() {}

    /** Writes the terms, one per line, to a file (the whole-process comparison's lexicon): {@code PeerDictionary OUT}. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.write(out, terms(), StandardCharsets.UTF_8);
    }

    /** Distinct, trimmed, non-empty terms in file order. */
    public static List<String> terms() {
        Set<String> terms = new LinkedHashSet<>();
        for (String resource : RESOURCES) {
            InputStream in = PeerDictionary.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException(
                        resource + " is not on the class path; is sensitive-word a dependency?");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String term = line.strip();
                    if (!term.isEmpty()) {
                        terms.add(term);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + resource, e);
            }
        }
        return List.copyOf(terms);
    }
}
