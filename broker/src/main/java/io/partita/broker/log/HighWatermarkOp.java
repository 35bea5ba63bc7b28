package io.partita.broker.log;

/** Persists a new high watermark; it rides along in the next group commit, so it costs one meta put. */
final class HighWatermarkOp extends WriteOp<Void> {

    private final PartitionLog log;
    private final long highWatermark;

    HighWatermarkOp(PartitionLog log, long highWatermark) {
        this.log = log;
        this.highWatermark = highWatermark;
    }

    @Override
    Void apply(WriteContext context) {
        if (!log.isDeleted()) {
            PartitionWork work = context.work(log);
            work.setHighWatermark(Math.max(work.logStartOffset, Math.min(highWatermark, work.logEndOffset)));
        }
        return null;
    }
}
