package io.partita.broker.log;

import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Replication's truncation: drops every batch holding an offset at or after the target, as Kafka's
 * truncateTo does (a batch straddling the target goes entirely). A target below the log start empties the
 * log and restarts it at the target, as does the {@code fully} variant for any target (Kafka's
 * truncateFullyAndStartAt).
 */
final class TruncateOp extends WriteOp<Void> {

    private final PartitionLog log;
    private final long offset;
    private final boolean fully;

    /**
     * @param fully drop everything and restart the log at {@code offset}, even beyond its end (a follower
     *              whose log ends before the leader's log start)
     */
    TruncateOp(PartitionLog log, long offset, boolean fully) {
        this.log = log;
        this.offset = offset;
        this.fully = fully;
    }

    @Override
    Void apply(WriteContext context) {
        if (log.isDeleted()) {
            throw new UnknownTopicOrPartitionException("Partition " + log.key() + " was deleted");
        }
        PartitionWork work = context.work(log);
        if (!fully && offset >= work.logEndOffset) {
            return null;
        }
        long sizeBefore = work.sizeInBytes;
        long newEnd;
        if (fully || offset < work.logStartOffset) {
            LogMutations.truncateTail(context, work, Long.MIN_VALUE);
            work.logStartOffset = offset;
            newEnd = offset;
        } else {
            newEnd = LogMutations.truncateTail(context, work, offset);
        }
        work.logEndOffset = newEnd;
        if (fully) {
            work.epochs.clear();
            LogMutations.truncateProducers(work, Long.MIN_VALUE);
        } else {
            work.trimEpochsFrom(newEnd);
            LogMutations.truncateProducers(work, newEnd);
        }
        if (work.highWatermark > newEnd || fully) {
            work.setHighWatermark(newEnd);
        }
        work.truncated = true;
        work.activeSegment = fully
                ? ActiveSegment.startingAt(newEnd, context.now)
                : work.activeSegment.afterTruncation(newEnd, sizeBefore - work.sizeInBytes, context.now);
        if (work.cleanerCheckpoint > newEnd || fully) {
            // Kafka's LogCleanerManager.maybeTruncateCheckpoint: what follows the new end is dirty again.
            work.cleanerCheckpoint = fully ? -1 : newEnd;
        }
        return null;
    }
}
