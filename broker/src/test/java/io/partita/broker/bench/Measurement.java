package io.partita.broker.bench;

import java.util.List;

/**
 * One figure of one workload on one target.
 *
 * @param metric  what was measured and in which unit, e.g. "records/s" or "p99 ms"
 * @param value   the figure
 */
record Measurement(String metric, double value) {

    /** The median of repeated figures (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
