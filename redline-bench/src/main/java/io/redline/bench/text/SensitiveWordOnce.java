package io.redline.bench.text;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The peer's one-line cold start, for {@code bench/cold-start.sh}: a fresh JVM builds houbb
 * sensitive-word over the same terms Redline gets (the lexicon file's first column), configured as
 * in {@link Contestants#sensitiveWord}, screens one line and prints what it found.
 * Usage: {@code SensitiveWordOnce LEXICON.tsv TEXT}.
 */
public final class SensitiveWordOnce {
    private SensitiveWordOnce() {}

    public static void main(String[] args) throws IOException {
        List<String> terms = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 2)[0])
                .toList();
        SensitiveWordBs bs = Contestants.sensitiveWord(terms);
        System.out.println(bs.findAll(args[1]));
    }
}
