package io.redline.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written checks agree with their regular expressions on every string. */
class LowerNameTest {
    private static final Pattern NAME = Pattern.compile(LowerName.NAME_PATTERN);
    private static final Pattern ACTION = Pattern.compile(LowerName.ACTION_PATTERN);

    /** Strings over the characters that matter (and a few that must not pass), up to 40 long. */
    @Provide
    Arbitrary<String> nearNames() {
        return Arbitraries.strings().withChars("ab_z.09A-é ").ofMinLength(0).ofMaxLength(40);
    }

    @Property(tries = 5_000)
    void isNameAgreesWithItsPattern(@ForAll("nearNames") String s) {
        assertThat(LowerName.isName(s)).as("'%s'", s).isEqualTo(NAME.matcher(s).matches());
    }

    @Property(tries = 5_000)
    void isActionAgreesWithItsPattern(@ForAll("nearNames") String s) {
        assertThat(LowerName.isAction(s))
                .as("'%s'", s)
                .isEqualTo(ACTION.matcher(s).matches());
    }

    @Property(tries = 1_000)
    void anyStringAtAll(@ForAll String s) {
        assertThat(LowerName.isName(s)).isEqualTo(NAME.matcher(s).matches());
        assertThat(LowerName.isAction(s)).isEqualTo(ACTION.matcher(s).matches());
    }

    @Test
    void theNamesInUse() {
        assertThat(LowerName.isName("policy_editor")).isTrue();
        assertThat(LowerName.isName("a".repeat(32))).isTrue();
        assertThat(LowerName.isName("a".repeat(33))).isFalse();
        assertThat(LowerName.isName("_content")).isFalse();
        assertThat(LowerName.isAction("content.decide")).isTrue();
        assertThat(LowerName.isAction("rights.copy.link")).isTrue();
        assertThat(LowerName.isAction("content")).isFalse();
        assertThat(LowerName.isAction("content.")).isFalse();
        assertThat(LowerName.isAction(".decide")).isFalse();
        assertThat(LowerName.isAction("content..decide")).isFalse();
    }
}
