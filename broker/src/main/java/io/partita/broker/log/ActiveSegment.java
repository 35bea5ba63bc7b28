package io.partita.broker.log;

/**
 * The partition's virtual active segment. LMDB storage has no segment files, but Kafka's compaction is defined
 * by them: the cleaner never touches the active segment, which rolls on an append when it would outgrow
 * {@code segment.bytes}, or when the append's largest timestamp is {@code segment.ms} past the segment's first
 * (by the wall clock when the segment has no timestamp yet). Like Kafka, a segment rolls only on an append: a
 * partition that receives nothing keeps its head uncleaned. Everything before {@link #baseOffset} counts as
 * rolled, inactive segments. Immutable; persisted with the partition state.
 *
 * @param baseOffset     where the active segment starts
 * @param sizeInBytes    bytes appended to it so far
 * @param firstTimestamp the largest timestamp of its first append (Kafka's rollingBasedTimestamp), or -1
 * @param createdMs      when it was rolled, by the broker's clock
 */
record ActiveSegment(long baseOffset, long sizeInBytes, long firstTimestamp, long createdMs) {

    static ActiveSegment startingAt(long baseOffset, long now) {
        return new ActiveSegment(baseOffset, 0, -1, now);
    }

    /**
     * The active segment after an append of {@code bytes} starting at {@code firstOffset}: the same one grown,
     * or a new one starting at {@code firstOffset} if the append makes it roll (Kafka's LogSegment.shouldRoll,
     * without roll jitter and index limits, which LMDB does not have).
     */
    ActiveSegment afterAppend(long firstOffset, int bytes, long maxTimestamp, long now, LogConfig config) {
        boolean roll = sizeInBytes > 0
                && (sizeInBytes > config.segmentBytes() - (long) bytes
                        || timeWaitedForRoll(now, maxTimestamp) > config.segmentMs());
        ActiveSegment target = roll ? startingAt(firstOffset, now) : this;
        long first = target.firstTimestamp >= 0 || maxTimestamp < 0 ? target.firstTimestamp : maxTimestamp;
        return new ActiveSegment(target.baseOffset, target.sizeInBytes + bytes, first, target.createdMs);
    }

    /** The active segment after the log was cut back to {@code newEnd} and lost {@code removedBytes}. */
    ActiveSegment afterTruncation(long newEnd, long removedBytes, long now) {
        if (newEnd <= baseOffset) {
            // The rolled segment that held newEnd is not tracked, so a fresh, empty active segment starts there.
            // That can only let the cleaner reach [that segment's base, newEnd) sooner than Kafka would; the
            // high watermark still bounds it.
            return startingAt(newEnd, now);
        }
        return new ActiveSegment(baseOffset, Math.max(0, sizeInBytes - removedBytes), firstTimestamp, createdMs);
    }

    private long timeWaitedForRoll(long now, long messageTimestamp) {
        return firstTimestamp >= 0 ? messageTimestamp - firstTimestamp : now - createdMs;
    }
}
