package io.redline.server.config;

import io.redline.text.AllowList;
import io.redline.text.Lexicon;
import io.redline.text.ScreenOptions;
import io.redline.text.Screener;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens lexicon and allow-list files for the text engine (which itself never touches files).
 * A {@code .tsv} file is the full format; any other file is one term per line, all in
 * {@code plainCategory}.
 */
public final class Lexicons {
    private Lexicons() {}

    public static Screener screener(String lexiconFile, String allowListFile, String plainCategory) {
        Lexicon lexicon = lexiconFile == null ? Lexicon.starter() : lexicon(Path.of(lexiconFile), plainCategory);
        AllowList allow = allowListFile == null ? AllowList.starter() : allowList(Path.of(allowListFile));
        return Screener.compile(lexicon, allow, ScreenOptions.defaults());
    }

    static Lexicon lexicon(Path file, String plainCategory) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return file.getFileName().toString().endsWith(".tsv")
                    ? Lexicon.parseTsv(in)
                    : Lexicon.parsePlain(in, plainCategory, Lexicon.defaultSeverity(plainCategory));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon " + file + ": " + e.getMessage(), e);
        }
    }

    static AllowList allowList(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return AllowList.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read allow list " + file + ": " + e.getMessage(), e);
        }
    }
}
