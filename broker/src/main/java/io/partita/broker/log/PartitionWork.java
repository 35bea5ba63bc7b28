package io.partita.broker.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition's state as the current write transaction is changing it. Made from the committed state on first
 * touch; published to the PartitionLog only after the commit, and thrown away if the transaction aborts.
 */
final class PartitionWork {

    final PartitionLog log;
    long logStartOffset;
    long logEndOffset;
    long highWatermark;
    long sizeInBytes;
    long maxTimestamp;
    final List<EpochEntry> epochs;
    /** Producers changed in this transaction; a null value means the entry is removed. */
    final Map<Long, ProducerStateEntry> changedProducers = new HashMap<>();

    long appendedRecords;
    boolean highWatermarkChanged;
    /** The change only persists the value already in effect in memory (which may have moved on since). */
    boolean highWatermarkFromMemory;

    ActiveSegment activeSegment;
    long cleanerCheckpoint;
    /** Set when this transaction removed batches from the tail: a cleaning pass planned before is void. */
    boolean truncated;

    PartitionWork(PartitionLog log, PartitionState committed) {
        this.log = log;
        this.logStartOffset = committed.logStartOffset();
        this.logEndOffset = committed.logEndOffset();
        this.highWatermark = committed.highWatermark();
        this.sizeInBytes = committed.sizeInBytes();
        this.maxTimestamp = committed.maxTimestamp();
        this.epochs = new ArrayList<>(committed.epochs());
        this.activeSegment = committed.activeSegment();
        this.cleanerCheckpoint = committed.cleanerCheckpoint();
    }

    void setHighWatermark(long value) {
        highWatermark = value;
        highWatermarkChanged = true;
        highWatermarkFromMemory = false;
    }

    /** Persists the in-memory high watermark; an earlier change in this transaction (a truncation) still rules. */
    void persistHighWatermark(long value) {
        highWatermarkFromMemory = !highWatermarkChanged || highWatermarkFromMemory;
        highWatermark = value;
        highWatermarkChanged = true;
    }

    ProducerStateEntry producer(long producerId) {
        if (changedProducers.containsKey(producerId)) {
            ProducerStateEntry changed = changedProducers.get(producerId);
            return changed != null ? changed : ProducerStateEntry.empty(producerId);
        }
        ProducerStateEntry committed = log.committedProducer(producerId);
        return committed != null ? committed : ProducerStateEntry.empty(producerId);
    }

    int latestEpoch() {
        return epochs.isEmpty() ? -1 : epochs.get(epochs.size() - 1).epoch();
    }

    /** Kafka's leader-epoch cache: remember where each new, higher epoch starts. */
    void recordEpochStart(int epoch, long startOffset) {
        if (epoch >= 0 && epoch > latestEpoch()) {
            epochs.add(new EpochEntry(epoch, startOffset));
        }
    }

    /** Drops epochs that no longer cover any offset at or after the log start (keeps the one holding it). */
    void trimEpochsBefore(long offset) {
        while (epochs.size() > 1 && epochs.get(1).startOffset() <= offset) {
            epochs.remove(0);
        }
    }

    void trimEpochsFrom(long offset) {
        epochs.removeIf(entry -> entry.startOffset() >= offset);
    }

    PartitionState toState() {
        return new PartitionState(
                log.key().topic(),
                logStartOffset,
                logEndOffset,
                highWatermark,
                sizeInBytes,
                maxTimestamp,
                epochs,
                activeSegment,
                cleanerCheckpoint);
    }
}
