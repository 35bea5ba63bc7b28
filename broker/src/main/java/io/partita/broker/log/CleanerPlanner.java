package io.partita.broker.log;

import java.util.Optional;

/**
 * Finds a compacted log's cleanable range, as Kafka's LogCleanerManager.cleanableOffsets does. The first
 * uncleanable offset is the smallest of
 * <ul>
 *   <li>the virtual active segment's base offset: Kafka never cleans the active segment, and producers keep
 *       writing there;</li>
 *   <li>the high watermark: Kafka stops at the last stable offset, which is at most the high watermark. Data
 *       above it may still be truncated by a leader change, and followers must copy what consumers could not
 *       yet read, uncleaned;</li>
 *   <li>with min.compaction.lag.ms, the first dirty batch whose largest timestamp is younger than the lag.
 *       Kafka decides this per segment; without segment files it is decided per batch, which keeps at least as
 *       much uncleaned as the lag asks.</li>
 * </ul>
 * A batch straddling that offset stays dirty: only whole batches are cleaned.
 */
final class CleanerPlanner {

    private CleanerPlanner() {}

    /** The log's cleanable range now, or empty when nothing is dirty and cleanable. Reads in short pieces. */
    static Optional<CleanableRange> plan(PartitionLog log, long now) {
        long truncations = log.truncationCount(); // first: every read below must postdate it
        PartitionState state = log.committedState();
        LogConfig config = log.config();
        long logStart = state.logStartOffset();
        long logEnd = state.logEndOffset();
        long checkpoint = state.cleanerCheckpoint();
        // Kafka resets a checkpoint below the log start or beyond the log end to the log start.
        long firstDirty = checkpoint < logStart || checkpoint > logEnd ? logStart : checkpoint;
        long headLimit = Math.min(state.activeSegment().baseOffset(), log.highWatermark());
        if (firstDirty >= headLimit) {
            return Optional.empty();
        }
        long minLag = Math.max(0, config.minCompactionLagMs());
        long lagLimit = minLag > 0 ? now - minLag : Long.MAX_VALUE;
        long maxLag = Math.max(0, config.maxCompactionLagMs());
        long cleanUntil = now - maxLag;
        long[] totals = new long[3]; // clean bytes, dirty bytes, dirty offsets
        long[] firstUncleanable = {headLimit};
        long[] earliestDirtyTimestamp = {Long.MAX_VALUE};
        StoredBatches.scanHeaders(log, logStart, stored -> {
            long base = BatchHeader.baseOffset(stored);
            long next = BatchHeader.lastOffset(stored) + 1;
            if (next > headLimit) {
                firstUncleanable[0] = Math.min(headLimit, base);
                return false;
            }
            if (next <= firstDirty) {
                totals[0] += BatchHeader.size(stored);
                return true;
            }
            long maxTimestamp = BatchHeader.maxTimestamp(stored);
            if (maxTimestamp > lagLimit) {
                firstUncleanable[0] = base;
                return false;
            }
            totals[1] += BatchHeader.size(stored);
            totals[2] += next - base;
            if (maxTimestamp > 0) {
                earliestDirtyTimestamp[0] = Math.min(earliestDirtyTimestamp[0], maxTimestamp);
            }
            return true;
        });
        if (totals[1] == 0) {
            return Optional.empty();
        }
        // Kafka's maxCompactionDelay: the oldest dirty data has waited longer than max.compaction.lag.ms.
        boolean needNow = maxLag != Long.MAX_VALUE && earliestDirtyTimestamp[0] < cleanUntil;
        return Optional.of(new CleanableRange(
                log,
                truncations,
                firstDirty,
                Math.max(firstDirty, firstUncleanable[0]),
                totals[0],
                totals[1],
                totals[2],
                needNow));
    }
}
