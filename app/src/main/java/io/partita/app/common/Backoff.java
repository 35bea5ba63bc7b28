package io.partita.app.common;

import java.time.Duration;

/**
 * How long to wait before the next try after a run of failures: {@code base} while all is well, then doubling
 * with every consecutive failure up to {@code max}. An unreachable cluster is asked less and less often, so
 * the app neither hammers it nor floods the log, and answers again within {@code max} once it is back.
 */
public record Backoff(Duration base, Duration max) {

    public Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, not " + base + " and " + max);
        }
    }

    /** The wait after {@code consecutiveFailures} failures in a row (0: the last try succeeded). */
    public Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures <= 0) {
            return base;
        }
        // Doubling past 2^30 overflows long before it matters; max caps far earlier.
        int doublings = Math.min(consecutiveFailures, 30);
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
