package io.partita.broker.log;

/**
 * Persists a partition's high watermark; it rides along in the writer's next group commit, or in a commit of
 * its own once the writer is idle (see {@link StoreWriter#persistHighWatermarkSoon}). It persists the value in
 * effect when it runs, not when it was asked for, so one operation covers every advance made meanwhile.
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
            work.persistHighWatermark(PartitionLog.clampHighWatermark(work, highWatermark));
        }
        return null;
    }
}
