package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Applies one bounded piece of a cleaning pass on the writer thread: replaces (or deletes) each batch the
 * cleaner rewrote, but only where the stored batch is still byte for byte the one the cleaner read, and only if
 * no truncation happened since the pass was planned (a truncated and re-appended tail would make the pass's key
 * map wrong: it could name as latest an offset that now holds another record). Retention and DeleteRecords may
 * have removed batches meanwhile; those are simply skipped. The time index and the partition's size follow.
 * The pass's last piece also records how far the log is now clean (the cleaner checkpoint).
 */
final class CleanBatchesOp extends WriteOp<Boolean> {

    /** A batch as the cleaner read it and what replaces it: null deletes it. */
    record Rewrite(long baseOffset, ByteBuffer original, ByteBuffer replacement) {}

    private final PartitionLog log;
    private final long truncations;
    private final List<Rewrite> rewrites;
    private final long checkpoint; // -1: not the last piece
    private final int weight;

    CleanBatchesOp(PartitionLog log, long truncations, List<Rewrite> rewrites, long checkpoint) {
        this.log = log;
        this.truncations = truncations;
        this.rewrites = rewrites;
        this.checkpoint = checkpoint;
        int bytes = 64;
        for (Rewrite rewrite : rewrites) {
            bytes += rewrite.original().remaining()
                    + (rewrite.replacement() == null ? 0 : rewrite.replacement().remaining());
        }
        this.weight = bytes;
    }

    @Override
    int weightBytes() {
        return weight;
    }

    /** Returns false, changing nothing, when the pass is void. */
    @Override
    Boolean apply(WriteContext context) {
        if (log.isDeleted()) {
            return false;
        }
        PartitionWork work = context.work(log);
        if (work.truncated || log.truncationCount() != truncations) {
            return false;
        }
        long firstChanged = Long.MAX_VALUE;
        long lastChanged = -1;
        try (BatchCursor cursor = new BatchCursor(log.logDb(), context.txn)) {
            for (Rewrite rewrite : rewrites) {
                if (!cursor.seek(rewrite.baseOffset()) || !cursor.holds(rewrite.original())) {
                    continue;
                }
                int originalSize = rewrite.original().remaining();
                cursor.delete(); // every piece: the replacement may need fewer
                if (rewrite.replacement() == null) {
                    work.sizeInBytes -= originalSize;
                } else {
                    ByteBuffer replacement = rewrite.replacement().duplicate();
                    context.putBatch(log.logDb(), rewrite.baseOffset(), replacement, false);
                    work.sizeInBytes += replacement.remaining() - originalSize;
                }
                firstChanged = Math.min(firstChanged, rewrite.baseOffset());
                lastChanged = Math.max(lastChanged, rewrite.baseOffset());
            }
        }
        if (lastChanged >= 0) {
            LogMutations.reindexCleanedRange(context, work, firstChanged, lastChanged);
        }
        if (checkpoint >= 0 && checkpoint <= work.logEndOffset) {
            work.cleanerCheckpoint = Math.max(work.cleanerCheckpoint, checkpoint);
        }
        return true;
    }

    @Override
    public String toString() {
        return "CleanBatches(" + log.key() + ", " + rewrites.size() + " batches)";
    }
}
