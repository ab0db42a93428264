package io.learnscale.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class QuantilesTests {

    /** 100 requests: 50 within 10 ms, 40 more within 20 ms, 9 more within 100 ms, 1 slower than any bound. */
    private static TreeMap<Double, Double> histogram() {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        buckets.put(0.010, 50.0);
        buckets.put(0.020, 90.0);
        buckets.put(0.100, 99.0);
        buckets.put(Double.POSITIVE_INFINITY, 100.0);
        return buckets;
    }

    @Test
    void interpolatesInsideTheBucketTheRankFallsIn() {
        assertThat(Quantiles.of(0.50, histogram())).isCloseTo(0.010, within(1e-9));
        assertThat(Quantiles.of(0.25, histogram())).isCloseTo(0.005, within(1e-9));
        assertThat(Quantiles.of(0.70, histogram())).isCloseTo(0.015, within(1e-9));
        assertThat(Quantiles.of(0.95, histogram())).isCloseTo(0.020 + 0.080 * 5 / 9, within(1e-9));
    }

    @Test
    void aRankBeyondTheLastBoundAnswersTheLastBound() {
        assertThat(Quantiles.of(0.999, histogram())).isEqualTo(0.100);
    }

    @Test
    void noObservationsNoQuantile() {
        TreeMap<Double, Double> empty = new TreeMap<>();
        assertThat(Quantiles.of(0.5, empty)).isNull();
        empty.put(Double.POSITIVE_INFINITY, 0.0);
        assertThat(Quantiles.of(0.5, empty)).isNull();
    }
}
