package io.redline.text;

import io.redline.text.normalize.CharClasses;
import io.redline.text.normalize.FoldTable;
import io.redline.text.pinyin.Pinyin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (Maven runs it after compiling redline-text): writes the images of the fold table of
 * all stages and of its phonetic table, the pinyin readings and the character classes, into the class output, beside {@link FoldTable}, so a
 * process reads them instead of computing them (see {@link FoldTable}). Derived only from the
 * checked-in resources, so the same sources always give the same bytes.
 * Usage: {@code TableImages CLASS_OUTPUT_DIR}.
 */
public final class TableImages {
    private TableImages() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0], FoldTable.class.getPackageName().replace('.', '/'));
        Files.createDirectories(dir);
        // Everything from the text resources: an image of an earlier build must not be read back.
        Path pinyin = Path.of(args[0], Pinyin.class.getPackageName().replace('.', '/'), Pinyin.IMAGE);
        Files.deleteIfExists(pinyin);
        Files.deleteIfExists(dir.resolve(CharClasses.IMAGE));
        FoldTable fold = FoldTable.computed(FoldTable.ALL);
        Files.write(dir.resolve(FoldTable.imageName("fold", FoldTable.ALL)), fold.image());
        Files.write(
                dir.resolve(FoldTable.imageName("phonetic", FoldTable.ALL)),
                CompiledLexicon.phoneticTable(fold).image());
        Files.write(pinyin, Pinyin.image());
        Files.write(dir.resolve(CharClasses.IMAGE), CharClasses.computedImage());
    }
}
