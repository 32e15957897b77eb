package io.redline.text.detect;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Looking a label up by its key answers what the top-level domain sets answer for its text. */
class TopLevelDomainKeysTest {

    @Test
    void everyTopLevelDomainIsFoundByItsKey() {
        for (String tld : LinkScanner.TLDS) {
            assertThat(LinkScanner.isTld(LinkScanner.labelKey(tld))).as(tld).isTrue();
            assertThat(LinkScanner.isObfuscatedTld(LinkScanner.labelKey(tld)))
                    .as(tld)
                    .isEqualTo(LinkScanner.OBFUSCATED_TLDS.contains(tld));
        }
    }

    @Property(tries = 5000)
    void anyLabelIsATopLevelDomainExactlyWhenTheSetsSaySo(@ForAll("labels") String label) {
        long key = LinkScanner.labelKey(label);
        assertThat(LinkScanner.isTld(key)).as(label).isEqualTo(LinkScanner.TLDS.contains(label));
        assertThat(LinkScanner.isObfuscatedTld(key)).as(label).isEqualTo(LinkScanner.OBFUSCATED_TLDS.contains(label));
    }

    /** Label characters, short enough to be looked up, and near misses of real top-level domains. */
    @Provide
    Arbitrary<String> labels() {
        Arbitrary<String> random = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(1)
                .ofMaxLength(6);
        Arbitrary<String> nearMiss = Arbitraries.of(LinkScanner.TLDS.toArray(String[]::new))
                .flatMap(tld -> Arbitraries.integers()
                        .between(0, tld.length())
                        .flatMap(cut -> Arbitraries.of(
                                tld.substring(0, cut),
                                tld.substring(cut),
                                tld + "x",
                                "x" + tld,
                                tld.substring(0, cut) + "-" + tld.substring(cut))))
                .filter(s -> !s.isEmpty() && s.length() <= 6);
        return Arbitraries.oneOf(random, nearMiss);
    }
}
