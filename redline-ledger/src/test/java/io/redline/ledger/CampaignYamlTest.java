package io.redline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redline.ledger.engine.Basis;
import io.redline.ledger.engine.Campaign;
import java.math.BigInteger;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CampaignYamlTest {

    @Test
    void theSeedCampaignReadsIntoMinorUnits() {
        Campaign c = Seed.campaign();
        assertThat(c.id()).isEqualTo("hold-to-earn-2026-12");
        assertThat(c.basis()).isEqualTo(Basis.MIN_OF_SNAPSHOTS);
        assertThat(c.snapshots())
                .containsExactly(LocalTime.of(0, 0), LocalTime.of(6, 0), LocalTime.of(12, 0), LocalTime.of(18, 0));
        assertThat(c.tiers().get(0).upToMinor()).isEqualTo(BigInteger.valueOf(10_000_000_000L));
        assertThat(c.tiers().get(2).upToMinor()).isNull();
        assertThat(c.poolCapMinor()).isEqualTo(new BigInteger("100000000000000"));
        assertThat(c.bonus().amountMinor()).isEqualTo(BigInteger.valueOf(100_000_000));
        assertThat(c.bonus().poolMinor()).isEqualTo(new BigInteger("5000000000000"));
        assertThat(c.bonus().minBasisMinor()).isEqualTo(BigInteger.valueOf(100_000_000));
    }

    @Test
    void theCanonicalFormReadsBackToTheSameDefinition() {
        Campaign c = Seed.campaign();
        assertThat(CampaignYaml.parse(CampaignYaml.canonicalJson(c)).differences(c))
                .isEmpty();
        assertThat(CampaignYaml.parse(CampaignYaml.canonicalJson(c))).isEqualTo(c);
    }

    @Test
    void differencesNameEachChangedField() {
        Campaign other = Seed.with("apr: \"0.08\"", "apr: \"0.09\"");
        assertThat(Seed.campaign().differences(other)).containsExactly("tiers[1].apr: 0.08 stored, 0.09 given");
        assertThat(Seed.campaign().differences(Seed.with("dayCount: 365", "dayCount: 360")))
                .containsExactly("dayCount: 365 stored, 360 given");
        assertThat(Seed.campaign().differences(Seed.with("apr: \"0.29\"", "apr: \"0.290\"")))
                .isEmpty();
    }

    @Test
    void badDefinitionsSayWhatToFix() {
        assertThatThrownBy(() -> Seed.with("apr: \"0.29\"", "apr: 0.29"))
                .isInstanceOf(LedgerException.Invalid.class)
                .hasMessageContaining("tiers[0].apr is a bare YAML float")
                .hasMessageContaining("quote it");
        assertThatThrownBy(() -> Seed.with("pool: { cap: \"100000000\" }", "pool: { cap: \"1.0000001\" }"))
                .hasMessageContaining("pool.cap '1.0000001' has more than 6 decimals");
        assertThatThrownBy(() -> Seed.with("dayCount: 365", "dayCount: 365\nlockup: 7"))
                .hasMessageContaining("unknown key 'lockup'");
        assertThatThrownBy(() -> Seed.with("basis: min_of_snapshots", "basis: average"))
                .hasMessageContaining("unknown basis 'average'");
        assertThatThrownBy(() -> Seed.with("\"2026-12-23T00:00:00Z\"", "\"2026-12-01T00:00:00Z\""))
                .hasMessageContaining("must be before window.end");
        assertThatThrownBy(
                        () -> Seed.with("- { upTo: \"100000\", apr: \"0.08\" }", "- { upTo: \"5000\", apr: \"0.08\" }"))
                .hasMessageContaining("tiers[1].upTo must be above tiers[0].upTo");
        assertThatThrownBy(() -> CampaignYaml.parse("id: ["))
                .isInstanceOf(LedgerException.Invalid.class)
                .hasMessageContaining("not valid YAML");
    }
}
