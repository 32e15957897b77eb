package io.redline.text.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.normalize.FoldTable;
import io.redline.text.pinyin.Pinyin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The engine's generated resources are exactly what ICU and the curated list give today, and the
 * tables the engine builds from them agree with the ICU functions they replace.
 */
class GeneratedDataTest {

    @Test
    void foldDataIsWhatTheGeneratorWritesByteForByte() throws IOException {
        assertThat(resource(TextDataGenerator.FOLD_DATA))
                .as("fold-data.txt is stale: run TextDataGenerator.main (see its javadoc)")
                .isEqualTo(TextDataGenerator.foldData());
    }

    @Test
    void pinyinDataIsWhatTheGeneratorWritesByteForByte() throws IOException {
        assertThat(resource(TextDataGenerator.PINYIN))
                .as("pinyin.txt is stale: run TextDataGenerator.main (see its javadoc)")
                .isEqualTo(TextDataGenerator.pinyin());
    }

    @Test
    void everyCodePointFoldsAsTheIcuStagesFoldItWhole() {
        // The run-time stages map one code point at a time; ICU's NFKC works on whole strings. The
        // fold of every code point through the whole chain must still come out the same.
        for (int cp = 0; cp < FoldTable.SIZE; cp++) {
            if (Character.isSurrogate((char) cp) && cp < 0x10000) {
                continue;
            }
            String icu = icuFold(cp);
            String data = FoldTable.foldString(cp, FoldTable.ALL);
            if (!icu.equals(data)) {
                assertThat(data).as("U+%04X", cp).isEqualTo(icu);
            }
        }
    }

    @Test
    void pinyinReadingsAndTonesMatchIcu() {
        String[] icu = IcuSource.pinyin(TextDataGenerator.PINYIN_FROM, TextDataGenerator.PINYIN_TO);
        for (int cp = TextDataGenerator.PINYIN_FROM; cp <= TextDataGenerator.PINYIN_TO; cp++) {
            String expected = icu[cp - TextDataGenerator.PINYIN_FROM];
            if (expected == null ? Pinyin.toned(cp) != null : !expected.equals(Pinyin.toned(cp))) {
                assertThat(Pinyin.toned(cp)).as("U+%04X", cp).isEqualTo(expected);
            }
        }
        assertThat(Pinyin.plain('加')).isEqualTo("jia");
        assertThat(Pinyin.numbered('信')).isEqualTo("xin4");
        assertThat(Pinyin.numbered('吗')).isEqualTo("ma5");
    }

    /** FoldTable.foldString with the ICU stages applied to whole strings (the pre-generation engine). */
    private static String icuFold(int cp) {
        String s = new String(Character.toChars(cp));
        java.util.Map<Integer, String> trad = TRADITIONAL;
        for (int round = 0; round < 4; round++) {
            String next = IcuSource.widthCase(s);
            next = map(next, c -> trad.get(c));
            next = map(next, IcuSource::lookalike);
            StringBuilder visible = new StringBuilder();
            next.codePoints().filter(c -> !IcuSource.invisible(c)).forEach(visible::appendCodePoint);
            next = visible.toString();
            if (next.equals(s)) {
                return s;
            }
            s = next;
        }
        return s;
    }

    private static final java.util.Map<Integer, String> TRADITIONAL = IcuSource.traditionalToSimplified();

    private static String map(String s, java.util.function.IntFunction<String> f) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            String m = f.apply(c);
            if (m == null) {
                out.appendCodePoint(c);
            } else {
                out.append(m);
            }
        });
        return out.toString();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = GeneratedDataTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
