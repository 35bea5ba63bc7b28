package io.partita.broker.log;

import org.apache.kafka.common.errors.OffsetOutOfRangeException;

/**
 * Moves the log start offset forward and deletes the whole batches before it: DeleteRecords, and retention by
 * time and size. Never deletes at or past the high watermark, so consumers never lose unread committed data
 * that replicas might still lack.
 */
final class HeadDeletionOp extends WriteOp<Long> {

    private final PartitionLog log;
    private final long requestedStart; // DeleteRecords target, or -1 for retention

    private HeadDeletionOp(PartitionLog log, long requestedStart) {
        this.log = log;
        this.requestedStart = requestedStart;
    }

    static HeadDeletionOp deleteRecordsBefore(PartitionLog log, long offset) {
        return new HeadDeletionOp(log, offset);
    }

    static HeadDeletionOp retention(PartitionLog log) {
        return new HeadDeletionOp(log, -1);
    }

    @Override
    Long apply(WriteContext context) {
        if (log.isDeleted()) {
            return -1L;
        }
        PartitionWork work = context.work(log);
        return requestedStart >= 0 ? deleteRecords(context, work) : retain(context, work);
    }

    private long deleteRecords(WriteContext context, PartitionWork work) {
        if (requestedStart > work.highWatermark) {
            throw new OffsetOutOfRangeException("Cannot delete records of " + log.key() + " before offset "
                    + requestedStart + ": it is beyond the high watermark " + work.highWatermark);
        }
        if (requestedStart <= work.logStartOffset) {
            return work.logStartOffset;
        }
        LogMutations.deleteFromHead(context, work, (base, next, maxTimestamp, size, logSize) -> next <= requestedStart);
        moveStart(context, work, requestedStart);
        return work.logStartOffset;
    }

    private long retain(WriteContext context, PartitionWork work) {
        LogConfig config = log.config();
        if (!config.deleteEnabled()) {
            return work.logStartOffset;
        }
        long retentionMs = config.retentionMs();
        long retentionBytes = config.retentionBytes();
        long expiredBefore = retentionMs < 0 ? Long.MIN_VALUE : context.now - retentionMs;
        long highWatermark = work.highWatermark;
        long deletedUpTo = LogMutations.deleteFromHead(context, work, (base, next, maxTimestamp, size, logSize) -> {
            if (next > highWatermark) {
                return false;
            }
            boolean expired = maxTimestamp < expiredBefore;
            boolean overSize = retentionBytes >= 0 && logSize - size >= retentionBytes;
            return expired || overSize;
        });
        if (deletedUpTo >= 0) {
            moveStart(context, work, deletedUpTo);
        }
        return work.logStartOffset;
    }

    private static void moveStart(WriteContext context, PartitionWork work, long newStart) {
        work.logStartOffset = Math.max(work.logStartOffset, Math.min(newStart, work.logEndOffset));
        work.trimEpochsBefore(work.logStartOffset);
        LogMutations.repairTimeIndexHead(context, work);
    }
}
