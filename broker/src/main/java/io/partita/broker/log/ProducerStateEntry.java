package io.partita.broker.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * An idempotent producer's state in one partition: its epoch and its last few batches (oldest first), as
 * Kafka's ProducerStateManager keeps it. Immutable: the writer thread builds a new entry per accepted batch.
 */
public record ProducerStateEntry(long producerId, short producerEpoch, List<BatchMetadata> batches) {

    /** Kafka retains this many batches per producer: the producer has at most 5 requests in flight. */
    static final int BATCHES_TO_RETAIN = 5;

    public ProducerStateEntry {
        batches = List.copyOf(batches);
    }

    static ProducerStateEntry empty(long producerId) {
        return new ProducerStateEntry(producerId, RecordBatch.NO_PRODUCER_EPOCH, List.of());
    }

    public int lastSeq() {
        return batches.isEmpty()
                ? RecordBatch.NO_SEQUENCE
                : batches.get(batches.size() - 1).lastSeq();
    }

    public long lastOffset() {
        return batches.isEmpty() ? -1L : batches.get(batches.size() - 1).lastOffset();
    }

    /** A retry carries exactly the sequence range of a batch we already stored, under the same epoch. */
    Optional<BatchMetadata> findDuplicate(short epoch, int firstSeq, int lastSeq) {
        if (epoch != producerEpoch) {
            return Optional.empty();
        }
        for (BatchMetadata batch : batches) {
            if (batch.firstSeq() == firstSeq && batch.lastSeq() == lastSeq) {
                return Optional.of(batch);
            }
        }
        return Optional.empty();
    }

    /** This entry after accepting a batch; a new epoch starts a fresh history. */
    ProducerStateEntry withBatch(short epoch, BatchMetadata batch) {
        List<BatchMetadata> kept = new ArrayList<>(BATCHES_TO_RETAIN);
        if (epoch == producerEpoch) {
            kept.addAll(batches);
        }
        kept.add(batch);
        while (kept.size() > BATCHES_TO_RETAIN) {
            kept.remove(0);
        }
        return new ProducerStateEntry(producerId, epoch, kept);
    }

    /** This entry with the batches at or after {@code offset} forgotten (log truncation). */
    ProducerStateEntry truncatedTo(long offset) {
        List<BatchMetadata> kept = new ArrayList<>(batches.size());
        for (BatchMetadata batch : batches) {
            if (batch.lastOffset() < offset) {
                kept.add(batch);
            }
        }
        return new ProducerStateEntry(producerId, producerEpoch, kept);
    }
}
