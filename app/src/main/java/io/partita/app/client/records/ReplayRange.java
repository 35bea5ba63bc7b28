package io.partita.app.client.records;

/**
 * The offsets one partition's replay covers, resolved once as the replay starts: [from, until) on the partition's
 * axis [logStart, logEnd). An empty range ({@code from == until}) is a partition with nothing to replay.
 */
public record ReplayRange(int partition, long logStart, long logEnd, long from, long until) {

    /**
     * The range a replay from {@code start} to {@code stop} covers in a partition with the given log start and end.
     * For the times, the offsets the broker found (offsets-for-times: the first record at or after the time), or
     * -1 when no record is that late. Unlike the browser, a start offset past the end is not an error: when every
     * partition is replayed from one offset, a shorter partition simply has nothing in range.
     */
    public static ReplayRange resolve(
            int partition,
            StartAt start,
            StopAt stop,
            long logStart,
            long logEnd,
            long offsetForStartTime,
            long offsetForStopTime) {
        long from;
        if (start instanceof StartAt.Offset o) {
            from = Math.min(logEnd, Math.max(logStart, o.offset()));
        } else {
            from = StartAt.resolve(start, logStart, logEnd, offsetForStartTime);
        }
        long until;
        if (stop instanceof StopAt.Offset o) {
            until = Math.min(logEnd, o.offset());
        } else if (stop instanceof StopAt.Time) {
            until = offsetForStopTime < 0 ? logEnd : Math.min(logEnd, offsetForStopTime);
        } else {
            until = logEnd;
        }
        return new ReplayRange(partition, logStart, logEnd, from, Math.max(from, until));
    }

    /** How many offsets the range spans (a compacted log may hold fewer records). */
    public long length() {
        return until - from;
    }

    public boolean isEmpty() {
        return until <= from;
    }

    /** The partition's offset axis, log start to log end. */
    public OffsetScale scale() {
        return new OffsetScale(logStart, logEnd);
    }
}
