package io.partita.broker.log;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Kafka's epoch and sequence checks for a leader append (ProducerAppendInfo.checkProducerEpoch and
 * checkSequence), applied to one batch against the producer's current entry.
 */
final class ProducerSequenceRules {

    private ProducerSequenceRules() {}

    /**
     * Throws if the batch may not follow {@code current}. A lower epoch is fenced with
     * InvalidProducerEpochException (Kafka's answer to clients since KIP-588); a new epoch must start at
     * sequence 0; within an epoch the sequence must continue, wrapping after Integer.MAX_VALUE. A producer we
     * know nothing about may start anywhere, as in Kafka (its earlier batches may have been deleted).
     */
    static void check(ProducerStateEntry current, short epoch, int firstSeq, PartitionKey partition) {
        short knownEpoch = current.producerEpoch();
        if (epoch < knownEpoch) {
            throw new InvalidProducerEpochException("Epoch of producer " + current.producerId() + " in " + partition
                    + " is " + epoch + ", which is smaller than the last seen epoch " + knownEpoch);
        }
        if (epoch != knownEpoch) {
            if (firstSeq != 0 && knownEpoch != RecordBatch.NO_PRODUCER_EPOCH) {
                throw new OutOfOrderSequenceException("Invalid sequence number for new epoch of producer "
                        + current.producerId() + " in " + partition + ": " + epoch + " (request epoch), "
                        + firstSeq + " (seq. number), " + knownEpoch + " (current producer epoch)");
            }
            return;
        }
        int lastSeq = current.lastSeq();
        if (lastSeq != RecordBatch.NO_SEQUENCE && !inSequence(lastSeq, firstSeq)) {
            throw new OutOfOrderSequenceException("Out of order sequence number for producer " + current.producerId()
                    + " in " + partition + ": " + firstSeq + " (incoming seq. number), " + lastSeq
                    + " (current end sequence number)");
        }
    }

    static boolean inSequence(int lastSeq, int nextSeq) {
        return nextSeq == lastSeq + 1L || (nextSeq == 0 && lastSeq == Integer.MAX_VALUE);
    }
}
