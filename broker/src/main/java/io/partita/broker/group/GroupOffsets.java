package io.partita.broker.group;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * A group's committed offsets, as Kafka keeps them apart from its membership (its {@code OffsetMetadataManager}).
 * Not thread-safe: its group's lock guards it.
 */
final class GroupOffsets {
    private final Map<TopicPartition, CommittedOffset> offsets = new HashMap<>();
    /** The log offset each committed offset was written at: a commit answered late never overwrites a newer one. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Commits being written: until they end, the group holds offsets (Kafka's pending offset commits). */
    private int pendingCommits;

    /** Offsets loaded from the log by a new coordinator: any commit written after them replaces them. */
    void restore(Map<TopicPartition, CommittedOffset> loaded) {
        offsets.putAll(loaded);
    }

    /** Records offsets once written at {@code logPosition}; a slower, older write never replaces a newer one. */
    void apply(Map<TopicPartition, CommittedOffset> committed, long logPosition) {
        committed.forEach((tp, offset) -> {
            Long previous = positions.get(tp);
            if (previous == null || previous <= logPosition) {
                offsets.put(tp, offset);
                positions.put(tp, logPosition);
            }
        });
    }

    void remove(Set<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            offsets.remove(tp);
            positions.remove(tp);
        });
    }

    Map<TopicPartition, CommittedOffset> snapshot() {
        return Map.copyOf(offsets);
    }

    Set<TopicPartition> partitions() {
        return Set.copyOf(offsets.keySet());
    }

    /** No offsets, and none being written. */
    boolean isEmpty() {
        return offsets.isEmpty() && pendingCommits == 0;
    }

    void commitStarted() {
        pendingCommits++;
    }

    void commitEnded() {
        pendingCommits--;
    }

    /** The offsets whose age, counted from {@code base} of each, has reached {@code retentionMs} at {@code now}. */
    Set<TopicPartition> olderThan(long now, long retentionMs, ToLongFunction<CommittedOffset> base) {
        Set<TopicPartition> expired = new HashSet<>();
        offsets.forEach((tp, offset) -> {
            if (now - base.applyAsLong(offset) >= retentionMs) {
                expired.add(tp);
            }
        });
        return expired;
    }
}
