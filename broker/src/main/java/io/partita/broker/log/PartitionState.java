package io.partita.broker.log;

import java.util.List;

/**
 * A partition's committed offsets and counters, exactly as the meta database holds them. Immutable: the writer
 * publishes a new one after each commit, so readers always see a consistent set.
 *
 * @param maxTimestamp the largest batch max timestamp in the log (-1 if none); equals the key of the last time
 *                     index entry
 * @param activeSegment the virtual active segment, which compaction never touches
 * @param cleanerCheckpoint the first offset the cleaner has not yet compacted (Kafka's cleaner-offset-checkpoint),
 *                          or -1 if it never ran
 */
record PartitionState(
        String topic,
        long logStartOffset,
        long logEndOffset,
        long highWatermark,
        long sizeInBytes,
        long maxTimestamp,
        List<EpochEntry> epochs,
        ActiveSegment activeSegment,
        long cleanerCheckpoint) {

    PartitionState {
        epochs = List.copyOf(epochs);
    }

    static PartitionState empty(String topic, long now) {
        return new PartitionState(topic, 0L, 0L, 0L, 0L, -1L, List.of(), ActiveSegment.startingAt(0, now), -1L);
    }

    int latestEpoch() {
        return epochs.isEmpty() ? -1 : epochs.get(epochs.size() - 1).epoch();
    }
}
