package io.redline.review.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.redline.store.Ids;
import org.junit.jupiter.api.Test;

class SamplingTest {

    @Test
    void theSampleRateHoldsOnTimeOrderedIdsAndTheStreamsAreIndependent() {
        Ids ids = new Ids(7);
        int n = 50_000, auto = 0, reviewer = 0, both = 0;
        for (int i = 0; i < n; i++) {
            long id = ids.next();
            boolean a = Sampling.sampled(id, Sampling.AUTO_ALLOW, 0.05);
            boolean r = Sampling.sampled(id, Sampling.REVIEWER, 0.05);
            if (a) auto++;
            if (r) reviewer++;
            if (a && r) both++;
        }
        assertThat(auto / (double) n).isBetween(0.045, 0.055);
        assertThat(reviewer / (double) n).isBetween(0.045, 0.055);
        assertThat(both / (double) n).isBetween(0.0, 0.005); // ≈ 0.05², not 0.05: independent
    }

    @Test
    void sequentialIdsSampleAtTheRateToo() {
        int n = 100_000, hits = 0;
        for (long id = 1; id <= n; id++) if (Sampling.sampled(id, Sampling.AUTO_ALLOW, 0.01)) hits++;
        assertThat(hits / (double) n).isBetween(0.008, 0.012);
    }

    @Test
    void theSameContentIsAlwaysInOrOut() {
        for (long id = 1; id < 1_000; id++) {
            assertThat(Sampling.sampled(id, Sampling.REVIEWER, 0.3))
                    .isEqualTo(Sampling.sampled(id, Sampling.REVIEWER, 0.3));
        }
        assertThat(Sampling.sampled(123, Sampling.REVIEWER, 0)).isFalse();
        assertThat(Sampling.sampled(123, Sampling.REVIEWER, 1)).isTrue();
    }
}
