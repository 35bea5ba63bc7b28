package io.partita.app.client.replay;

/** How fast a replay goes: as fast as it can, the original timing sped up k times, or a fixed rate. */
public sealed interface Speed {

    /**
     * When the {@code index}-th record (0-based) is due, in nanoseconds after the replay started, given its
     * timestamp and the first record's.
     */
    long dueNanos(long index, long firstTimestamp, long timestamp);

    /** No waiting at all. */
    record AsFastAsPossible() implements Speed {
        @Override
        public long dueNanos(long index, long firstTimestamp, long timestamp) {
            return 0;
        }

        @Override
        public String toString() {
            return "as fast as possible";
        }
    }

    /** The gaps between the records' timestamps, divided by {@code factor} (2: twice as fast). */
    record OriginalTiming(double factor) implements Speed {
        public OriginalTiming {
            if (!(factor > 0)) {
                throw new IllegalArgumentException("The speed-up must be above 0, not " + factor + ".");
            }
        }

        @Override
        public long dueNanos(long index, long firstTimestamp, long timestamp) {
            // Out-of-order timestamps (producers' clocks differ) never send a record earlier than the first.
            return (long) (Math.max(0, timestamp - firstTimestamp) * 1_000_000L / factor);
        }

        @Override
        public String toString() {
            return factor == 1 ? "original timing" : "original timing × " + factor;
        }
    }

    /** {@code perSecond} records a second, evenly spaced. */
    record PerSecond(double perSecond) implements Speed {
        public PerSecond {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("The rate must be above 0 records a second, not " + perSecond + ".");
            }
        }

        @Override
        public long dueNanos(long index, long firstTimestamp, long timestamp) {
            return (long) (index * 1_000_000_000L / perSecond);
        }

        @Override
        public String toString() {
            return perSecond + " records/s";
        }
    }
}
