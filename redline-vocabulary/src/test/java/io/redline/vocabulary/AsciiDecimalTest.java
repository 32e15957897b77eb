package io.redline.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiDecimalTest {

    @Test
    void readsAsciiDigitsUpToLongMax() {
        assertThat(AsciiDecimal.parse("0")).hasValue(0);
        assertThat(AsciiDecimal.parse("253916707208949760")).hasValue(253916707208949760L);
        assertThat(AsciiDecimal.parse(Long.toString(Long.MAX_VALUE))).hasValue(Long.MAX_VALUE);
    }

    @Test
    void refusesOtherScriptsDigitsSignsSpacesAndOverflow() {
        for (String raw : new String[] {
            "١٢٣",
            "１２３",
            "۱",
            "߁",
            "-1",
            "+1",
            " 1",
            "1 ",
            "",
            "9223372036854775808",
            "99999999999999999999",
            "1e3",
            "0x1"
        }) {
            assertThat(AsciiDecimal.parse(raw)).as(raw).isEmpty();
        }
        assertThat(AsciiDecimal.parse(null)).isEmpty();
    }
}
