package io.partita.broker.log;

import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Replication's truncation: drops every batch holding an offset at or after the target, as Kafka's
 * truncateTo does (a batch straddling the target goes entirely). A target below the log start empties the
 * log and restarts it at the target (Kafka's truncateFullyAndStartAt).
 */
final class TruncateOp extends WriteOp<Void> {

    private final PartitionLog log;
    private final long offset;

    TruncateOp(PartitionLog log, long offset) {
        this.log = log;
        this.offset = offset;
    }

    @Override
    Void apply(WriteContext context) {
        if (log.isDeleted()) {
            throw new UnknownTopicOrPartitionException("Partition " + log.key() + " was deleted");
        }
        PartitionWork work = context.work(log);
        if (offset >= work.logEndOffset) {
            return null;
        }
        long newEnd;
        if (offset < work.logStartOffset) {
            LogMutations.truncateTail(context, work, Long.MIN_VALUE);
            work.logStartOffset = offset;
            newEnd = offset;
        } else {
            newEnd = LogMutations.truncateTail(context, work, offset);
        }
        work.logEndOffset = newEnd;
        work.trimEpochsFrom(newEnd);
        LogMutations.truncateProducers(work, newEnd);
        if (work.highWatermark > newEnd) {
            work.setHighWatermark(newEnd);
        }
        return null;
    }
}
