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

    private LogMutations() {}

    /**
     * Appends a batch whose offsets are final. Offsets only grow, so MDB_APPEND skips the B-tree search. A batch
     * that fits one piece is written straight into LMDB's page; a larger one is laid out first, then cut.
     */
    static void append(WriteContext context, PartitionWork work, MutableRecordBatch batch) {
        PartitionLog log = work.log;
        int size = batch.sizeInBytes();
        if (size <= context.pieceSize()) {
            batch.writeTo(log.logDb().reserve(context.txn, context.key(batch.baseOffset()), size, PutFlags.MDB_APPEND));
        } else {
            ByteBuffer laidOut = context.batchBuffer(size);
            batch.writeTo(laidOut);
            context.putBatch(log.logDb(), batch.baseOffset(), laidOut.flip(), true);
        }
        long maxTimestamp = batch.maxTimestamp();
        if (maxTimestamp > work.maxTimestamp) {
            log.timeIndexDb()
                    .put(
                            context.txn,
                            context.key(maxTimestamp),
                            context.value(batch.baseOffset()),
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
        try (BatchCursor cursor = new BatchCursor(work.log.logDb(), context.txn)) {
            while (cursor.first()) {
                ByteBuffer batch = cursor.header();
                long base = BatchHeader.baseOffset(batch);
                long next = BatchHeader.lastOffset(batch) + 1;
                int size = BatchHeader.size(batch);
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
            try (BatchCursor cursor = new BatchCursor(work.log.logDb(), context.txn)) {
                boolean more = cursor.first();
                while (more) {
                    ByteBuffer batch = cursor.header();
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

    /**
     * After the cleaner rewrote or removed batches with base offsets in [fromBase, toBase]: their batches may
     * have a smaller max timestamp now, or be gone. Forgets the index entries naming them and indexes the
     * batches from fromBase afresh against the running maximum of the batches before, going past toBase until
     * the new running maximum reaches the old one (a later batch may now raise it) or the next surviving entry.
     * Cleaning never raises a batch's max timestamp, so the new keys lie strictly between the surviving ones.
     */
    static void reindexCleanedRange(WriteContext context, PartitionWork work, long fromBase, long toBase) {
        Dbi<ByteBuffer> index = work.log.timeIndexDb();
        Dbi<ByteBuffer> logDb = work.log.logDb();
        long running = -1; // the largest timestamp of the batches before fromBase: the key of the entry naming one
        try (BatchCursor batches = new BatchCursor(logDb, context.txn);
                Cursor<ByteBuffer> cursor = index.openCursor(context.txn)) {
            long previousMax = -1;
            boolean atOrAfter = batches.seekAtOrAfter(fromBase);
            if (atOrAfter ? batches.prev() : batches.last()) {
                previousMax = BatchHeader.maxTimestamp(batches.header());
            }
            // Entries' offsets grow with their keys: the entry of the running maximum is the last one naming a
            // batch before fromBase, at a key no smaller than the previous batch's own maximum.
            boolean found =
                    previousMax >= 0 ? cursor.get(context.key(previousMax), GetOp.MDB_SET_RANGE) : cursor.first();
            while (found && BatchHeader.longAt(cursor.val()) < fromBase) {
                running = BatchHeader.longAt(cursor.key());
                found = cursor.next();
            }
            long oldRunning = running;
            while (found && BatchHeader.longAt(cursor.val()) <= toBase) {
                long key = BatchHeader.longAt(cursor.key());
                oldRunning = Math.max(oldRunning, key);
                cursor.delete();
                found = cursor.get(context.key(key), GetOp.MDB_SET_RANGE);
            }
            long nextIndexedBase = found ? BatchHeader.longAt(cursor.val()) : Long.MAX_VALUE;
            boolean more = batches.seekAtOrAfter(fromBase);
            while (more) {
                ByteBuffer batch = batches.header();
                long base = BatchHeader.baseOffset(batch);
                if (base >= nextIndexedBase || (base > toBase && running >= oldRunning)) {
                    break;
                }
                long maxTimestamp = BatchHeader.maxTimestamp(batch);
                if (maxTimestamp > running) {
                    index.put(context.txn, context.key(maxTimestamp), context.value(base));
                    running = maxTimestamp;
                }
                more = batches.next();
            }
        }
        work.maxTimestamp = lastIndexedTimestamp(context, work);
    }

    /** Removes every batch holding an offset at or after {@code offset}; returns the new log end offset. */
    static long truncateTail(WriteContext context, PartitionWork work, long offset) {
        long newEnd = Math.max(offset, work.logStartOffset);
        long firstDeletedBase = Long.MAX_VALUE;
        try (BatchCursor cursor = new BatchCursor(work.log.logDb(), context.txn)) {
            while (cursor.last()) {
                ByteBuffer batch = cursor.header();
                if (BatchHeader.lastOffset(batch) < offset) {
                    break;
                }
                firstDeletedBase = BatchHeader.baseOffset(batch);
                work.sizeInBytes -= BatchHeader.size(batch);
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
        try (BatchCursor cursor = new BatchCursor(work.log.logDb(), context.txn)) {
            return cursor.first() ? BatchHeader.baseOffset(cursor.header()) : -1;
        }
    }

    private static long lastIndexedTimestamp(WriteContext context, PartitionWork work) {
        try (Cursor<ByteBuffer> cursor = work.log.timeIndexDb().openCursor(context.txn)) {
            return cursor.last() ? BatchHeader.longAt(cursor.key()) : -1;
        }
    }
}
