package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cleaning pass over one log, as Kafka's Cleaner.doClean: map the latest offset of every key in the dirty
 * section, then rewrite the log from its start to where the map ends, keeping only what {@link CompactionFilter}
 * retains. Reads happen here, in short read transactions; changes go to the writer in pieces of about
 * {@link #PIECE_BYTES}, each a small operation that re-checks the log (see {@link CleanBatchesOp}), so produce
 * and fetch never wait long on the cleaner. Retained records keep their offsets: a cleaned batch keeps its key
 * (base offset) and its last offset. Used by one thread at a time.
 */
final class Cleaner {

    private static final Logger LOG = LoggerFactory.getLogger(Cleaner.class);
    /** Kafka's default log.cleaner.io.buffer.size, as the size of one piece read and written. */
    static final int PIECE_BYTES = 512 * 1024;

    private final LogCleanerSettings settings;
    private final BufferSupplier buffers = BufferSupplier.create();

    Cleaner(LogCleanerSettings settings) {
        this.settings = settings;
    }

    /** What a pass did. {@code endOffset} is the new cleaner checkpoint. */
    record Result(
            long firstDirty,
            long endOffset,
            long bytesBefore,
            long bytesAfter,
            long removedRecords,
            long removedTombstones,
            long batchesRewritten) {}

    /** Cleans the range; empty when the pass was void (truncation, deletion, interruption). */
    Optional<Result> clean(CleanableRange range, long now) throws InterruptedException {
        PartitionLog log = range.log();
        long started = System.nanoTime();
        OffsetMap map = new OffsetMap(range.dirtyRecords(), settings.maxMapEntries(), settings.loadFactor());
        long endOffset = buildOffsetMap(log, range, map);
        if (endOffset <= range.firstDirty()) {
            return Optional.empty();
        }
        CompactionFilter filter =
                new CompactionFilter(map, log, endOffset, now, log.config().deleteRetentionMs());
        long sizeBefore = log.sizeInBytes();
        long position = log.logStartOffset();
        long rewritten = 0;
        while (true) {
            checkInterrupted();
            List<ByteBuffer> piece = StoredBatches.copy(log, position, endOffset, PIECE_BYTES);
            List<CleanBatchesOp.Rewrite> rewrites = new ArrayList<>();
            for (ByteBuffer original : piece) {
                filterBatch(original, filter, log.config().maxMessageBytes()).ifPresent(rewrites::add);
                position = BatchHeader.lastOffset(original) + 1;
            }
            boolean last = piece.isEmpty() || position >= endOffset;
            if (!rewrites.isEmpty() || last) {
                if (!apply(log, new CleanBatchesOp(log, range.truncations(), rewrites, last ? endOffset : -1))) {
                    LOG.info("Cleaning of {} abandoned: the log was truncated or deleted meanwhile", log.key());
                    return Optional.empty();
                }
                rewritten += rewrites.size();
            }
            if (last) {
                break;
            }
        }
        Result result = new Result(
                range.firstDirty(),
                endOffset,
                sizeBefore,
                log.sizeInBytes(),
                filter.removedRecords(),
                filter.removedTombstones(),
                rewritten);
        LOG.info(
                "Cleaned {} up to offset {} (dirty from {}): {} -> {} bytes, {} records removed ({} tombstones),"
                        + " {} batches rewritten, in {} ms",
                log.key(),
                endOffset,
                range.firstDirty(),
                sizeBefore,
                log.sizeInBytes(),
                result.removedRecords(),
                result.removedTombstones(),
                rewritten,
                (System.nanoTime() - started) / 1_000_000);
        return Optional.of(result);
    }

    /**
     * Maps key -> latest offset over whole batches of the dirty section, stopping early if the map is full
     * (the rest waits for the next pass, as in Kafka). Returns the offset after the last mapped batch.
     */
    private long buildOffsetMap(PartitionLog log, CleanableRange range, OffsetMap map) throws InterruptedException {
        long position = range.firstDirty();
        long mappedEnd = range.firstDirty();
        while (position < range.firstUncleanable()) {
            checkInterrupted();
            List<ByteBuffer> piece = StoredBatches.copy(log, position, range.firstUncleanable(), PIECE_BYTES);
            if (piece.isEmpty()) {
                break;
            }
            for (ByteBuffer stored : piece) {
                MutableRecordBatch batch = MemoryRecords.readableRecords(stored)
                        .batches()
                        .iterator()
                        .next();
                if (!map.canHold(batch.nextOffset() - batch.baseOffset())) {
                    if (map.size() == 0) {
                        throw new IllegalStateException(
                                "log.cleaner.dedupe.buffer.size is too small for one batch" + " of " + log.key());
                    }
                    return mappedEnd;
                }
                if (!batch.isControlBatch()) {
                    try (CloseableIterator<Record> records = batch.streamingIterator(buffers)) {
                        while (records.hasNext()) {
                            Record record = records.next();
                            if (record.hasKey()) {
                                map.put(record.key(), record.offset());
                            }
                        }
                    }
                }
                mappedEnd = batch.nextOffset();
                position = mappedEnd;
            }
        }
        return mappedEnd;
    }

    /** The batch's rewrite, or empty when cleaning leaves it exactly as stored. */
    private Optional<CleanBatchesOp.Rewrite> filterBatch(
            ByteBuffer original, CompactionFilter filter, int maxMessageBytes) {
        MemoryRecords records = MemoryRecords.readableRecords(original.duplicate());
        MutableRecordBatch batch = records.batches().iterator().next();
        MemoryRecords.FilterResult result =
                records.filterTo(filter, ByteBuffer.allocate(original.remaining()), buffers, maxMessageBytes);
        ByteBuffer output = result.outputBuffer();
        output.flip();
        long baseOffset = batch.baseOffset();
        if (!output.hasRemaining()) {
            return Optional.of(new CleanBatchesOp.Rewrite(baseOffset, original, null));
        }
        if (output.equals(original)) {
            return Optional.empty();
        }
        MutableRecordBatch cleaned =
                MemoryRecords.readableRecords(output).batches().iterator().next();
        if (cleaned.maxTimestamp() > batch.maxTimestamp() && batch.timestampType() == TimestampType.CREATE_TIME) {
            // A producer may understate a batch's max timestamp; cleaning must not raise it (time index order).
            cleaned.setMaxTimestamp(TimestampType.CREATE_TIME, batch.maxTimestamp());
        }
        return Optional.of(new CleanBatchesOp.Rewrite(baseOffset, original, output));
    }

    /** The store closing stops a pass between two pieces; what was applied so far is complete in itself. */
    private static void checkInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("Log cleaning interrupted");
        }
    }

    private static boolean apply(PartitionLog log, CleanBatchesOp op) throws InterruptedException {
        try {
            return log.store().writer().submit(op).get();
        } catch (ExecutionException e) {
            LOG.warn("Cleaning of {} failed to apply", log.key(), e.getCause());
            return false;
        }
    }
}
