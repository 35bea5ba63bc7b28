package io.partita.app.client.records;

/** Where the browser starts reading a partition. */
public sealed interface StartAt {

    /** The oldest record still in the log. */
    record Earliest() implements StartAt {}

    /** The end of the log: nothing now, what arrives next (live tail). */
    record Latest() implements StartAt {}

    /** A given offset; before the log start means the log start, past the end is refused. */
    record Offset(long offset) implements StartAt {
        public Offset {
            if (offset < 0) {
                throw new IllegalArgumentException("an offset is 0 or more, not " + offset);
            }
        }
    }

    /** The first record with a timestamp at or after {@code epochMillis}; the end when there is none. */
    record Time(long epochMillis) implements StartAt {}

    /** The last {@code count} records of the partition. */
    record LastN(int count) implements StartAt {
        public LastN {
            if (count < 1) {
                throw new IllegalArgumentException("the last N needs N of 1 or more, not " + count);
            }
        }
    }

    /**
     * The offset to read from, given the partition's log start, its end (the high watermark a consumer
     * sees), and, for {@link Time}, the offset the broker found for that time (or -1 for none).
     */
    static long resolve(StartAt start, long logStart, long logEnd, long offsetForTime) {
        if (start instanceof Earliest) {
            return logStart;
        }
        if (start instanceof Latest) {
            return logEnd;
        }
        if (start instanceof Offset o) {
            if (o.offset() > logEnd) {
                throw new IllegalArgumentException(
                        "offset " + o.offset() + " is past the end of the partition (" + logEnd + ")");
            }
            return Math.max(logStart, o.offset());
        }
        if (start instanceof Time) {
            return offsetForTime < 0 ? logEnd : Math.max(logStart, offsetForTime);
        }
        LastN last = (LastN) start;
        return Math.max(logStart, logEnd - last.count());
    }
}
