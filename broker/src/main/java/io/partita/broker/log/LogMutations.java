package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;

/**
 * The changes a write transaction makes to one partition's log and time index. Writer thread only.
 *
 * <p>The time index holds (max timestamp -> base offset) only for batches that raise the largest timestamp
 * seen so far, so its keys and values both increase and every batch before an entry has a smaller max
 * timestamp than the entry's key. Lookups rely on that; every change here keeps it true.
 */
final class LogMutations {

    private LogMutations() {
    }

    /** Appends a batch whose offsets are final. Offsets only grow, so MDB_APPEND skips the B-tree search. */
    static void append(WriteContext context, PartitionWork work, MutableRecordBatch batch) {
        PartitionLog log = work.log;
        int size = batch.sizeInBytes();
        ByteBuffer slot = log.logDb().reserve(context.txn, context.key(batch.baseOffset()), size, PutFlags.MDB_APPEND);
        batch.writeTo(slot);
        long maxTimestamp = batch.maxTimestamp();
        if (maxTimestamp > work.maxTimestamp) {
            log.timeIndexDb().put(context.txn, context.key(maxTimestamp), context.value(batch.baseOffset()),
                    PutFlags.MDB_APPEND);
            work.maxTimestamp = maxTimestamp;
        }
        work.logEndOffset = batch.nextOffset();
        work.sizeInBytes += size;
        work.appendedRecords += batch.nextOffset() - batch.baseOffset();
    }

    /** Decides, oldest batch first, whether a batch goes; the first "no" stops the deletion. */
    interface HeadPolicy {
        boolean delete(long baseOffset, long nextOffset, long maxTimestamp, int size, long logSize);
    }

    /**
     * Deletes whole batches from the oldest end while the policy says so.
     *
     * @return the next offset after the last deleted batch, or -1 if none was deleted
     */
    static long deleteFromHead(WriteContext context, PartitionWork work, HeadPolicy policy) {
        long deletedUpTo = -1;
        try (Cursor<ByteBuffer> cursor = work.log.logDb().openCursor(context.txn)) {
            while (cursor.first()) {
                ByteBuffer batch = cursor.val();
                long base = BatchHeader.baseOffset(batch);
                long next = BatchHeader.lastOffset(batch) + 1;
                int size = batch.remaining();
                if (!policy.delete(base, next, BatchHeader.maxTimestamp(batch), size, work.sizeInBytes)) {
                    break;
                }
                cursor.delete();
                work.sizeInBytes -= size;
                deletedUpTo = next;
            }
        }
        return deletedUpTo;
    }

    /** After the log start moved: forget the index entries of deleted batches and re-index the new head. */
    static void repairTimeIndexHead(WriteContext context, PartitionWork work) {
        Dbi<ByteBuffer> index = work.log.timeIndexDb();
        long firstBase = firstBaseOffset(context, work);
        long nextIndexed = Long.MAX_VALUE;
        try (Cursor<ByteBuffer> cursor = index.openCursor(context.txn)) {
            while (cursor.first()) {
                long offset = BatchHeader.longAt(cursor.val());
                if (firstBase >= 0 && offset >= firstBase) {
                    nextIndexed = offset;
                    break;
                }
                cursor.delete();
            }
        }
        if (firstBase >= 0 && nextIndexed != firstBase) {
            // Batches between the new head and the next surviving entry were indexed against a running maximum
            // that included deleted batches; index them afresh. Their keys stay below the next entry's key.
            long running = -1;
            try (Cursor<ByteBuffer> cursor = work.log.logDb().openCursor(context.txn)) {
                boolean more = cursor.first();
                while (more) {
                    ByteBuffer batch = cursor.val();
                    long base = BatchHeader.baseOffset(batch);
                    if (base >= nextIndexed) {
                        break;
                    }
                    long maxTimestamp = BatchHeader.maxTimestamp(batch);
                    if (maxTimestamp > running) {
                        index.put(context.txn, context.key(maxTimestamp), context.value(base));
                        running = maxTimestamp;
                    }
                    more = cursor.next();
                }
            }
        }
        work.maxTimestamp = lastIndexedTimestamp(context, work);
    }

    /** Removes every batch holding an offset at or after {@code offset}; returns the new log end offset. */
    static long truncateTail(WriteContext context, PartitionWork work, long offset) {
        long newEnd = Math.max(offset, work.logStartOffset);
        long firstDeletedBase = Long.MAX_VALUE;
        try (Cursor<ByteBuffer> cursor = work.log.logDb().openCursor(context.txn)) {
            while (cursor.last()) {
                ByteBuffer batch = cursor.val();
                if (BatchHeader.lastOffset(batch) < offset) {
                    break;
                }
                firstDeletedBase = BatchHeader.baseOffset(batch);
                work.sizeInBytes -= batch.remaining();
                cursor.delete();
                newEnd = Math.max(firstDeletedBase, work.logStartOffset);
            }
        }
        try (Cursor<ByteBuffer> cursor = work.log.timeIndexDb().openCursor(context.txn)) {
            while (cursor.last() && BatchHeader.longAt(cursor.val()) >= firstDeletedBase) {
                cursor.delete();
            }
        }
        work.maxTimestamp = lastIndexedTimestamp(context, work);
        return newEnd;
    }

    /** Forgets producer batches at or after {@code offset}; a producer left with none is dropped. */
    static void truncateProducers(PartitionWork work, long offset) {
        Set<Long> producerIds = new HashSet<>(work.log.committedProducerIds());
        producerIds.addAll(work.changedProducers.keySet());
        for (long producerId : producerIds) {
            ProducerStateEntry entry = work.producer(producerId);
            if (entry.batches().isEmpty() || entry.lastOffset() < offset) {
                continue;
            }
            ProducerStateEntry truncated = entry.truncatedTo(offset);
            work.changedProducers.put(producerId, truncated.batches().isEmpty() ? null : truncated);
        }
    }

    private static long firstBaseOffset(WriteContext context, PartitionWork work) {
        try (Cursor<ByteBuffer> cursor = work.log.logDb().openCursor(context.txn)) {
            return cursor.first() ? BatchHeader.baseOffset(cursor.val()) : -1;
        }
    }

    private static long lastIndexedTimestamp(WriteContext context, PartitionWork work) {
        try (Cursor<ByteBuffer> cursor = work.log.timeIndexDb().openCursor(context.txn)) {
            return cursor.last() ? BatchHeader.longAt(cursor.key()) : -1;
        }
    }

    static boolean seekFloor(Cursor<ByteBuffer> cursor, ByteBuffer key, long offset) {
        if (cursor.get(key, GetOp.MDB_SET_RANGE)) {
            if (BatchHeader.longAt(cursor.key()) == offset) {
                return true;
            }
            return cursor.prev() || cursor.first();
        }
        return cursor.last();
    }
}
