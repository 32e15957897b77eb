package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TransferTest {
    @Property
    void theFastAccountCheckAgreesWithTheDocumentedPattern(@ForAll("ids") String id) {
        assertThat(Transfer.isAccount(id))
                .isEqualTo(Transfer.ACCOUNT.matcher(id).matches());
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings()
                .withChars("aZ09_.:@/- é\u0000")
                .ofMinLength(0)
                .ofMaxLength(130);
    }
}
