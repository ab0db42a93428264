package io.learnscale.gateway.dashboard;

import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * A quantile from a cumulative histogram, the way Prometheus' {@code histogram_quantile} estimates it: find the
 * bucket the rank falls in and interpolate linearly inside it (from 0 for the first bucket); a rank in the +Inf
 * bucket answers the highest finite bound.
 */
final class Quantiles {

    private Quantiles() {}

    /**
     * @param q between 0 and 1
     * @param buckets cumulative counts by upper bound, +Inf included
     * @return null without any observation
     */
    static @Nullable Double of(double q, SortedMap<Double, Double> buckets) {
        if (buckets.isEmpty()) {
            return null;
        }
        double total = buckets.get(buckets.lastKey());
        if (!(total > 0)) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double bound = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (Double.isInfinite(bound)) {
                    return lowerBound;
                }
                double inBucket = count - lowerCount;
                return inBucket <= 0 ? bound : lowerBound + (bound - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bound;
            lowerCount = count;
        }
        return lowerBound;
    }
}
