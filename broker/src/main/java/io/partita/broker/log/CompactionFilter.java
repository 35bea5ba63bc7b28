package io.partita.broker.log;

import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Kafka's cleaner rules for one pass, handed to kafka-clients' {@code MemoryRecords.filterTo}, which rebuilds a
 * batch with only the retained records (same codec, same base and last offset, same producer fields) or
 * drops it, and stamps a batch holding a retained tombstone with its delete horizon.
 *
 * <p>A record stays if it is the latest for its key in the dirty section (or its key is not there) and it has
 * a value. A tombstone (null value) stays too until its batch's delete horizon: the first pass that keeps it
 * stamps the batch with now + delete.retention.ms (KIP-534, since Kafka 3.1), and the first pass after that
 * time drops it, giving consumers delete.retention.ms to see the deletion. Records without a key cannot be
 * produced to a compacted topic; any left from before the topic was compacted are dropped, as Kafka does.
 *
 * <p>An emptied batch disappears, except two that Kafka keeps as an empty header: an idempotent producer's
 * latest batch (its producer id, epoch and last sequence let a new replica rebuild the producer's state from
 * the log, and keep a retry recognised), and the batch ending where this pass's cleanable range ends (so the
 * log's last cleaned offset stays visible, and a follower copying the log reaches the same end).
 */
final class CompactionFilter extends MemoryRecords.RecordFilter {

    private final OffsetMap map;
    private final PartitionLog log;
    private final long roundEndOffset;
    private long removedRecords;
    private long removedTombstones;

    CompactionFilter(OffsetMap map, PartitionLog log, long roundEndOffset, long now, long deleteRetentionMs) {
        super(now, deleteRetentionMs);
        this.map = map;
        this.log = log;
        this.roundEndOffset = roundEndOffset;
    }

    @Override
    protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
        boolean producersLatest = batch.hasProducerId()
                && log.producerState(batch.producerId())
                        .map(entry -> entry.lastOffset() == batch.lastOffset())
                        .orElse(false);
        BatchRetention retention = producersLatest || batch.nextOffset() == roundEndOffset
                ? BatchRetention.RETAIN_EMPTY
                : BatchRetention.DELETE_EMPTY;
        return new BatchRetentionResult(retention, false);
    }

    @Override
    protected boolean shouldRetainRecord(RecordBatch batch, Record record) {
        if (record.offset() > map.latestOffset() || batch.isControlBatch()) {
            return true; // beyond what this pass mapped, or a transaction marker: not this filter's to judge
        }
        boolean retain = record.hasKey()
                && record.offset() >= map.get(record.key())
                && (record.hasValue() || tombstoneStillVisible(batch));
        if (!retain) {
            removedRecords++;
            if (!record.hasValue()) {
                removedTombstones++;
            }
        }
        return retain;
    }

    private boolean tombstoneStillVisible(RecordBatch batch) {
        return batch.deleteHorizonMs().isEmpty()
                || currentTime < batch.deleteHorizonMs().getAsLong();
    }

    long removedRecords() {
        return removedRecords;
    }

    long removedTombstones() {
        return removedTombstones;
    }
}
