package io.partita.broker.log;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.utils.internals.CloseableIterator;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition's log in the node's LMDB environment. Appends, deletions and truncations are queued to the
 * store's writer thread and complete after their transaction committed; reads run on the caller's thread in a
 * short read transaction and copy whole stored batches out of the map.
 */
public final class PartitionLog {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);

    private final LogStore store;
    private final PartitionKey key;
    private final ByteBuffer metaKey;
    private final Dbi<ByteBuffer> logDb;
    private final Dbi<ByteBuffer> timeIndexDb;
    private final Map<Long, ProducerStateEntry> producers;
    private volatile LogConfig config;
    private volatile PartitionState state;
    private volatile long highWatermark;
    /**
     * Set while the writer holds this log's high watermark to persist ({@link StoreWriter#persistHighWatermarkSoon}).
     * Advances made meanwhile ride on it: the operation persists the latest value when it runs.
     */
    private final AtomicBoolean highWatermarkQueued = new AtomicBoolean();

    private volatile Runnable appendListener;
    private volatile boolean deleted;
    /** Counts commits that cut the log's tail; a cleaning pass planned before one of them must not apply. */
    private volatile long truncations;

    PartitionLog(
            LogStore store,
            PartitionKey key,
            LogConfig config,
            Dbi<ByteBuffer> logDb,
            Dbi<ByteBuffer> timeIndexDb,
            PartitionState state,
            Map<Long, ProducerStateEntry> producers) {
        this.store = store;
        this.key = key;
        this.metaKey = MetaCodec.partitionKey(key);
        this.config = config;
        this.logDb = logDb;
        this.timeIndexDb = timeIndexDb;
        this.state = state;
        this.highWatermark = state.highWatermark();
        this.producers = new ConcurrentHashMap<>(producers);
    }

    public PartitionKey key() {
        return key;
    }

    public LogConfig config() {
        return config;
    }

    public void updateConfig(LogConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Leader append: validate, assign offsets, commit. Completes after the LMDB transaction committed (not
     * fsynced), exceptionally with an ApiException subclass when the records are rejected. As in Kafka, the
     * batches are finished in the caller's buffer (base offset, leader epoch, LogAppendTime), so the caller
     * must not reuse {@code records} for anything else.
     */
    public CompletableFuture<AppendResult> appendAsLeader(MemoryRecords records, int leaderEpoch) {
        if (deleted) {
            return CompletableFuture.failedFuture(deletedException());
        }
        LogConfig current = config;
        long now = store.now();
        List<MutableRecordBatch> batches;
        try {
            batches = RecordValidator.validateForLeader(records, current, now, key);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (batches.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new AppendResult(-1, -1, RecordBatch.NO_TIMESTAMP, logStartOffset(), false));
        }
        long logAppendTime = current.timestampType() == TimestampType.LOG_APPEND_TIME ? now : RecordBatch.NO_TIMESTAMP;
        return store.writer().submit(AppendOp.asLeader(this, batches, leaderEpoch, logAppendTime));
    }

    /** Follower append: the batches already carry the leader's offsets and epochs, and keep them. */
    public CompletableFuture<AppendResult> appendAsFollower(MemoryRecords records) {
        if (deleted) {
            return CompletableFuture.failedFuture(deletedException());
        }
        List<MutableRecordBatch> batches;
        try {
            batches = RecordValidator.validateForFollower(records, config, key);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (batches.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new AppendResult(-1, -1, RecordBatch.NO_TIMESTAMP, logStartOffset(), false));
        }
        return store.writer().submit(AppendOp.asFollower(this, batches));
    }

    /**
     * Whole batches from the batch containing {@code offset}, up to {@code maxBytes} (but at least one whole
     * batch if {@code minOneBatch}), and only batches that end before {@code maxOffsetExclusive}.
     *
     * @throws OffsetOutOfRangeException if offset is below the log start or above the log end
     */
    public ReadResult read(long offset, int maxBytes, long maxOffsetExclusive, boolean minOneBatch) {
        return read(offset, maxBytes, maxOffsetExclusive, minOneBatch, ByteBuffer::allocate);
    }

    /**
     * As {@link #read(long, int, long, boolean)}, copying into a buffer from {@code allocator} (asked once, for
     * exactly the bytes to copy), so a caller can read straight into memory it owns, e.g. pooled direct
     * memory that goes to the socket without another copy.
     */
    public ReadResult read(
            long offset,
            int maxBytes,
            long maxOffsetExclusive,
            boolean minOneBatch,
            IntFunction<ByteBuffer> allocator) {
        checkNotDeleted();
        PartitionState snapshot = state;
        long hw = highWatermark;
        if (offset < snapshot.logStartOffset() || offset > snapshot.logEndOffset()) {
            throw new OffsetOutOfRangeException("Offset " + offset + " is out of range for " + key + ": log start "
                    + snapshot.logStartOffset() + ", log end " + snapshot.logEndOffset());
        }
        long limit = Math.min(maxOffsetExclusive, snapshot.logEndOffset());
        MemoryRecords records = offset >= limit
                ? MemoryRecords.EMPTY
                : store.withReadTxn(this, txn -> copyBatches(txn, offset, maxBytes, limit, minOneBatch, allocator));
        return new ReadResult(records, snapshot.logStartOffset(), snapshot.logEndOffset(), hw);
    }

    private MemoryRecords copyBatches(
            Txn<ByteBuffer> txn,
            long offset,
            int maxBytes,
            long limit,
            boolean minOneBatch,
            IntFunction<ByteBuffer> allocator) {
        try (BatchCursor cursor = new BatchCursor(logDb, txn)) {
            if (!cursor.seekContaining(offset)) {
                return MemoryRecords.EMPTY;
            }
            long firstBase = BatchHeader.baseOffset(cursor.header());
            // Pass 1 sizes the answer from batch headers; pass 2 copies it into one exactly-sized array.
            int total = 0;
            int count = 0;
            do {
                ByteBuffer batch = cursor.header();
                int size = BatchHeader.size(batch);
                if (BatchHeader.lastOffset(batch) >= limit) {
                    break;
                }
                boolean fits = (long) total + size <= maxBytes;
                if (!fits && !(count == 0 && minOneBatch)) {
                    break;
                }
                total += size;
                count++;
                if (!fits) {
                    break;
                }
            } while (cursor.next());
            if (count == 0) {
                return MemoryRecords.EMPTY;
            }
            ByteBuffer out = allocator.apply(total);
            cursor.seek(firstBase);
            for (int i = 0; i < count; i++) {
                cursor.copyTo(out);
                if (i + 1 < count) {
                    cursor.next();
                }
            }
            out.flip();
            return MemoryRecords.readableRecords(out);
        }
    }

    public long logStartOffset() {
        return state.logStartOffset();
    }

    /** The next offset to assign; it only advances after the commit. */
    public long logEndOffset() {
        return state.logEndOffset();
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** Sets the high watermark (clamped to [log start, log end]) at once, and persists it in a coming commit. */
    public void updateHighWatermark(long hw) {
        PartitionState snapshot = state;
        long clamped = Math.max(snapshot.logStartOffset(), Math.min(hw, snapshot.logEndOffset()));
        if (clamped == highWatermark && clamped == snapshot.highWatermark()) {
            return; // already in effect and persisted
        }
        highWatermark = clamped;
        if (highWatermarkQueued.compareAndSet(false, true)) {
            store.writer().persistHighWatermarkSoon(this);
        }
    }

    /** Writer thread: the operation that persists this log's latest high watermark. */
    HighWatermarkOp highWatermarkOp() {
        HighWatermarkOp op = new HighWatermarkOp(this);
        op.future.whenComplete((ignored, error) -> {
            if (error != null) {
                highWatermarkQueued.set(false);
                LOG.warn("Could not persist high watermark {} of {}", highWatermark, key, error);
            }
        });
        return op;
    }

    /**
     * Writer thread, in a {@link HighWatermarkOp}: the latest high watermark, to persist. The flag is cleared
     * first, so an advance that lands after this read queues an operation of its own.
     */
    long takeHighWatermarkToPersist() {
        highWatermarkQueued.set(false);
        return highWatermark;
    }

    public long sizeInBytes() {
        return state.sizeInBytes();
    }

    /** Leader epochs and their start offsets, oldest first (Kafka's leader-epoch checkpoint). */
    public List<EpochEntry> leaderEpochs() {
        return state.epochs();
    }

    /**
     * The first record whose timestamp is at or after {@code timestamp}. The time index names the first batch
     * whose max timestamp reaches it (every earlier batch's max is below the previous entry's key); the record
     * is then found inside that batch.
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        checkNotDeleted();
        long logStart = state.logStartOffset();
        return store.withReadTxn(this, txn -> {
            long base;
            try (Cursor<ByteBuffer> index = timeIndexDb.openCursor(txn)) {
                if (!index.get(LmdbKeys.scratchLongKey(Math.max(0, timestamp)), GetOp.MDB_SET_RANGE)) {
                    return Optional.<TimestampAndOffset>empty();
                }
                base = BatchHeader.longAt(index.val());
            }
            try (BatchCursor cursor = new BatchCursor(logDb, txn)) {
                boolean found = cursor.seek(base);
                while (found) {
                    if (BatchHeader.maxTimestamp(cursor.header()) >= timestamp) {
                        Optional<TimestampAndOffset> hit = firstRecordAtOrAfter(cursor.copy(), timestamp, logStart);
                        if (hit.isPresent()) {
                            return hit;
                        }
                    }
                    found = cursor.next();
                }
            }
            return Optional.<TimestampAndOffset>empty();
        });
    }

    private static Optional<TimestampAndOffset> firstRecordAtOrAfter(ByteBuffer stored, long timestamp, long logStart) {
        MutableRecordBatch batch = MemoryRecords.readableRecords(stored.duplicate())
                .batches()
                .iterator()
                .next();
        try (CloseableIterator<Record> records = batch.skipKeyValueIterator(RecordValidator.buffers())) {
            while (records.hasNext()) {
                Record record = records.next();
                if (record.offset() >= logStart && record.timestamp() >= timestamp) {
                    return Optional.of(
                            new TimestampAndOffset(record.timestamp(), record.offset(), batch.partitionLeaderEpoch()));
                }
            }
        }
        return Optional.empty();
    }

    /** The record with the largest timestamp: the last time index entry names its batch. */
    public Optional<TimestampAndOffset> offsetOfMaxTimestamp() {
        checkNotDeleted();
        return store.withReadTxn(this, txn -> {
            long base;
            try (Cursor<ByteBuffer> index = timeIndexDb.openCursor(txn)) {
                if (!index.last()) {
                    return Optional.<TimestampAndOffset>empty();
                }
                base = BatchHeader.longAt(index.val());
            }
            try (BatchCursor cursor = new BatchCursor(logDb, txn)) {
                if (!cursor.seek(base)) {
                    return Optional.<TimestampAndOffset>empty();
                }
                // The first record carrying the batch's max timestamp (for LogAppendTime that is the first record).
                long maxTimestamp = BatchHeader.maxTimestamp(cursor.header());
                return firstRecordAtOrAfter(cursor.copy(), maxTimestamp, Long.MIN_VALUE);
            }
        });
    }

    /**
     * DeleteRecords: raises the log start offset to {@code offset} (at most the high watermark, else
     * OffsetOutOfRangeException) and deletes the whole batches before it. Completes with the new log start.
     */
    public CompletableFuture<Long> deleteRecordsBefore(long offset) {
        if (deleted) {
            return CompletableFuture.failedFuture(deletedException());
        }
        return store.writer().submit(HeadDeletionOp.deleteRecordsBefore(this, offset));
    }

    /** Replication: drops everything at and after {@code offset}. */
    public CompletableFuture<Void> truncateTo(long offset) {
        if (deleted) {
            return CompletableFuture.failedFuture(deletedException());
        }
        return store.writer().submit(new TruncateOp(this, offset, false));
    }

    /** Replication: drops the whole log and restarts it empty at {@code offset} (log start = log end). */
    public CompletableFuture<Void> truncateFullyAndStartAt(long offset) {
        if (deleted) {
            return CompletableFuture.failedFuture(deletedException());
        }
        return store.writer().submit(new TruncateOp(this, offset, true));
    }

    /** Applies retention now; completes with the log start offset afterwards. */
    CompletableFuture<Long> applyRetention() {
        if (deleted) {
            return CompletableFuture.completedFuture(-1L);
        }
        return store.writer().submit(HeadDeletionOp.retention(this));
    }

    /** Called on the writer thread, outside any lock, after each commit that appended to this partition. */
    public void setAppendListener(Runnable listener) {
        this.appendListener = listener;
    }

    /** Producer state for idempotence, as committed. */
    public Optional<ProducerStateEntry> producerState(long producerId) {
        return Optional.ofNullable(producers.get(producerId));
    }

    // ---- writer-side plumbing ----

    Dbi<ByteBuffer> logDb() {
        return logDb;
    }

    Dbi<ByteBuffer> timeIndexDb() {
        return timeIndexDb;
    }

    ByteBuffer metaKey() {
        return metaKey;
    }

    PartitionState committedState() {
        return state;
    }

    /**
     * Writer thread: this partition's state for a transaction that changes it, carrying the in-memory high
     * watermark if it is ahead of the persisted one. So every commit that touches the partition persists it
     * for free, and an operation that checks against it (DeleteRecords) sees the value in effect.
     */
    PartitionWork startWork() {
        PartitionState committed = state;
        PartitionWork work = new PartitionWork(this, committed);
        long inMemory = highWatermark;
        if (inMemory != committed.highWatermark()) {
            work.persistHighWatermark(clampHighWatermark(work, inMemory));
        }
        return work;
    }

    static long clampHighWatermark(PartitionWork work, long highWatermark) {
        return Math.max(work.logStartOffset, Math.min(highWatermark, work.logEndOffset));
    }

    ProducerStateEntry committedProducer(long producerId) {
        return producers.get(producerId);
    }

    Set<Long> committedProducerIds() {
        return producers.keySet();
    }

    boolean isDeleted() {
        return deleted;
    }

    long truncationCount() {
        return truncations;
    }

    LogStore store() {
        return store;
    }

    void markDeleted() {
        deleted = true;
    }

    /** Makes a committed transaction's changes visible. Writer thread only. */
    void publish(PartitionWork work) {
        for (Map.Entry<Long, ProducerStateEntry> changed : work.changedProducers.entrySet()) {
            if (changed.getValue() == null) {
                producers.remove(changed.getKey());
            } else {
                producers.put(changed.getKey(), changed.getValue());
            }
        }
        state = work.toState();
        if (work.truncated) {
            truncations++; // writer thread only, so no lost update
        }
        if (work.highWatermarkChanged && !work.highWatermarkFromMemory) {
            // A truncation or a recovery set it; a value persisted from memory may since have been passed.
            highWatermark = work.highWatermark;
        }
    }

    void notifyAppendListener() {
        Runnable listener = appendListener;
        if (listener == null) {
            return;
        }
        try {
            listener.run();
        } catch (RuntimeException e) {
            LOG.warn("Append listener of {} failed", key, e);
        }
    }

    private void checkNotDeleted() {
        if (deleted) {
            throw deletedException();
        }
    }

    private UnknownTopicOrPartitionException deletedException() {
        return new UnknownTopicOrPartitionException("Partition " + key + " was deleted");
    }

    @Override
    public String toString() {
        return "PartitionLog(" + key + ")";
    }
}
