package io.redline.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.text.normalize.CharClasses;
import io.redline.text.normalize.FoldTable;
import io.redline.text.pinyin.Pinyin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The build step's images are exactly what the engine would compute from the checked-in data. */
class TableImagesTest {

    @Test
    void theShippedFoldAndPhoneticImagesEqualTheTablesComputedFromTheData() {
        FoldTable image = FoldTable.readImage(FoldTable.class, FoldTable.imageName("fold", FoldTable.ALL));
        assertThat(image).as("the build step wrote the fold image").isNotNull();
        FoldTable computed = FoldTable.computed(FoldTable.ALL);
        assertThat(image.entries()).isEqualTo(computed.entries());
        assertThat(image.pool()).isEqualTo(computed.pool());
        assertThat(FoldTable.of(FoldTable.ALL).entries()).isEqualTo(computed.entries());

        FoldTable phonetic = FoldTable.readImage(FoldTable.class, FoldTable.imageName("phonetic", FoldTable.ALL));
        assertThat(phonetic).as("the build step wrote the phonetic image").isNotNull();
        FoldTable phoneticComputed = CompiledLexicon.phoneticTable(computed);
        assertThat(phonetic.entries()).isEqualTo(phoneticComputed.entries());
        assertThat(phonetic.pool()).isEqualTo(phoneticComputed.pool());
    }

    @Test
    void theShippedPinyinImageGivesEveryReadingOfTheTextResource() throws IOException {
        assertThat(Pinyin.class.getResource(Pinyin.IMAGE))
                .as("the build step wrote the pinyin image")
                .isNotNull();
        Map<Integer, String> text = new HashMap<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(Pinyin.class.getResourceAsStream("pinyin.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    int tab = line.indexOf('\t');
                    text.put(Integer.parseInt(line, 0, tab, 16), line.substring(tab + 1));
                }
            }
        }
        for (int cp = 0x3400; cp <= 0x9FFF; cp++) {
            assertThat(Pinyin.toned(cp)).as("U+%04X", cp).isEqualTo(text.get(cp));
        }
        assertThat(Pinyin.plain('加')).isEqualTo("jia");
        assertThat(Pinyin.syllableCode('加')).isEqualTo(Pinyin.syllableCode("jia"));
    }

    @Test
    void theShippedCharacterClassesImageHoldsTheClassesOfTheFoldingData() {
        assertThat(CharClasses.class.getResource(CharClasses.IMAGE))
                .as("the build step wrote the character classes image")
                .isNotNull();
        assertThat(CharClasses.imageMatchesData()).isTrue();
    }
}
