package io.redline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    /** Tests use a low cost; the format and the comparison are the same at 600,000. */
    private final Passwords passwords = new Passwords(1_000);

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String encoded = passwords.hash("correct horse battery".toCharArray());

        assertThat(encoded).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(passwords.verify("correct horse battery".toCharArray(), encoded))
                .isTrue();
        assertThat(passwords.verify("correct horse batterY".toCharArray(), encoded))
                .isFalse();
        assertThat(passwords.verify("".toCharArray(), encoded)).isFalse();
        assertThat(passwords.verify(null, encoded)).isFalse();
    }

    @Test
    void unreadableEncodingsNeverVerifyAndAskForARehash() {
        char[] pw = "correct horse battery".toCharArray();
        String good = passwords.hash(pw);
        for (String bad : new String[] {
            null,
            "",
            "plain",
            good.replace("pbkdf2-sha256", "pbkdf2-sha1"),
            good.replace("$1000$", "$0$"),
            good.replace("$1000$", "$99999999999$"),
            good + "$extra",
            good.substring(0, good.length() - 4)
        }) {
            assertThat(passwords.verify(pw, bad)).as(bad).isFalse();
            assertThat(passwords.needsRehash(bad)).as(bad).isTrue();
        }
    }

    @Test
    void aHashNeedsRehashingOnlyWhenCheaperThanTheCurrentSetting() {
        String cheap = new Passwords(1_000).hash("correct horse battery".toCharArray());
        assertThat(new Passwords(1_000).needsRehash(cheap)).isFalse();
        assertThat(new Passwords(500).needsRehash(cheap))
                .as("a dearer hash is kept")
                .isFalse();
        assertThat(new Passwords(2_000).needsRehash(cheap)).isTrue();
        assertThat(new Passwords(2_000).verify("correct horse battery".toCharArray(), cheap))
                .as("the stored cost, not the current one, verifies")
                .isTrue();
        assertThat(Passwords.ITERATIONS_DEFAULT).isEqualTo(600_000);
        assertThatThrownBy(() -> new Passwords(0)).hasMessageContaining("iterations");
    }

    @Property(tries = 40)
    void theSamePasswordHashesDifferentlyEveryTimeAndAlwaysVerifies(
            @ForAll @StringLength(min = 1, max = 40) String password) {
        String a = passwords.hash(password.toCharArray());
        String b = passwords.hash(password.toCharArray());
        String[] pa = a.split("\\$");
        String[] pb = b.split("\\$");
        assertThat(pa[2]).as("salt").isNotEqualTo(pb[2]);
        assertThat(pa[3]).as("hash").isNotEqualTo(pb[3]);
        assertThat(passwords.verify(password.toCharArray(), a)).isTrue();
        assertThat(passwords.verify(password.toCharArray(), b)).isTrue();
    }

    @Test
    void newPasswordsAreAtLeastTwelveCharactersAndGeneratedOnesAreStrong() {
        assertThat(Passwords.problem("short".toCharArray())).contains("shorter than 12");
        assertThat(Passwords.problem(new char[0])).contains("required");
        assertThat(Passwords.problem(null)).contains("required");
        assertThat(Passwords.problem(new char[1_025])).contains("longer than 1024");
        assertThat(Passwords.problem("twelve chars".toCharArray())).isNull();
        Set<String> generated = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String g = Passwords.generate();
            assertThat(g).matches("[A-Za-z0-9_-]{24}");
            assertThat(Passwords.problem(g.toCharArray())).isNull();
            generated.add(g);
        }
        assertThat(generated).hasSize(100);
    }
}
