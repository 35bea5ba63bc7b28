package io.partita.broker.log;

/**
 * Persists a partition's high watermark; it rides along in the next group commit, so it costs one meta put.
 * It persists the value in effect when it runs, not when it was queued, so one operation covers every advance
 * made while it waited (see {@link PartitionLog#updateHighWatermark}).
 */
final class HighWatermarkOp extends WriteOp<Void> {

    private final PartitionLog log;

    HighWatermarkOp(PartitionLog log) {
        this.log = log;
    }

    @Override
    Void apply(WriteContext context) {
        long highWatermark = log.takeHighWatermarkToPersist();
        if (!log.isDeleted()) {
            PartitionWork work = context.work(log);
            work.persistHighWatermark(Math.max(work.logStartOffset, Math.min(highWatermark, work.logEndOffset)));
        }
        return null;
    }
}
